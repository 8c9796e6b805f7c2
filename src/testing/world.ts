// A model of the world a profile describes: which state, on what date, what it has signed, joined,
// left and reported, and when. Every status, date, report and footnote of a generated profile is
// derived from these choices, so the profile satisfies every rule by construction.
import fc from 'fast-check';
import type { Catalog, Instrument, State } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { Entry, Footnote, Profile } from '../model/profile.js';
import { adoptionOf } from '../facts/date-order.js';
import { day, iso, writeDate, between, type DateStyle } from './dates.js';
import { addPeriod } from '../facts/time.js';

/** A standing the world must give an instrument (what a violation is built on). */
export type Want = 'none' | 'signatory' | 'consented' | 'party' | 'withdrawn' | 'bound';

export interface ProfileOptions {
  catalog?: Catalog;
  /** Draw the state from these ISO 3166 alpha-3 codes only. */
  states?: string[];
  /** Standings instruments must have (`party` for a treaty, `bound` for any kind). */
  force?: Record<string, Want>;
  /** Instruments whose rows must be listed. */
  include?: string[];
  asOf?: 'none' | 'date' | 'window';
  /** `iso`: ISO dates, no dateOrder; `any` (default): ISO or numeric dates in either declared order. */
  dates?: 'iso' | 'any';
}

interface RowChoice {
  include: number;
  fate: number;
  a: number;
  b: number;
  bits: number;
  note: number;
  extra: number[];
}

export interface Choices {
  state: State;
  t: number;
  asOf: number;
  dates: number;
  rows: RowChoice[];
}

/** What the world says of one instrument. */
export interface Standing {
  id: string;
  status: string;
  bound: boolean;
  signedFlag: boolean;
  signed?: number;
  joined?: number;
  joinedBy?: Entry['joinedBy'];
  inForce?: number;
  withdrawn?: number;
  reports?: number[];
  years?: number[];
  infcirc?: string;
  /** Footnote text that must go with the row (CBM years reported by a predecessor state). */
  mustNote?: string;
}

export interface World {
  catalog: Catalog;
  state: State;
  /** The date the profile describes (days since 1970-01-01). */
  today: number;
  style: DateStyle;
  standing: Map<string, Standing>;
  /** Entry index of each listed instrument. */
  rows: Map<string, number>;
  profile: Profile;
}

const NWS_ISO = ['CHN', 'FRA', 'RUS', 'GBR', 'USA'];
/** States that never joined the NPT (South Sudan has not acceded) and the one that left it. */
export const NON_NPT = ['IND', 'ISR', 'PAK', 'SSD'];
const NPT_WITHDRAWN: Record<string, string> = { PRK: '2003-01-10' };
const SPECIAL = [
  ...NWS_ISO,
  ...NON_NPT,
  'PRK',
  'KAZ',
  'KGZ',
  'TJK',
  'TKM',
  'UZB',
  'UKR',
  'BLR',
  'HRV',
  'CZE',
  'BRA',
  'ZAF',
  'AUS',
  'VAT',
  'PSE',
];
const EARLIEST = day('1945-10-24');
const LATEST = day('2025-12-31');
const AP_MODEL = day('1997-05-15');
const CHAPTER_VII = 'Resolution adopted under Chapter VII of the United Nations Charter';
const NOTES = [
  'Date of deposit of the instrument of ratification.',
  'Subject to a declaration made upon ratification.',
  'See the depositary notification.',
  'Membership requires ratification of the Chemical Weapons Convention.',
];
const PREDECESSOR_WORDS: Record<string, string> = {
  USSR: 'the Soviet Union',
  'Yugoslavia (SFRY)': 'Yugoslavia',
  Czechoslovakia: 'Czechoslovakia',
};

/** Links the rules rest on (rules.md): what a standing needs from another instrument's. */
const NEEDS: Record<string, (w: Map<string, Standing>, zoneParty: boolean) => boolean> = {
  opcw: (w) => !!w.get('cwc')?.bound,
  'ctbto-prepcom': (w) => !!w.get('ctbt')?.signedFlag,
  zangger: (w) => !!w.get('npt')?.bound,
  nsg: (w, zone) => !!w.get('npt')?.bound || zone,
  'australia-group': (w) => !!w.get('cwc')?.bound && !!w.get('btwc')?.bound,
  'btwc-cbm': (w) => !!w.get('btwc')?.bound,
};
/** Organizations every state with the link belongs to (CWC party ⇒ OPCW member, CTBT signatory ⇒ PrepCom). */
const MEMBER_IF_NEEDED = new Set(['opcw', 'ctbto-prepcom']);
const KIND_ORDER = [
  'treaty',
  'safeguards-agreement',
  'additional-protocol',
  'organization',
  'forum',
  'political-commitment',
  'export-control-regime',
  'security-council-reporting',
  'cbm-reports',
];

const dateOf = (f: { date?: string } | undefined) => (f?.date ? day(f.date) : undefined);
const startOf = (inst: Instrument) =>
  dateOf(inst.opened) ?? dateOf((inst as { established?: { date?: string } }).established) ?? dateOf(inst.adopted) ?? dateOf(inst.inForce);

/** The earliest date at which the world can give an instrument a forced standing. */
function readyBy(inst: Instrument, want: Want, catalog: Catalog, independence: number): number {
  if (want === 'none') return 0;
  const start = Math.max(startOf(inst) ?? EARLIEST, independence);
  if (inst.kind === 'treaty')
    return Math.max(start, dateOf(inst.inForce) ?? 0) + (want === 'withdrawn' ? 500 : want === 'signatory' ? 40 : 400);
  if (inst.kind === 'additional-protocol') return AP_MODEL + 400;
  if (inst.kind === 'security-council-reporting') return day(adoptionOf(catalog, inst.id) ?? '1999-01-01') + 400;
  if (inst.kind === 'cbm-reports') return day('1988-01-01');
  return start + 30;
}

export function choicesArb(opts: ProfileOptions = {}): fc.Arbitrary<Choices> {
  const catalog = opts.catalog ?? loadCatalog();
  const pool = opts.states ? catalog.states.filter((s) => opts.states!.includes(s.iso3)) : catalog.states;
  if (pool.length === 0) throw new Error(`no state in the catalogue among ${opts.states?.join(', ')}`);
  const special = pool.filter((s) => SPECIAL.includes(s.iso3));
  const state = special.length && !opts.states ? fc.oneof(fc.constantFrom(...special), fc.constantFrom(...pool)) : fc.constantFrom(...pool);
  const row = fc.record({
    include: fc.nat({ max: 9 }),
    fate: fc.nat({ max: 3 }),
    a: fc.nat({ max: 999 }),
    b: fc.nat({ max: 999 }),
    bits: fc.nat({ max: 255 }),
    note: fc.nat({ max: 9 }),
    extra: fc.array(fc.nat({ max: 999 }), { maxLength: 4 }),
  });
  return fc.record({
    state,
    t: fc.nat({ max: 999 }),
    asOf: fc.nat({ max: 2 }),
    dates: fc.nat({ max: 7 }),
    rows: fc.array(row, { minLength: catalog.instruments.length, maxLength: catalog.instruments.length }),
  });
}

/** The world the choices describe, and the profile that lists it. */
export function derive(c: Choices, opts: ProfileOptions = {}): World {
  const catalog = opts.catalog ?? loadCatalog();
  const state = c.state;
  const independence = dateOf(state.independence) ?? EARLIEST;
  const force = opts.force ?? {};
  let lo = Math.max(independence + 365, day('1985-01-01'));
  for (const [id, want] of Object.entries(force)) {
    const inst = catalog.instrument(id);
    if (inst) lo = Math.max(lo, readyBy(inst, want, catalog, independence));
  }
  const today = between(Math.min(lo, LATEST), LATEST, c.t);
  const style: DateStyle =
    opts.dates === 'iso' || c.dates < 2
      ? { kind: 'iso' }
      : { kind: 'numeric', order: c.dates % 2 ? 'day-first' : 'month-first', pad: c.dates >= 6 };
  const nws = !!state.nptNuclearWeaponState;
  const standing = new Map<string, Standing>();
  const choice = new Map(catalog.instruments.map((inst, k) => [inst.id, c.rows[k]!]));
  let zoneParty = false;

  const instruments = [...catalog.instruments].sort((x, y) => rank(x.kind) - rank(y.kind));
  for (const inst of instruments) {
    const d = choice.get(inst.id)!;
    const want = force[inst.id];
    const kind = catalog.kinds[inst.kind];
    const absent: Standing = { id: inst.id, status: kind?.absent ?? 'Not a party', bound: false, signedFlag: false };
    const words = catalog.statusesOf(inst.id).filter((w) => w !== absent.status);
    const allowed = NEEDS[inst.id]?.(standing, zoneParty) ?? true;
    let s: Standing = absent;
    const start = Math.max(startOf(inst) ?? EARLIEST, independence);
    if (inst.kind === 'treaty') {
      s = treaty(inst, d, want, { state, independence, today, nws, standing, catalog }) ?? absent;
      if (inst.zone && s.bound) zoneParty = true;
    } else if (inst.kind === 'safeguards-agreement') {
      const needed = (!!standing.get('npt')?.bound && !nws) || zoneParty || want === 'bound';
      const fate = want === 'none' ? 0 : needed ? 2 : d.fate;
      const from = Math.max(independence, day('1971-01-01'));
      // Leave room for a forced Additional Protocol to enter into force after the agreement.
      const end = force['iaea-additional-protocol'] === 'bound' ? today - 60 : today;
      if (fate >= 2 && from < end)
        s = {
          ...absent,
          status: 'In force',
          bound: true,
          signedFlag: true,
          inForce: between(from, end, d.a),
          ...(d.bits & 1 ? { infcirc: String(150 + d.b) } : {}),
        };
      else if (fate === 1 && from < today) s = { ...absent, status: 'Signed', signedFlag: true, signed: between(from, today, d.a) };
    } else if (inst.kind === 'additional-protocol') {
      const csa = [...standing.values()].find((x) => catalog.instrument(x.id)?.kind === 'safeguards-agreement');
      const from = Math.max(AP_MODEL, csa?.inForce ?? 0);
      const needed = standing.get('canwfz')?.bound || want === 'bound';
      const fate = want === 'none' ? 0 : needed ? 2 : d.fate;
      if (csa?.bound && from < today && fate > 0) {
        const at = between(from, today, d.a);
        s =
          fate >= 2
            ? { ...absent, status: 'In force', bound: true, signedFlag: true, inForce: at }
            : { ...absent, status: 'Signed', signedFlag: true, signed: at };
      }
    } else if (inst.kind === 'security-council-reporting') {
      const adopted = day(adoptionOf(catalog, inst.id) ?? '1999-01-01');
      if ((want ? want !== 'none' : d.fate > 0) && adopted < today) {
        const dates = [...new Set(d.extra.map((x) => between(adopted, today, x)))].sort((p, q) => p - q);
        s = { ...absent, status: 'Report submitted', bound: true, reports: dates };
      }
    } else if (inst.kind === 'cbm-reports') {
      if (allowed && (want ? want !== 'none' : d.fate > 0) && today > day('1988-01-01')) {
        const joinedYear = new Date((standing.get('btwc')?.joined ?? 0) * 86_400_000).getUTCFullYear();
        const first = Math.max(1987, joinedYear, new Date(independence * 86_400_000).getUTCFullYear());
        const last = new Date(today * 86_400_000).getUTCFullYear() - 1;
        const years = new Set(
          d.extra.map((x) => first + Math.floor(((last - first + 1) * x) / 1000)).filter((y) => y >= first && y <= last),
        );
        let mustNote: string | undefined;
        const pred = state.predecessor ? PREDECESSOR_WORDS[state.predecessor] : undefined;
        if (pred && d.bits & 2) {
          for (let y = 1987; y <= 1991; y++) years.add(y);
          mustNote = `Submitted information on BTWC CBM reports in the following years: 1987-1991 (as part of the report of ${pred}).`;
        }
        s = {
          ...absent,
          status: words[0] ?? 'Submitted',
          bound: true,
          years: [...years].sort((p, q) => p - q),
          ...(mustNote ? { mustNote } : {}),
        };
      }
    } else if (inst.id === 'un') {
      const admitted = (state as { unAdmission?: string }).unAdmission;
      if (state.un === 'observer') s = { ...absent, status: 'Observer' };
      else if (!admitted || day(admitted) <= today) s = { ...absent, status: 'Member', bound: true };
    } else if (start < today || (MEMBER_IF_NEEDED.has(inst.id) && allowed)) {
      // (The PrepCom was set up eight weeks after the CTBT opened; its rule allows for that gap.)
      // Organizations, forums, political commitments, export-control regimes.
      const fate = want === 'none' ? 0 : want ? 1 : MEMBER_IF_NEEDED.has(inst.id) ? (allowed ? 1 : 0) : d.fate;
      if (fate > 0 && (allowed || want) && words.length) {
        const word =
          inst.kind === 'organization' || inst.kind === 'forum'
            ? fate === 3 && !MEMBER_IF_NEEDED.has(inst.id)
              ? 'Observer'
              : 'Member'
            : words[(fate - 1) % words.length]!;
        s = { ...absent, status: word, bound: !!kind?.bound.includes(word) };
      }
    }
    standing.set(inst.id, s);
  }
  const profile = write(c, opts, catalog, state, today, style, standing);
  return { catalog, state, today, style, standing, rows: rowsOf(profile), profile };
}

const rank = (k: string) => (KIND_ORDER.indexOf(k) < 0 ? KIND_ORDER.length : KIND_ORDER.indexOf(k));

interface TreatyCtx {
  state: State;
  independence: number;
  today: number;
  nws: boolean;
  standing: Map<string, Standing>;
  catalog: Catalog;
}

/** Signature, consent, entry into force and withdrawal of one treaty, in the order the law allows. */
function treaty(inst: Instrument, d: RowChoice, want: Want | undefined, x: TreatyCtx): Standing | undefined {
  const { today, independence } = x;
  const opened = startOf(inst) ?? EARLIEST;
  const start = Math.max(opened, independence);
  const eif = dateOf(inst.inForce);
  const closed = dateOf(inst.signatureClosed);
  const notInForce = !!inst.inForce?.notInForce;
  let fate =
    want === 'none'
      ? 0
      : want === 'signatory'
        ? 1
        : want === 'consented' || want === 'party' || want === 'bound'
          ? 2
          : want === 'withdrawn'
            ? 3
            : d.fate;
  if (!want) {
    if (inst.id === 'npt')
      fate = x.nws ? 2 : NON_NPT.includes(x.state.iso3) ? 0 : x.state.iso3 in NPT_WITHDRAWN ? 3 : fate === 3 ? 2 : fate;
    if (inst.zone && (x.nws || (inst.zone.eligibleStates && !inst.zone.eligibleStates.includes(x.state.iso3)))) fate = 0;
    if (inst.parent && !x.standing.get(inst.parent)?.bound) fate = 0;
  }
  if (fate === 0 || start >= today) return undefined;
  // A party (or a state that leaves) needs the treaty in force for it before today.
  const mustBind = want === 'party' || want === 'bound' || want === 'withdrawn';
  const room = mustBind ? (want === 'withdrawn' ? 62 : 31) : 0;
  const lastSign = Math.min(closed ?? today, today - room);
  const canSign = (closed === undefined || closed >= independence) && start <= lastSign;
  const id = inst.id;
  if (fate === 1)
    return canSign ? { id, status: 'Signatory', bound: false, signedFlag: true, signed: between(start, lastSign, d.a) } : undefined;
  const signed = canSign && !(d.bits & 16) ? between(start, lastSign, d.a) : undefined;
  const joined = between(signed ?? start, Math.max(signed ?? start, today - room), d.b);
  const joinedBy: Entry['joinedBy'] =
    signed !== undefined ? 'ratification' : x.state.predecessor && joined - independence < 400 ? 'succession' : 'accession';
  const base = { id, bound: false, signedFlag: true, signed, joined, joinedBy };
  if (notInForce) return { ...base, status: 'Ratified' };
  const inForce = Math.max(joined + 30, eif ?? 0);
  if (inForce > today) return { ...base, status: 'Ratified' };
  const leaveOn =
    id === 'npt' && x.state.iso3 in NPT_WITHDRAWN ? day(NPT_WITHDRAWN[x.state.iso3]!) : between(inForce + 1, today, (d.a + d.b) % 1000);
  // A withdrawal with a notice period (NPT Art. X(1)) takes effect only when the period is over.
  const effective = inst.withdrawalNotice ? day(addPeriod(iso(leaveOn), inst.withdrawalNotice)) : leaveOn;
  if (fate === 3 && inForce < today && leaveOn > inForce && effective <= today)
    return { ...base, status: 'Withdrawn', inForce, withdrawn: leaveOn };
  return { ...base, status: 'State Party', bound: true, inForce };
}

function write(
  c: Choices,
  opts: ProfileOptions,
  catalog: Catalog,
  state: State,
  today: number,
  style: DateStyle,
  standing: Map<string, Standing>,
): Profile {
  const fmt = (d: number) => writeDate(d, style);
  const entries: Entry[] = [];
  const footnotes: Footnote[] = [];
  let latest = 0;
  // A rule cannot see an unlisted row: an NSG participant listed without its NPT row and the zone
  // treaty that qualifies it would look unqualified, so those rows come with it.
  const alsoList = new Set<string>();
  if (standing.get('nsg')?.bound) {
    alsoList.add('npt');
    if (!standing.get('npt')?.bound) alsoList.add(catalog.instruments.find((i) => i.zone && standing.get(i.id)?.bound)?.id ?? '');
  }
  catalog.instruments.forEach((inst, k) => {
    const d = c.rows[k]!;
    const s = standing.get(inst.id)!;
    const listed =
      d.include > 0 ||
      opts.include?.includes(inst.id) ||
      (opts.force?.[inst.id] ?? 'none') !== 'none' ||
      (alsoList.has(inst.id) && c.rows[catalog.instruments.findIndex((i) => i.id === 'nsg')]!.include > 0);
    if (!listed) return;
    const e: Entry = { instrument: inst.id, status: s.status };
    if (d.bits & 32) e.name = inst.label;
    if (s.infcirc) e.infcirc = s.infcirc;
    const put = (key: 'signed' | 'joined' | 'inForce' | 'withdrawn', v: number | undefined, bit: number) => {
      if (v === undefined || !(d.bits & bit)) return;
      e[key] = fmt(v);
      latest = Math.max(latest, v);
    };
    put('signed', s.signed, 1);
    put('joined', s.joined, 2);
    if (e.joined && s.joinedBy && d.bits & 64) e.joinedBy = s.joinedBy;
    put('inForce', s.inForce, 4);
    put('withdrawn', s.withdrawn, 8 | 4 | 2 | 1);
    if (s.reports?.length) {
      e.reports = s.reports.map((r, n) => (n === 0 ? { date: fmt(r) } : { addendum: n, date: fmt(r) }));
      latest = Math.max(latest, ...s.reports);
    }
    if (s.years?.length) e.years = s.years;
    let text = s.mustNote;
    if (!text && d.note >= 6)
      text = inst.kind === 'security-council-reporting' ? CHAPTER_VII : inst.id === 'opcw' ? NOTES[3]! : NOTES[(d.note - 6) % 3]!;
    if (text) {
      footnotes.push({ marker: footnotes.length + 1, text });
      e.notes = [footnotes.length];
    }
    entries.push(e);
  });
  const p: Profile = { profile: 1, state: { name: state.name, iso3: state.iso3 }, entries };
  const asOf = opts.asOf ?? (['none', 'date', 'window'] as const)[c.asOf]!;
  if (asOf === 'date') p.asOf = iso(today);
  if (asOf === 'window') p.asOf = { from: iso(Math.max(latest, today - 1095)), to: iso(today) };
  if (style.kind === 'numeric') p.dateOrder = style.order;
  else if (opts.dates !== 'iso' && c.dates === 1) p.dateOrder = c.t % 2 ? 'day-first' : 'month-first';
  if (footnotes.length) p.footnotes = footnotes;
  return p;
}

/** Entry index of each instrument's first row. */
export function rowsOf(p: Profile): Map<string, number> {
  const m = new Map<string, number>();
  p.entries.forEach((e, i) => {
    if (e.instrument && !m.has(e.instrument)) m.set(e.instrument, i);
  });
  return m;
}

export function worldArb(opts: ProfileOptions = {}): fc.Arbitrary<World> {
  return choicesArb(opts).map((c) => derive(c, opts));
}
