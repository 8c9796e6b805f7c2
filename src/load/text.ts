// The published text layout (see profiles/ and the README): read into a profile, and printed back.
import type { Catalog } from '../catalog/index.js';
import type { Entry, Footnote, Layout, Profile } from '../model/profile.js';
import { SECTION_IDS, GROUP_IDS } from '../model/profile.js';
import { markersIn, toSuperscript, MARKER_RUN, fromSuperscript } from './markers.js';
import { parseStatusCell, renderStatusCell, cellAgrees } from './status.js';
import type { Loaded, Position, LoadProblem } from './types.js';
import { DEFAULT_LOAD_LIMITS, LIMIT_FLAGS, FIXED_LIMITS, type LoadLimits } from './limits.js';

// Maps, not object literals: a heading "constructor" must not find Object.prototype's.
const KNOWN_HEADINGS = new Map([
  ['international organizations', 'organizations'],
  ['treaties & agreements', 'treaties'],
  ['treaties and agreements', 'treaties'],
  ['nonproliferation export control regimes', 'export-control'],
  ['terrorism conventions', 'terrorism'],
]);
const KNOWN_GROUPS = new Map([
  ['nuclear', 'nuclear'],
  ['chemical & biological', 'chemical-biological'],
  ['chemical and biological', 'chemical-biological'],
  ['wmd delivery systems', 'delivery'],
  ['other', 'other'],
]);
const FOOTNOTE_START = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s(.*)$/u;
/** What people type for a footnote marker when superscript digits are not at hand. */
const NOT_A_MARKER = /^([*†‡§¶]+|\d{1,2}|\(\d{1,2}\)|\[\d{1,2}\]|[ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ])\s/u;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'section';

/**
 * Looks like the published layout: a first line with no lower-case letter or tab, then a known
 * section heading. Written as scans, not one pattern: stacked quantifiers over whitespace made the
 * pattern's time grow with the square (and worse) of a line's length.
 */
export function looksLikePublishedText(text: string): boolean {
  const head = text
    .slice(0, 4000)
    .replace(/^\uFEFF/, '')
    .trimStart();
  const eol = head.indexOf('\n');
  if (head === '' || eol < 0 || /[a-z\t]/.test(head.slice(0, eol))) return false;
  return /INTERNATIONAL ORGANIZATIONS|TREATIES\s*&\s*AGREEMENTS/.test(head.slice(eol + 1));
}

/** The name of an `<i>Nuclear:</i>` sub-heading (trimmed, one final colon dropped), else undefined. */
export function groupHeading(name: string): string | undefined {
  const t = name.trimEnd();
  if (t.length < 7 || t.slice(0, 3).toLowerCase() !== '<i>' || t.slice(-4).toLowerCase() !== '</i>') return undefined;
  const inner = t.slice(3, -4).trim();
  return inner.endsWith(':') ? inner.slice(0, -1).trimEnd() : inner;
}

const WS = /\s/;

interface Split {
  name: string;
  cell?: string;
  cellColumn: number;
}

/** A row is `name<TAB>status`; a run of two or more spaces is tolerated in place of the tab. */
export function splitRow(line: string): Split {
  const tab = line.indexOf('\t');
  if (tab >= 0) return { name: line.slice(0, tab), cell: line.slice(tab + 1), cellColumn: tab + 2 };
  // The first run of two or more spaces between two non-space characters (one pass over the line).
  for (let i = 1; i < line.length; i++) {
    if (line[i] !== ' ' || WS.test(line[i - 1]!)) continue;
    let j = i;
    while (j < line.length && line[j] === ' ') j++;
    if (j - i >= 2 && j < line.length && !WS.test(line[j]!)) return { name: line.slice(0, i), cell: line.slice(j), cellColumn: j + 1 };
    i = j;
  }
  return { name: line, cellColumn: 0 };
}

export function parsePublishedText(source: string, catalog: Catalog, limits: Pick<LoadLimits, 'maxRows'> = DEFAULT_LOAD_LIMITS): Loaded {
  const layout: Layout = {};
  const positions = new Map<string, Position>();
  const problems: LoadProblem[] = [];
  let text = source;
  if (text.startsWith('\uFEFF')) {
    layout.bom = true;
    text = text.slice(1);
  }
  if (/\r\n/.test(text)) layout.lineEnding = 'crlf';
  const finalNewline = /(\r\n|\r|\n)$/.test(text);
  if (finalNewline) layout.finalNewline = true;
  const lines = text.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/);

  let i = 0;
  let blanks = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  layout.blankLinesBefore = i;
  const titleLine = i < lines.length ? lines[i]!.trim() : '';
  const state = catalog.state(titleLine);
  const profile: Profile = {
    profile: 1,
    state: state ? { name: state.name, iso3: state.iso3 } : { name: titleCase(titleLine) },
    entries: [],
  };
  if (titleLine) {
    layout.title = lines[i]!;
    positions.set('/state', { line: i + 1, column: 1 });
    i++;
  } else {
    problems.push({ message: 'the document is empty: no state name on its first line', line: 1, column: 1 });
  }
  if (titleLine && !state) {
    problems.push({ message: `"${titleLine}" is not a state the catalogue knows`, line: i, column: 1, pointer: '/state/name' });
  }

  let section: string | undefined;
  let group: string | undefined;
  const footnotes: Footnote[] = [];
  let firstRow = true;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') {
      blanks++;
      continue;
    }
    const fn = FOOTNOTE_START.exec(line);
    if (fn && (footnotes.length > 0 || profile.entries.length > 0)) {
      if (footnotes.length >= FIXED_LIMITS.maxFootnotes) {
        problems.push({ message: `the profile has more than ${FIXED_LIMITS.maxFootnotes} footnotes, the limit`, line: lineNo, column: 1 });
        return { profile: undefined, positions: { get: () => undefined }, problems, format: 'text' };
      }
      const note: Footnote = { marker: fromSuperscript(fn[1]!), text: fn[2]! };
      if (footnotes.length === 0) layout.blankLinesBeforeFootnotes = blanks;
      else if (layout.blankLinesBetweenFootnotes === undefined) layout.blankLinesBetweenFootnotes = blanks;
      else if (blanks !== layout.blankLinesBetweenFootnotes) note.blankBefore = blanks;
      positions.set(`/footnotes/${footnotes.length}`, { line: lineNo, column: 1 });
      footnotes.push(note);
      blanks = 0;
      continue;
    }
    if (footnotes.length > 0) {
      // A line inside the footnotes that starts no new footnote continues the last one.
      const last = footnotes[footnotes.length - 1]!;
      const odd = blanks > 0 ? NOT_A_MARKER.exec(line) : null;
      if (odd) {
        problems.push({
          message: `"${odd[1]}" is not a footnote marker (markers are superscript digits: ¹ ² ³ …); the line is read as more of footnote ${last.marker}`,
          line: lineNo,
          column: 1,
          pointer: `/footnotes/${footnotes.length - 1}`,
        });
      }
      last.text += '\n'.repeat(blanks + 1) + line;
      blanks = 0;
      continue;
    }
    if (firstRow) {
      layout.blankLinesAfterTitle = blanks;
      firstRow = false;
    }
    const row = splitRow(line);
    const bare = row.name.replace(MARKER_RUN, '').trim();
    const g = groupHeading(row.name);
    if (g !== undefined && !row.cell?.trim()) {
      group = KNOWN_GROUPS.get(g.toLowerCase()) ?? slug(g);
      (layout.groups ??= {})[group] = line;
      blanks = 0;
      continue;
    }
    if (/[A-Z]/.test(bare) && !/[a-z]/.test(bare) && !catalog.matchName(row.name) && (!row.cell?.trim() || /^[^a-z]*$/.test(row.cell))) {
      section = KNOWN_HEADINGS.get(bare.toLowerCase().replace(/\s+/g, ' ')) ?? slug(bare);
      group = undefined;
      (layout.headings ??= {})[section] = line;
      blanks = 0;
      continue;
    }
    const index = profile.entries.length;
    if (index >= limits.maxRows) {
      // Stop reading here: a truncated profile must not pass for the whole one (nor be imported).
      problems.push({
        message: `the profile has more than ${limits.maxRows} rows, the limit (set ${LIMIT_FLAGS.maxRows} to read it)`,
        line: lineNo,
        column: 1,
      });
      return { profile: undefined, positions: { get: () => undefined }, problems, format: 'text' };
    }
    const pointer = `/entries/${index}`;
    const entry = readRow(row, catalog, section, group, problems, lineNo, pointer);
    if (blanks > 0) entry.blankBefore = blanks;
    blanks = 0;
    profile.entries.push(entry);
    positions.set(pointer, { line: lineNo, column: 1 });
    positions.set(`${pointer}/name`, { line: lineNo, column: 1 });
    positions.set(`${pointer}/instrument`, { line: lineNo, column: 1 });
    if (row.cell !== undefined) {
      for (const k of ['status', 'text', 'infcirc', 'inForce', 'signed', 'reports', 'years', 'notes']) {
        positions.set(`${pointer}/${k}`, { line: lineNo, column: row.cellColumn });
      }
    }
  }
  if (blanks > 0) layout.trailingBlankLines = blanks;
  if (footnotes.length > 0) profile.footnotes = footnotes;
  fillYears(profile, catalog);
  if (Object.keys(layout).length > 0) profile.layout = layout;
  // A pointer deeper than a row (a report's date) stands on that row's status cell.
  const get = (pointer: string) => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const pos = positions.get(p);
      if (pos || p === '') return pos;
    }
  };
  return { profile, positions: { get }, problems, format: 'text' };
}

function readRow(
  row: Split,
  catalog: Catalog,
  section: string | undefined,
  group: string | undefined,
  problems: LoadProblem[],
  line: number,
  pointer: string,
): Entry {
  const match = catalog.matchName(row.name);
  const inst = match?.instrument;
  const kind = inst ? catalog.kindOf(inst.id) : undefined;
  const absent = kind?.absent ?? 'Not a party';
  const words = inst ? catalog.statusesOf(inst.id) : Object.values(catalog.kinds).flatMap((k) => k.statuses);
  const cell = row.cell ?? '';
  if (row.cell === undefined) {
    problems.push({
      message: 'this row has no status: expected a tab between the name and its status',
      line,
      column: row.name.length + 1,
      pointer,
    });
  }
  const parsed = parseStatusCell(cell, absent, words);
  const entry: Entry = { ...(inst ? { instrument: inst.id } : {}), status: parsed.status };
  if (!inst || row.name !== inst.label) entry.name = row.name;
  if (section && section !== inst?.section) entry.section = section;
  if (group && group !== inst?.group) entry.group = group;
  const notes = markersIn(row.name).concat(markersIn(cell));
  if (notes.length > FIXED_LIMITS.maxNotes) {
    problems.push({
      message: `this row has ${notes.length} footnote markers, over the limit of ${FIXED_LIMITS.maxNotes}`,
      line,
      column: 1,
      pointer,
    });
    notes.length = FIXED_LIMITS.maxNotes;
  }
  if (notes.length) entry.notes = notes;
  if (parsed.infcirc) entry.infcirc = parsed.infcirc;
  if (parsed.signed) entry.signed = parsed.signed;
  if (parsed.inForce) entry.inForce = parsed.inForce;
  if (parsed.reports && parsed.reports.length > FIXED_LIMITS.maxReports) {
    problems.push({
      message: `this row lists ${parsed.reports.length} reports, over the limit of ${FIXED_LIMITS.maxReports}`,
      line,
      column: 1,
      pointer,
    });
    parsed.reports.length = FIXED_LIMITS.maxReports;
  }
  if (parsed.reports) entry.reports = parsed.reports;
  if (row.cell === undefined || renderStatusCell(entry, absent) !== cell) entry.text = cell;
  return entry;
}

/** Rows of yearly reports (BTWC CBMs) whose footnote lists years ("1987-1991 … 2008") take them as data. */
function fillYears(profile: Profile, catalog: Catalog): void {
  // Footnotes by marker (the first of a marker counts, as a search from the start would find).
  const byMarker = new Map<number, string>();
  for (const f of profile.footnotes ?? []) if (!byMarker.has(f.marker)) byMarker.set(f.marker, f.text);
  for (const e of profile.entries) {
    if (!e.notes || catalog.instrument(e.instrument ?? '')?.kind !== 'cbm-reports') continue;
    // The footnote on the status cell lists the years; one on the name defines the measures.
    const onStatus = e.text ? markersIn(e.text) : [];
    const years = new Set<number>();
    for (const n of onStatus.length ? onStatus : e.notes) {
      for (const [from, to] of yearRanges(byMarker.get(n) ?? '')) for (let y = from; y <= to && y - from < 100; y++) years.add(y);
    }
    if (years.size) e.years = [...years].sort((a, b) => a - b);
  }
}

/**
 * Years and ranges of years in a footnote ("1987-1991, 1993 … 2008"), found in one pass: a year is
 * four digits 19xx or 20xx standing alone; a dash between two of them (spaces around it allowed)
 * makes a range.
 */
export function yearRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
  const yearAt = (i: number): number | undefined => {
    if (isWord(text[i - 1]) || isWord(text[i + 4])) return undefined;
    const s = text.slice(i, i + 4);
    if (s.length < 4 || !(s.startsWith('19') || s.startsWith('20')) || !isDigit(s[2]) || !isDigit(s[3])) return undefined;
    return Number(s);
  };
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text[i])) continue;
    const from = yearAt(i);
    if (from === undefined) {
      while (isDigit(text[i + 1])) i++;
      continue;
    }
    let j = i + 4;
    let k = j;
    while (k < text.length && WS.test(text[k]!)) k++;
    let to = from;
    if (text[k] === '-' || text[k] === '–') {
      k++;
      while (k < text.length && WS.test(text[k]!)) k++;
      const y = yearAt(k);
      if (y !== undefined) {
        to = y;
        j = k + 4;
      }
    }
    out.push([from, to]);
    i = j - 1;
  }
  return out;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

const sectionRank = (s: string) => {
  const k = (SECTION_IDS as readonly string[]).indexOf(s);
  return k < 0 ? SECTION_IDS.length : k;
};
const groupRank = (g: string | undefined) => {
  const k = (GROUP_IDS as readonly string[]).indexOf(g ?? '');
  return k < 0 ? (g ? GROUP_IDS.length : -1) : k;
};

/** Prints a profile in the published layout. A profile imported from that layout prints back byte for byte. */
export function renderPublishedText(profile: Profile, catalog: Catalog): string {
  const layout = profile.layout ?? {};
  const out: string[] = [];
  for (let k = 0; k < (layout.blankLinesBefore ?? 0); k++) out.push('');
  out.push(layout.title ?? profile.state.name.toUpperCase());
  for (let k = 0; k < (layout.blankLinesAfterTitle ?? 1); k++) out.push('');
  const placed = profile.entries.map((e, index) => {
    const inst = e.instrument ? catalog.instrument(e.instrument) : undefined;
    return { e, index, section: e.section ?? inst?.section ?? 'other', group: e.group ?? inst?.group };
  });
  // Sections in their canonical order, rows in document order within each (a stable sort).
  placed.sort(
    (a, b) =>
      sectionRank(a.section) - sectionRank(b.section) ||
      (a.section === b.section ? groupRank(a.group) - groupRank(b.group) : 0) ||
      a.index - b.index,
  );
  let section: string | undefined;
  let group: string | undefined;
  for (const { e, section: s, group: g } of placed) {
    for (let k = 0; k < (e.blankBefore ?? 0); k++) out.push('');
    if (s !== section) {
      out.push(own(layout.headings, s) ?? defaultHeading(s));
      section = s;
      group = undefined;
    }
    if (g && g !== group) out.push(own(layout.groups, g) ?? `<i>${defaultGroup(g)}:</i>\t`);
    group = g;
    out.push(renderRow(e, catalog));
  }
  const notes = profile.footnotes ?? [];
  notes.forEach((f, k) => {
    const gap = f.blankBefore ?? (k === 0 ? (layout.blankLinesBeforeFootnotes ?? 1) : (layout.blankLinesBetweenFootnotes ?? 1));
    for (let b = 0; b < gap; b++) out.push('');
    out.push(`${toSuperscript(f.marker)} ${f.text}`);
  });
  for (let k = 0; k < (layout.trailingBlankLines ?? 0); k++) out.push('');
  const eol = layout.lineEnding === 'crlf' ? '\r\n' : '\n';
  const body = out.join('\n').split('\n').join(eol) + (layout.finalNewline ? eol : '');
  return (layout.bom ? '\uFEFF' : '') + body;
}

function renderRow(e: Entry, catalog: Catalog): string {
  const inst = e.instrument ? catalog.instrument(e.instrument) : undefined;
  const absent = (inst && catalog.kindOf(inst.id)?.absent) ?? 'Not a party';
  const words = inst ? catalog.statusesOf(inst.id) : [];
  let name = e.name ?? inst?.label ?? e.instrument ?? '?';
  const cell = e.text !== undefined && (e.text === '' || cellAgrees(e.text, e, absent, words)) ? e.text : renderStatusCell(e, absent);
  const shown = new Set([...markersIn(name), ...markersIn(cell)]);
  for (const n of e.notes ?? []) if (!shown.has(n)) name += ` ${toSuperscript(n)}`;
  return `${name}\t${cell}`;
}

/** A string the table holds under its own key `k` (a name from the input reaches no prototype). */
const own = (table: Record<string, string> | undefined, k: string): string | undefined =>
  table && Object.hasOwn(table, k) && typeof table[k] === 'string' ? table[k] : undefined;

function defaultHeading(section: string): string {
  const h = [...KNOWN_HEADINGS].find(([, id]) => id === section)?.[0] ?? section.replace(/-/g, ' ');
  return `${h.toUpperCase()}\t`;
}

function defaultGroup(group: string): string {
  const g = [...KNOWN_GROUPS].find(([, id]) => id === group)?.[0] ?? group.replace(/-/g, ' ');
  return g === 'wmd delivery systems' ? 'WMD delivery systems' : g.charAt(0).toUpperCase() + g.slice(1);
}
