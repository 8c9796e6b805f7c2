// Profile → facts the rules read. Pure functions: statuses normalised to booleans, dates resolved,
// catalogue links (parent, zone, organization) followed. The rules themselves live in rules/*.yaml.
import type { Catalog, Instrument } from '../catalog/index.js';
import type { DateOrder, Entry, Profile } from '../model/profile.js';
import { readDate, isNumericDate } from './dates.js';
import { resolveDateOrder, adoptionOf, type DateOrderResult } from './date-order.js';
import { markersIn } from '../load/markers.js';
import { didYouMean } from '../suggest.js';
import { statusMeant } from './status-meant.js';

export { resolveDateOrder, type DateOrderResult } from './date-order.js';
export { readDate } from './dates.js';

/** What the rules know of one instrument in one profile (every catalogue instrument has one). */
export interface InstrumentFact {
  id: string;
  label: string;
  short: string;
  kind: string;
  /** The kind in words ("political commitment"). */
  kindName: string;
  /** A row names it. Rules about a missing row stay silent: an unlisted instrument is unknown, not "not a party". */
  present: boolean;
  pointer: string | null;
  status: string;
  statusWords: string[];
  bound: boolean;
  signed: boolean;
  consented: boolean;
  withdrawn: boolean;
  signedDate: string | null;
  joinedDate: string | null;
  joinedYear: number | null;
  inForceDate: string | null;
  withdrawnDate: string | null;
  /** The instrument's own dates, from the catalogue. */
  entryIntoForce: string | null;
  notInForce: boolean;
  /** The instrument's entry into force in words: its date, "none yet" or "unknown". */
  entryIntoForceText: string;
  signatureClosed: string | null;
  adopted: string | null;
  isZone: boolean;
  zoneAlsoRequires: string[];
  eligibleStates: string[] | null;
  parent: string | null;
  parentPresent: boolean;
  parentBound: boolean;
  parentLabel: string | null;
  /** The parent row's status (null when the instrument has no parent). */
  parentStatus: string | null;
  /** For a zone treaty: short names of the safeguards instruments it requires whose rows are listed but not in force. */
  zoneUnmet: string[];
}

export interface EntryFact extends InstrumentFact {
  index: number;
  key: string;
  known: boolean;
  name: string;
  /** Pointer of an earlier row for the same instrument. */
  duplicateOf: string | null;
  misnomer: string | null;
  years: number[];
  earliestYear: number | null;
  /** A footnote of this row names the state's predecessor (e.g. "Soviet Union"). */
  noteNamesPredecessor: boolean;
  statusValid: boolean;
  /** "did you mean …?" for an unknown instrument id or a status word the instrument does not take, else null. */
  suggestion: string | null;
  /** For a status word the kind does not take: the one word of the kind that means the same standing, if there is one. */
  statusMeant: string | null;
}

export interface ReportFact {
  key: string;
  pointer: string;
  instrument: string;
  label: string;
  addendum: number;
  number: number;
  date: string | null;
  text: string;
  adopted: string | null;
  previousDate: string | null;
  previousText: string | null;
  expectedAddendum: number;
}

export interface FootnoteFact {
  key: string;
  pointer: string;
  marker: number;
  referenced: boolean;
  duplicateOf: number | null;
}

export interface NoteRefFact {
  key: string;
  pointer: string;
  marker: number;
  defined: boolean;
  label: string;
}

export interface DateFact {
  key: string;
  pointer: string;
  /** The instrument of the row the date stands on ('' for a row naming none). */
  instrument: string;
  text: string;
  date: string | null;
  invalid: boolean;
  ambiguous: boolean;
  readings: string;
  after: boolean;
}

export interface StateFact {
  name: string;
  iso3: string | null;
  known: boolean;
  nws: boolean;
  independence: string | null;
  predecessor: string | null;
}

export interface ProfileFact {
  asOfFrom: string | null;
  asOfTo: string | null;
  /** The latest date the profile may describe (the as-of date, or the window's end). */
  asOfLatest: string | null;
  /** The as-of date in words, for messages ("not given" when the profile has none). */
  asOfText: string;
  dateOrder: DateOrder | null;
  dateOrderHow: DateOrderResult['how'];
  dateOrderReason: string;
  zoneParty: boolean;
  entryCount: number;
}

/** Facts of one document, by scope: `base` is seen by every rule; each list is one rule scope. */
export interface DocumentFacts {
  base: Record<string, InstrumentFact | StateFact | ProfileFact> & { state: StateFact; profile: ProfileFact };
  entry: EntryFact[];
  report: ReportFact[];
  footnote: FootnoteFact[];
  note: NoteRefFact[];
  date: DateFact[];
}

export type Scope = 'profile' | Exclude<keyof DocumentFacts, 'base'>;
export const SCOPES: readonly Scope[] = ['profile', 'entry', 'report', 'footnote', 'note', 'date'];

const PREDECESSOR_NAMES: Record<string, string[]> = {
  USSR: ['USSR', 'Soviet Union', 'Union of Soviet Socialist Republics'],
  'Yugoslavia (SFRY)': ['Yugoslavia', 'SFRY'],
  Czechoslovakia: ['Czechoslovakia', 'Czech and Slovak Federal Republic'],
};

export interface FactOptions {
  /** Day/month order for numeric dates when the profile does not declare one. */
  dateOrder?: DateOrder;
}

export function buildFacts(profile: Profile, catalog: Catalog, opts: FactOptions = {}): DocumentFacts {
  const order = resolveDateOrder(profile, catalog, opts.dateOrder);
  const asOf = typeof profile.asOf === 'string' ? { from: profile.asOf, to: profile.asOf } : profile.asOf ?? {};
  const asOfLatest = asOf.to ?? asOf.from ?? null;
  const date = (t: string | undefined): string | null => {
    if (!t) return null;
    if (!isNumericDate(t)) return readDate(t, 'month-first') ?? null;
    if (order.order) return readDate(t, order.order) ?? null;
    const [a, b] = [readDate(t, 'month-first'), readDate(t, 'day-first')];
    return a === b ? a ?? null : null;
  };

  const stateEntry = catalog.state(profile.state.iso3 ?? '') ?? catalog.state(profile.state.name);
  const state: StateFact = {
    name: profile.state.name,
    iso3: profile.state.iso3 ?? stateEntry?.iso3 ?? null,
    known: !!stateEntry,
    nws: !!stateEntry?.nptNuclearWeaponState,
    independence: stateEntry?.independence?.date ?? null,
    predecessor: stateEntry?.predecessor ?? stateEntry?.continuatorOf ?? null,
  };

  const firstRow = new Map<string, number>();
  profile.entries.forEach((e, i) => {
    if (e.instrument && catalog.instrument(e.instrument) && !firstRow.has(e.instrument)) firstRow.set(e.instrument, i);
  });

  const instrumentFact = (inst: Instrument): InstrumentFact => {
    const i = firstRow.get(inst.id);
    const e: Entry | undefined = i === undefined ? undefined : profile.entries[i];
    const kind = catalog.kinds[inst.kind];
    const status = e?.status ?? kind?.absent ?? '';
    const joinedDate = date(e?.joined);
    return {
      id: inst.id,
      label: inst.short ?? inst.label,
      short: inst.short ?? inst.id,
      kind: inst.kind,
      kindName: inst.kind.replace(/-/g, ' '),
      present: !!e,
      pointer: i === undefined ? null : `/entries/${i}`,
      status,
      statusWords: catalog.statusesOf(inst.id),
      bound: !!kind?.bound.includes(status),
      signed: !!kind?.signed?.includes(status),
      consented: !!kind?.consented?.includes(status),
      withdrawn: status === 'Withdrawn',
      signedDate: date(e?.signed),
      joinedDate,
      joinedYear: joinedDate ? Number(joinedDate.slice(0, 4)) : null,
      inForceDate: date(e?.inForce),
      withdrawnDate: date(e?.withdrawn),
      entryIntoForce: inst.inForce?.date ?? null,
      notInForce: !!inst.inForce?.notInForce,
      entryIntoForceText: inst.inForce?.notInForce ? 'none yet' : inst.inForce?.date ?? 'unknown',
      signatureClosed: inst.signatureClosed?.date ?? null,
      adopted: adoptionOf(catalog, inst.id) ?? null,
      isZone: !!inst.zone,
      zoneAlsoRequires: inst.zone?.alsoRequires ?? [],
      eligibleStates: inst.zone?.eligibleStates ?? null,
      parent: inst.parent ?? null,
      parentPresent: false,
      parentBound: false,
      parentLabel: null,
      parentStatus: null,
      zoneUnmet: [],
    };
  };

  const base = { state } as DocumentFacts['base'];
  for (const inst of catalog.instruments) base[inst.id] = instrumentFact(inst);
  for (const inst of catalog.instruments) {
    const f = base[inst.id] as InstrumentFact;
    const parent = f.parent ? (base[f.parent] as InstrumentFact | undefined) : undefined;
    if (parent) Object.assign(f, { parentPresent: parent.present, parentBound: parent.bound, parentLabel: parent.label, parentStatus: parent.status });
    if (inst.zone) {
      const required = [...(inst.zone.safeguards ?? []), ...(inst.zone.alsoRequires ?? [])];
      f.zoneUnmet = required
        .map((id) => base[id] as InstrumentFact | undefined)
        .filter((r): r is InstrumentFact => !!r && r.present && !r.bound)
        .map((r) => r.short);
    }
  }
  const zoneParty = catalog.instruments.some((i) => i.zone && (base[i.id] as InstrumentFact).bound);
  base.profile = {
    asOfFrom: asOf.from ?? null,
    asOfTo: asOf.to ?? null,
    asOfLatest,
    asOfText: asOfLatest ?? 'not given',
    dateOrder: order.order ?? null,
    dateOrderHow: order.how,
    dateOrderReason: order.reason,
    zoneParty,
    entryCount: profile.entries.length,
  };

  const footnotes = profile.footnotes ?? [];
  // Footnotes by marker and by text, built once: a search per row or per footnote grew with the square.
  const noteText = new Map<number, string>();
  for (const f of footnotes) if (!noteText.has(f.marker)) noteText.set(f.marker, f.text);
  const predecessorNames = state.predecessor ? PREDECESSOR_NAMES[state.predecessor] ?? [state.predecessor] : [];
  const entry: EntryFact[] = profile.entries.map((e, index) => {
    const inst = e.instrument ? catalog.instrument(e.instrument) : undefined;
    const pointer = `/entries/${index}`;
    const own = inst ? (base[inst.id] as InstrumentFact) : unknownInstrument(e, pointer);
    const first = inst ? firstRow.get(inst.id) : undefined;
    const match = e.name ? catalog.matchName(e.name) : undefined;
    const years = [...(e.years ?? [])].sort((a, b) => a - b);
    const notesText = (e.notes ?? []).map((n) => noteText.get(n) ?? '').join(' ');
    // The row inherits its instrument's facts: 40-odd properties copied per row were most of the cost.
    return Object.assign(Object.create(own) as EntryFact, {
      pointer,
      status: e.status,
      index,
      key: inst ? inst.id : `row-${index}`,
      known: !!inst,
      name: e.name ?? inst?.label ?? e.instrument ?? '',
      duplicateOf: first !== undefined && first !== index ? `/entries/${first}` : null,
      misnomer: match?.instrument.id === inst?.id ? match?.misnomer ?? null : null,
      years,
      earliestYear: years[0] ?? null,
      noteNamesPredecessor: predecessorNames.some((n) => notesText.toLowerCase().includes(n.toLowerCase())),
      statusValid: !!inst && catalog.statusesOf(inst.id).includes(e.status),
      suggestion: suggestionFor(e, inst, catalog),
      statusMeant: inst ? statusMeant(catalog, inst.id, e.status) : null,
    });
  });

  const report: ReportFact[] = [];
  profile.entries.forEach((e, index) => {
    let prev: { date: string | null; text: string | null } = { date: null, text: null };
    (e.reports ?? []).forEach((r, k) => {
      const d = date(r.date);
      report.push({
        key: `${e.instrument ?? `row-${index}`}#${r.addendum ?? 0}`,
        pointer: `/entries/${index}/reports/${k}`,
        instrument: e.instrument ?? '',
        label: catalog.instrument(e.instrument ?? '')?.short ?? e.name ?? '',
        addendum: r.addendum ?? 0,
        number: k,
        date: d,
        text: r.date ?? '',
        adopted: adoptionOf(catalog, e.instrument) ?? null,
        previousDate: prev.date,
        previousText: prev.text,
        expectedAddendum: k,
      });
      prev = { date: d, text: r.date ?? null };
    });
  });

  // Markers on headings (the seed's "STATUS¹") refer to footnotes too.
  const headingLines = [...Object.values(profile.layout?.headings ?? {}), ...Object.values(profile.layout?.groups ?? {})];
  const referenced = new Set([...profile.entries.flatMap((e) => e.notes ?? []), ...headingLines.flatMap((l) => markersIn(l))]);
  const firstWithText = new Map<string, number>();
  const footnote: FootnoteFact[] = footnotes.map((f, k) => {
    const text = norm(f.text);
    const earlier = firstWithText.get(text);
    if (earlier === undefined) firstWithText.set(text, f.marker);
    return { key: `fn${f.marker}`, pointer: `/footnotes/${k}`, marker: f.marker, referenced: referenced.has(f.marker), duplicateOf: earlier ?? null };
  });
  const defined = new Set(footnotes.map((f) => f.marker));
  const note: NoteRefFact[] = profile.entries.flatMap((e, index) =>
    (e.notes ?? []).map((m, k) => ({
      key: `${e.instrument ?? `row-${index}`}^${m}`,
      pointer: `/entries/${index}/notes/${k}`,
      marker: m,
      defined: defined.has(m),
      label: catalog.instrument(e.instrument ?? '')?.short ?? e.name ?? '',
    })),
  );

  const dates: DateFact[] = [];
  const addDate = (pointer: string, text: string | undefined, instrument = '') => {
    if (!text) return;
    const mf = readDate(text, 'month-first');
    const df = readDate(text, 'day-first');
    const d = date(text);
    dates.push({
      key: pointer,
      pointer,
      instrument,
      text,
      date: d,
      invalid: isNumericDate(text) ? (order.order ? !readDate(text, order.order) : !mf && !df) : !mf,
      ambiguous: isNumericDate(text) && !order.order && !!mf && !!df && mf !== df,
      readings: [mf, df].filter(Boolean).join(' or '),
      after: !!(d && asOfLatest && d > asOfLatest),
    });
  };
  profile.entries.forEach((e, i) => {
    for (const k of ['signed', 'joined', 'inForce', 'withdrawn'] as const) addDate(`/entries/${i}/${k}`, e[k], e.instrument);
    (e.reports ?? []).forEach((r, k) => addDate(`/entries/${i}/reports/${k}/date`, r.date, e.instrument));
  });

  return { base, entry, report, footnote, note, date: dates };
}

/** A footnote's text as compared for repeats: spacing and case aside. */
export const footnoteWords = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const norm = footnoteWords;

/** The nearest instrument id (for an unknown one) or status word (for one its instrument does not take). */
function suggestionFor(e: Entry, inst: Instrument | undefined, catalog: Catalog): string | null {
  const near = inst
    ? catalog.statusesOf(inst.id).includes(e.status) ? undefined : didYouMean(e.status, catalog.statusesOf(inst.id))
    : e.instrument ? didYouMean(e.instrument, catalog.instruments.map((i) => i.id)) : undefined;
  return near === undefined ? null : `did you mean ${near}?`;
}

function unknownInstrument(e: Entry, pointer: string): InstrumentFact {
  return {
    id: e.instrument ?? '',
    label: e.name ?? e.instrument ?? '',
    short: e.instrument ?? '',
    kind: '',
    kindName: 'unknown instrument',
    present: true,
    pointer,
    status: e.status,
    statusWords: [],
    bound: false,
    signed: false,
    consented: false,
    withdrawn: false,
    signedDate: null,
    joinedDate: null,
    joinedYear: null,
    inForceDate: null,
    withdrawnDate: null,
    entryIntoForce: null,
    notInForce: false,
    entryIntoForceText: 'unknown',
    signatureClosed: null,
    adopted: null,
    isZone: false,
    zoneAlsoRequires: [],
    eligibleStates: null,
    parent: null,
    parentPresent: false,
    parentBound: false,
    parentLabel: null,
    parentStatus: null,
    zoneUnmet: [],
  };
}
