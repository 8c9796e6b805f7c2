// Documents as files carry them: the published text layout, and hostile input a checker must survive.
import fc from 'fast-check';
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { Entry, Layout, Profile } from '../model/profile.js';
import { SECTION_IDS } from '../model/profile.js';
import { renderPublishedText } from '../load/index.js';
import { toYaml } from '../load/serialize.js';
import { worldArb, type ProfileOptions } from './world.js';

const HEADINGS: Record<string, string> = {
  organizations: 'INTERNATIONAL ORGANIZATIONS',
  treaties: 'TREATIES & AGREEMENTS',
  'export-control': 'NONPROLIFERATION EXPORT CONTROL REGIMES',
  terrorism: 'TERRORISM CONVENTIONS',
};
const GROUPS: Record<string, string> = {
  nuclear: 'Nuclear',
  'chemical-biological': 'Chemical & Biological',
  delivery: 'WMD delivery systems',
  other: 'Other',
};

/** Keeps what the published layout can say of a row: the status cell's data, not the other dates. */
function projectEntry(e: Entry, catalog: Catalog, variant: number): Entry {
  const out: Entry = { instrument: e.instrument, status: e.status };
  if (e.name) out.name = e.name;
  if (e.notes) out.notes = e.notes;
  if (e.status === 'In force') {
    if (e.infcirc) out.infcirc = e.infcirc;
    if (e.inForce) out.inForce = e.inForce;
  }
  if (e.status === 'Signed' && e.signed) out.signed = e.signed;
  if (e.reports) out.reports = e.reports;
  // The layout reads a bare "Report submitted" as one undated report.
  else if (e.status === 'Report submitted') out.reports = [{}];
  // Cells written the way published profiles write them, where that still says the same thing.
  const absent = e.instrument ? catalog.kindOf(e.instrument)?.absent : undefined;
  if (variant === 1 && out.status === 'In force' && out.infcirc && !out.inForce) out.text = `Yes (INFCIRC ${out.infcirc})`;
  if (variant === 2 && out.status !== absent && !['In force', 'Signed', 'Report submitted'].includes(out.status))
    out.text = out.status.toLowerCase();
  if (variant === 3 && out.status === absent) out.text = '----------';
  return out;
}

/** Profiles as the published layout holds them (no dates beyond the status cells), with a varied layout. */
export function publishedProfile(opts: ProfileOptions = {}): fc.Arbitrary<Profile> {
  const catalog = opts.catalog ?? loadCatalog();
  const layout = fc.record({
    blankLinesBefore: fc.nat({ max: 2 }),
    blankLinesAfterTitle: fc.nat({ max: 2 }),
    tabAfterHeading: fc.boolean(),
    blankLinesBeforeFootnotes: fc.nat({ max: 2 }),
    blankLinesBetweenFootnotes: fc.nat({ max: 2 }),
    trailingBlankLines: fc.nat({ max: 2 }),
    finalNewline: fc.boolean(),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    variants: fc.array(fc.nat({ max: 5 }), { minLength: catalog.instruments.length, maxLength: catalog.instruments.length }),
    pageBreaks: fc.array(fc.nat({ max: 60 }), { maxLength: 3 }),
  });
  return fc.tuple(worldArb({ ...opts, catalog }), layout).map(([w, l]) => {
    const p = w.profile;
    const entries = p.entries.map((e, k) => projectEntry(e, catalog, l.variants[k]!));
    const sections = new Set(entries.map((e) => catalog.instrument(e.instrument!)!.section));
    const groups = new Set(entries.map((e) => catalog.instrument(e.instrument!)!.group).filter((g): g is string => !!g));
    const tab = l.tabAfterHeading ? '\t' : '';
    const lay: Layout = {
      blankLinesBefore: l.blankLinesBefore,
      title: p.state.name.toUpperCase(),
      ...(entries.length ? { blankLinesAfterTitle: l.blankLinesAfterTitle } : {}),
      ...(entries.length
        ? { headings: Object.fromEntries(SECTION_IDS.filter((s) => sections.has(s)).map((s) => [s, HEADINGS[s] + tab])) }
        : {}),
      ...(groups.size ? { groups: Object.fromEntries([...groups].map((g) => [g, `<i>${GROUPS[g]}:</i>${tab}`])) } : {}),
    };
    const notes = p.footnotes ?? [];
    if (notes.length && entries.length) lay.blankLinesBeforeFootnotes = l.blankLinesBeforeFootnotes;
    if (notes.length > 1 && entries.length) lay.blankLinesBetweenFootnotes = l.blankLinesBetweenFootnotes;
    if (l.trailingBlankLines) lay.trailingBlankLines = l.trailingBlankLines;
    if (l.finalNewline) lay.finalNewline = true;
    if (l.crlf) lay.lineEnding = 'crlf';
    if (l.bom) lay.bom = true;
    // Page breaks fall between two rows of one section and group (before a heading they are not kept).
    for (const k of l.pageBreaks) {
      const [a, b] = [entries[k - 1], entries[k]];
      const ia = a && catalog.instrument(a.instrument!);
      const ib = b && catalog.instrument(b.instrument!);
      if (ia && ib && ia.section === ib.section && ia.group === ib.group) b!.blankBefore = 1;
    }
    const out: Profile = { profile: 1, state: p.state, entries, layout: lay };
    if (entries.length && notes.length) out.footnotes = notes;
    return out;
  });
}

/** Published text as a profile would be printed in the layout (canonical: it reads back byte for byte). */
export function publishedText(opts: ProfileOptions = {}): fc.Arbitrary<string> {
  const catalog = opts.catalog ?? loadCatalog();
  return publishedProfile({ ...opts, catalog }).map((p) => renderPublishedText(p, catalog));
}

export interface HostileInput {
  /** What the input is (for messages and file names). */
  kind: string;
  /** File name: its extension picks the reader. */
  path: string;
  bytes: Uint8Array;
}

const enc = new TextEncoder();
const EXT = fc.constantFrom('p.yaml', 'p.json', 'p.txt', 'p.yml', 'p');
const SNIPPETS = [
  '['.repeat(3000),
  '{"a":'.repeat(2000),
  '- '.repeat(2000) + 'x',
  'a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n',
  '__proto__: { polluted: true }\nconstructor: { prototype: { x: 1 } }\n',
  'profile: 1e999\nstate: { name: 0x1F }\nentries: !!binary AAAA\n',
  '\uFEFF\uFEFFprofile: 1\n',
  'entries: [' + '{status: x},'.repeat(500) + ']',
  '\r\r\n\u2028\u2029\t\v\f',
  'profile: 1\nstate: {name: X}\nentries:\n  - status: "\\uD800"\n',
  'KAZAKHSTAN\nINTERNATIONAL ORGANIZATIONS\tSTATUS¹\n\tMember\n¹\n⁹⁹⁹ x\n',
];

/** Bytes no checker may crash on: arbitrary, truncated, spliced with known parser traps, or mis-encoded. */
export function hostileInput(opts: ProfileOptions = {}): fc.Arbitrary<HostileInput> {
  const catalog = opts.catalog ?? loadCatalog();
  const doc = fc.tuple(worldArb({ ...opts, catalog }), fc.constantFrom('yaml', 'json', 'text')).map(([w, f]) => {
    const text =
      f === 'yaml' ? toYaml(w.profile) : f === 'json' ? JSON.stringify(w.profile, null, 2) : renderPublishedText(w.profile, catalog);
    return { text, path: f === 'text' ? 'p.txt' : `p.${f}` };
  });
  return fc.oneof(
    fc.record({ kind: fc.constant('string'), path: EXT, bytes: fc.string({ unit: 'binary', maxLength: 400 }).map((s) => enc.encode(s)) }),
    fc.record({ kind: fc.constant('bytes'), path: EXT, bytes: fc.uint8Array({ maxLength: 400 }) }),
    fc.record({
      kind: fc.constant('json value'),
      path: fc.constantFrom('p.json', 'p.yaml'),
      bytes: fc.jsonValue({ maxDepth: 4 }).map((v) => enc.encode(JSON.stringify(v) ?? 'null')),
    }),
    fc.tuple(doc, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()).map(([d, at, asBytes]) => {
      // Cut by bytes as well as characters: a cut inside a UTF-8 sequence is a decoding error to report.
      const bytes = enc.encode(d.text);
      return asBytes
        ? { kind: 'truncated bytes', path: d.path, bytes: bytes.subarray(0, Math.floor(bytes.length * at)) }
        : { kind: 'truncated', path: d.path, bytes: enc.encode(d.text.slice(0, Math.floor(d.text.length * at))) };
    }),
    fc.tuple(doc, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS)).map(([d, at, s]) => {
      const k = Math.floor(d.text.length * at);
      return { kind: 'spliced', path: d.path, bytes: enc.encode(d.text.slice(0, k) + s + d.text.slice(k)) };
    }),
    fc.tuple(doc, fc.constantFrom('utf16le', 'utf16be', 'latin1')).map(([d, e]) => {
      const body = e === 'latin1' ? Uint8Array.from(Buffer.from(d.text, 'latin1')) : utf16(d.text, e === 'utf16be');
      return { kind: e, path: d.path, bytes: body };
    }),
  );
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    out[2 + 2 * k] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + 2 * k] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}
