// Profile → facts the rules read. Pure functions: statuses normalised to booleans, dates resolved,
// catalogue links (parent, zone, organization) followed. No verdict is prepared for one rule: the
// rules live in rules/*.yaml, and what a condition cannot say they ask of src/engine/checks.ts.
// Each kind of fact is a plain object of one shape (same keys, same order) for every item.
import type { Catalog, Instrument } from '../catalog/index.js';
import type { DateOrder, Entry, Profile } from '../model/profile.js';
import { readDate, isNumericDate } from './dates.js';
import { resolveDateOrder, adoptionOf, type DateOrderResult } from './date-order.js';
import { markersIn } from '../load/markers.js';
import { didYouMean } from '../suggest.js';
import { statusMeant } from './status-meant.js';
import { addPeriod, graceEnd, graceOver, inForceThen, ownInForce, reached, type AsOf, type Tri } from './time.js';
import { stateFact, type StateFact } from './state.js';

export { resolveDateOrder, type DateOrderResult } from './date-order.js';
export { readDate } from './dates.js';
export type { Tri } from './time.js';
export type { StateFact } from './state.js';

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
  /** When the instrument opened for signature. */
  opened: string | null;
  adopted: string | null;
  /** Was the instrument itself in force on the profile's as-of date? */
  inForceThen: Tri;
  /** Did it exist then (an organization established, a treaty open or in force)? */
  existedThen: Tri;
  /** The earliest date it can have been in force for the state (its own date, or consent plus the treaty's lag). */
  ownInForce: string | null;
  /** Was it in force for the state on the as-of date (from `ownInForce`)? */
  ownInForceThen: Tri;
  /** For the NPT and zone treaties: when the period to bring safeguards into force ends, and whether it had. */
  graceEnds: string | null;
  graceOver: Tri;
  /** The end of that period in words ("2010-09-21", "not before 1972-03-01", "unknown"). */
  graceText: string;
  /** A safeguards row's agreement type, when given (comprehensive, voluntary-offer, item-specific). */
  agreement: string | null;
  /** NPT Art. X: a withdrawal takes effect after its notice period; the date it does, and whether it had. */
  withdrawalEffective: string | null;
  withdrawalEffectiveThen: Tri;
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
  misnomer: string | null;
  years: number[];
  earliestYear: number | null;
  /** The markers of the row's footnotes. */
  notes: number[];
  /** The text of the row's footnotes, one after another. */
  notesText: string;
  /** For a row naming no known instrument: "did you mean `cwc`?" or why there is none; for a status word its instrument does not take: "did you mean Member?"; else null. */
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
  /** The later of the date's readings while the day/month order is unsettled (a report before adoption under both is certain). */
  latestReading: string | null;
  /** The date, or its readings while the order is unsettled ("2004-03-02 or 2004-02-03"). */
  readingText: string;
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
  text: string;
  /** The text as compared for repeats: spacing and case aside. */
  normalizedText: string;
}

/** A footnote marker on a row. */
export interface NoteRefFact {
  key: string;
  pointer: string;
  marker: number;
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
  /** Written as a numeric date (day and month in some order), not ISO. */
  numeric: boolean;
  readings: string;
}

export interface ProfileFact {
  /** Where findings about the as-of date point. */
  pointer: string;
  asOfFrom: string | null;
  asOfTo: string | null;
  /** The latest date the profile may describe (the as-of date, or the window's end). */
  asOfLatest: string | null;
  /** The earliest date the profile may describe: the window's start, else its own latest date. */
  asOfEarliest: string | null;
  /** The as-of date in words, for messages ("not given" when the profile has none). */
  asOfText: string;
  dateOrder: DateOrder | null;
  dateOrderHow: DateOrderResult['how'];
  dateOrderReason: string;
  /** Where an inferred order was settled: the date whose constraint ruled the other order out. */
  dateOrderAt: { pointer: string } | null;
  /** The document's format (`yaml`, `json`, `text`; '' when not known). */
  format: string;
  /** The profile keeps a published layout (`layout`), to be printed back in it: its dates stay as the publication writes them. */
  layoutKept: boolean;
  entryCount: number;
  /** Footnote markers on headings and group lines (the seed's "STATUS¹"). */
  headingMarkers: number[];
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

export interface FactOptions {
  /** Day/month order for numeric dates when the profile does not declare one. */
  dateOrder?: DateOrder;
  /** The format of the document the profile was read from. */
  format?: string;
}

export function buildFacts(profile: Profile, catalog: Catalog, opts: FactOptions = {}): DocumentFacts {
  const order = resolveDateOrder(profile, catalog, opts.dateOrder);
  const asOf = typeof profile.asOf === 'string' ? { from: profile.asOf, to: profile.asOf } : (profile.asOf ?? {});
  // A reversed window is its own finding (as-of-window); the other rules read it the widest way round.
  const reversed = !!(asOf.from && asOf.to && asOf.to < asOf.from);
  const asOfLatest = (reversed ? asOf.from : (asOf.to ?? asOf.from)) ?? null;
  const date = (t: string | undefined): string | null => {
    if (!t) return null;
    if (!isNumericDate(t)) return readDate(t, 'month-first') ?? null;
    if (order.order) return readDate(t, order.order) ?? null;
    const [a, b] = [readDate(t, 'month-first'), readDate(t, 'day-first')];
    return a === b ? (a ?? null) : null;
  };

  const window: AsOf = { earliest: (reversed ? asOf.to : asOf.from) ?? latestDateIn(profile, date), latest: asOfLatest };
  const state = stateFact(profile.state, catalog, window);

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
    const inForceDate = date(e?.inForce);
    const withdrawnDate = date(e?.withdrawn);
    const entryIntoForce = inst.inForce?.date ?? null;
    const notInForce = !!inst.inForce?.notInForce;
    const own = notInForce ? null : ownInForce(inForceDate, joinedDate, entryIntoForce, inst.inForceLag);
    const grace = inst.safeguardsGrace ?? inst.zone?.grace;
    const g = grace ? graceEnd(own, entryIntoForce, grace) : { end: null, earliest: null };
    const withdrawalEffective = withdrawnDate && inst.withdrawalNotice ? addPeriod(withdrawnDate, inst.withdrawalNotice) : withdrawnDate;
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
      inForceDate,
      withdrawnDate,
      entryIntoForce,
      notInForce,
      entryIntoForceText: notInForce ? 'none yet' : (entryIntoForce ?? 'unknown'),
      signatureClosed: inst.signatureClosed?.date ?? null,
      opened: inst.opened?.date ?? null,
      adopted: adoptionOf(catalog, inst.id) ?? null,
      inForceThen: inForceThen(entryIntoForce, notInForce, window),
      existedThen: reached(inst.established?.date ?? inst.opened?.date ?? entryIntoForce, window),
      ownInForce: own,
      ownInForceThen: notInForce ? 'no' : reached(own, window),
      graceEnds: g.end,
      graceOver: grace ? graceOver(g, window) : 'unknown',
      graceText: g.end ?? (g.earliest ? `not before ${g.earliest}` : 'unknown'),
      agreement: e?.agreement ?? null,
      withdrawalEffective,
      withdrawalEffectiveThen: reached(withdrawalEffective, window),
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
    if (parent)
      Object.assign(f, {
        parentPresent: parent.present,
        parentBound: parent.bound,
        parentLabel: parent.label,
        parentStatus: parent.status,
      });
    if (inst.zone) {
      const required = [...(inst.zone.safeguards ?? []), ...(inst.zone.alsoRequires ?? [])];
      f.zoneUnmet = required
        .map((id) => base[id] as InstrumentFact | undefined)
        .filter((r): r is InstrumentFact => !!r && r.present && !r.bound)
        .map((r) => r.short);
    }
  }
  // Markers on headings (the seed's "STATUS¹") refer to footnotes too.
  const headingLines = [...Object.values(profile.layout?.headings ?? {}), ...Object.values(profile.layout?.groups ?? {})];
  base.profile = {
    pointer: profile.asOf === undefined ? '' : '/asOf',
    asOfEarliest: window.earliest,
    asOfFrom: asOf.from ?? null,
    asOfTo: asOf.to ?? null,
    asOfLatest,
    asOfText: asOfLatest ?? 'not given',
    dateOrder: order.order ?? null,
    dateOrderHow: order.how,
    dateOrderReason: order.reason,
    dateOrderAt: order.pointer ? { pointer: order.pointer } : null,
    format: opts.format ?? '',
    layoutKept: profile.layout !== undefined,
    entryCount: profile.entries.length,
    headingMarkers: headingLines.flatMap((l) => markersIn(l)),
  };

  const footnotes = profile.footnotes ?? [];
  // Footnotes by marker and by text, built once: a search per row or per footnote grew with the square.
  const noteText = new Map<number, string>();
  for (const f of footnotes) if (!noteText.has(f.marker)) noteText.set(f.marker, f.text);
  const entry: EntryFact[] = profile.entries.map((e, index) => {
    const inst = e.instrument ? catalog.instrument(e.instrument) : undefined;
    const pointer = `/entries/${index}`;
    const own = inst ? (base[inst.id] as InstrumentFact) : unknownInstrument(e, pointer);
    const match = e.name ? catalog.matchName(e.name) : undefined;
    const years = [...(e.years ?? [])].sort((a, b) => a - b);
    const notes = e.notes ?? [];
    // A plain object of one shape for every row: rows that inherited from a per-document prototype
    // each had a hidden class of their own.
    return rowFact(own, {
      pointer,
      status: e.status,
      index,
      key: inst ? inst.id : `row-${index}`,
      known: !!inst,
      name: e.name ?? inst?.label ?? e.instrument ?? '',
      misnomer: match?.instrument.id === inst?.id ? (match?.misnomer ?? null) : null,
      years,
      earliestYear: years[0] ?? null,
      notes,
      notesText: notes.map((n) => noteText.get(n) ?? '').join(' '),
      suggestion: suggestionFor(e, inst, catalog),
      statusMeant: inst ? statusMeant(catalog, inst.id, e.status) : null,
    });
  });

  const report: ReportFact[] = [];
  profile.entries.forEach((e, index) => {
    let prev: { date: string | null; text: string | null } = { date: null, text: null };
    (e.reports ?? []).forEach((r, k) => {
      const d = date(r.date);
      const readings =
        r.date && !order.order
          ? [...new Set([readDate(r.date, 'month-first'), readDate(r.date, 'day-first')].filter((x): x is string => !!x))].sort()
          : [];
      report.push({
        key: `${e.instrument ?? `row-${index}`}#${r.addendum ?? 0}`,
        pointer: `/entries/${index}/reports/${k}`,
        instrument: e.instrument ?? '',
        label: catalog.instrument(e.instrument ?? '')?.short ?? e.name ?? '',
        addendum: r.addendum ?? 0,
        number: k,
        date: d,
        latestReading: d ?? readings.at(-1) ?? null,
        readingText: d ?? (readings.join(' or ') || '—'),
        text: r.date ?? '',
        adopted: adoptionOf(catalog, e.instrument) ?? null,
        previousDate: prev.date,
        previousText: prev.text,
        expectedAddendum: k,
      });
      prev = { date: d, text: r.date ?? null };
    });
  });

  const footnote: FootnoteFact[] = footnotes.map((f, k) => ({
    key: `fn${f.marker}`,
    pointer: `/footnotes/${k}`,
    marker: f.marker,
    text: f.text,
    normalizedText: footnoteWords(f.text),
  }));
  const note: NoteRefFact[] = profile.entries.flatMap((e, index) =>
    (e.notes ?? []).map((m, k) => ({
      key: `${e.instrument ?? `row-${index}`}^${m}`,
      pointer: `/entries/${index}/notes/${k}`,
      marker: m,
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
      numeric: isNumericDate(text),
      readings: [mf, df].filter(Boolean).join(' or '),
    });
  };
  profile.entries.forEach((e, i) => {
    for (const k of ['signed', 'joined', 'inForce', 'withdrawn'] as const) addDate(`/entries/${i}/${k}`, e[k], e.instrument);
    (e.reports ?? []).forEach((r, k) => addDate(`/entries/${i}/reports/${k}/date`, r.date, e.instrument));
  });

  return { base, entry, report, footnote, note, date: dates };
}

type RowOwn = Omit<EntryFact, Exclude<keyof InstrumentFact, 'pointer' | 'status'>>;

/**
 * A row's facts: its instrument's, then its own, written out in one literal so that every row of
 * every document has one hidden class (a spread of the instrument's facts copied whichever shape
 * they had, and took twice the time).
 */
function rowFact(own: InstrumentFact, row: RowOwn): EntryFact {
  return {
    id: own.id,
    label: own.label,
    short: own.short,
    kind: own.kind,
    kindName: own.kindName,
    present: own.present,
    pointer: row.pointer,
    status: row.status,
    statusWords: own.statusWords,
    bound: own.bound,
    signed: own.signed,
    consented: own.consented,
    withdrawn: own.withdrawn,
    signedDate: own.signedDate,
    joinedDate: own.joinedDate,
    joinedYear: own.joinedYear,
    inForceDate: own.inForceDate,
    withdrawnDate: own.withdrawnDate,
    entryIntoForce: own.entryIntoForce,
    notInForce: own.notInForce,
    entryIntoForceText: own.entryIntoForceText,
    signatureClosed: own.signatureClosed,
    opened: own.opened,
    adopted: own.adopted,
    inForceThen: own.inForceThen,
    existedThen: own.existedThen,
    ownInForce: own.ownInForce,
    ownInForceThen: own.ownInForceThen,
    graceEnds: own.graceEnds,
    graceOver: own.graceOver,
    graceText: own.graceText,
    agreement: own.agreement,
    withdrawalEffective: own.withdrawalEffective,
    withdrawalEffectiveThen: own.withdrawalEffectiveThen,
    isZone: own.isZone,
    zoneAlsoRequires: own.zoneAlsoRequires,
    eligibleStates: own.eligibleStates,
    parent: own.parent,
    parentPresent: own.parentPresent,
    parentBound: own.parentBound,
    parentLabel: own.parentLabel,
    parentStatus: own.parentStatus,
    zoneUnmet: own.zoneUnmet,
    index: row.index,
    key: row.key,
    known: row.known,
    name: row.name,
    misnomer: row.misnomer,
    years: row.years,
    earliestYear: row.earliestYear,
    notes: row.notes,
    notesText: row.notesText,
    suggestion: row.suggestion,
    statusMeant: row.statusMeant,
  };
}

/** A footnote's text as compared for repeats: spacing and case aside. */
export const footnoteWords = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The nearest status word (for one its instrument does not take), or the unknown row's hint. */
function suggestionFor(e: Entry, inst: Instrument | undefined, catalog: Catalog): string | null {
  if (!inst) return unknownHint(e, catalog);
  const words = catalog.statusesOf(inst.id);
  const near = words.includes(e.status) ? undefined : didYouMean(e.status, words);
  return near === undefined ? null : `did you mean ${near}?`;
}

/** A did-you-mean for a row whose instrument id or name the catalogue does not know. */
function unknownHint(e: Entry, catalog: Catalog): string {
  const ids = catalog.instruments.map((i) => i.id);
  const near = e.instrument ? didYouMean(e.instrument, ids) : undefined;
  if (near) return `did you mean \`${near}\`?`;
  const byName = e.name
    ? didYouMean(
        e.name,
        catalog.instruments.flatMap((i) => [i.label, i.name, ...(i.aliases ?? [])]),
        3,
      )
    : undefined;
  const named = byName ? catalog.matchName(byName)?.instrument.id : undefined;
  if (named) return `did you mean \`${named}\` (${byName})?`;
  return e.instrument ? `no instrument id is near \`${e.instrument}\`` : 'no catalogue name is near it';
}

/** The latest date a profile's rows give: the profile cannot describe an earlier day. */
function latestDateIn(profile: Profile, date: (t: string | undefined) => string | null): string | null {
  let latest: string | null = null;
  for (const e of profile.entries) {
    for (const t of [e.signed, e.joined, e.inForce, e.withdrawn, ...(e.reports ?? []).map((r) => r.date)]) {
      const d = date(t);
      if (d && (!latest || d > latest)) latest = d;
    }
  }
  return latest;
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
    opened: null,
    adopted: null,
    inForceThen: 'unknown',
    existedThen: 'unknown',
    ownInForce: null,
    ownInForceThen: 'unknown',
    graceEnds: null,
    graceOver: 'unknown',
    graceText: 'unknown',
    agreement: null,
    withdrawalEffective: null,
    withdrawalEffectiveThen: 'unknown',
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
