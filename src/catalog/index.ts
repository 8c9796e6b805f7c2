// The instrument and state catalogues are data (rules/catalog/*.yaml); this reads and indexes them once.
import { readSideFile } from '../load/read.js';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalogDir } from '../paths.js';
import { prebuilt } from '../prebuilt.js';

export interface SourcedFact {
  date?: string;
  value?: string;
  source?: string;
  confidence?: 'unconfirmed';
  notInForce?: boolean;
}

/** A sourced length of time (a grace period, the lag from deposit to entry into force). */
export interface Period {
  days?: number;
  months?: number;
  /** For a zone's safeguards period: counted from the treaty's entry into force, or the state's own. */
  from?: 'treaty' | 'state';
  source?: string;
  confidence?: 'unconfirmed';
}

export interface KindInfo {
  statuses: string[];
  absent: string;
  bound: string[];
  consented?: string[];
  signed?: string[];
}

export interface Instrument {
  id: string;
  name: string;
  short?: string;
  kind: string;
  section: string;
  group?: string;
  label: string;
  aliases?: string[];
  misnomers?: { name: string; note: string }[];
  statuses?: string[];
  opened?: SourcedFact;
  established?: SourcedFact;
  inForce?: SourcedFact;
  signatureClosed?: SourcedFact;
  inForceLag?: Period;
  safeguardsGrace?: Period;
  withdrawalNotice?: Period;
  adopted?: SourcedFact;
  adoptedAlso?: SourcedFact[];
  depositary?: SourcedFact;
  organization?: string;
  treaty?: string;
  parent?: string;
  zone?: { safeguards?: string[]; alsoRequires?: string[]; basis?: string; eligibleStates?: string[]; grace?: Period };
  untc?: string;
}

export interface State {
  name: string;
  iso2: string;
  iso3: string;
  un: 'member' | 'observer';
  unAdmission?: string;
  aliases?: string[];
  independence?: SourcedFact;
  predecessor?: string;
  continuatorOf?: string;
  nptNuclearWeaponState?: boolean;
  nptAccession?: SourcedFact;
  treatyCapacity?: SourcedFact;
}

export interface Catalog {
  kinds: Record<string, KindInfo>;
  instruments: Instrument[];
  states: State[];
  instrument(id: string): Instrument | undefined;
  kindOf(id: string): KindInfo | undefined;
  /** Status words an instrument takes (its own list, else its kind's). */
  statusesOf(id: string): string[];
  /** The instrument a row label names, and whether that label is a known misnomer. */
  matchName(label: string): { instrument: Instrument; misnomer?: string } | undefined;
  state(nameOrCode: string): State | undefined;
  /** The state whose ISO 3166-1 alpha-3 code this is (codes only, not names). */
  stateByCode(iso3: string): State | undefined;
}

/** Folds a label for matching: footnote markers, case, punctuation spacing and dashes do not count. */
export function foldName(s: string): string {
  return s
    .replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]/g, '')
    .normalize('NFKC')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function buildCatalog(raw: { kinds: Record<string, KindInfo>; instruments: Instrument[]; states: State[] }): Catalog {
  const byId = new Map(raw.instruments.map((i) => [i.id, i]));
  const byName = new Map<string, { instrument: Instrument; misnomer?: string }>();
  for (const i of raw.instruments) {
    for (const n of [i.label, i.name, i.short, ...(i.aliases ?? [])]) {
      if (n && !byName.has(foldName(n))) byName.set(foldName(n), { instrument: i });
    }
  }
  for (const i of raw.instruments) {
    for (const m of i.misnomers ?? []) byName.set(foldName(m.name), { instrument: i, misnomer: m.note });
  }
  const matched = new Map<string, { instrument: Instrument; misnomer?: string } | undefined>();
  const states = new Map<string, State>();
  const byCode = new Map(raw.states.map((s) => [s.iso3, s]));
  for (const s of raw.states) {
    for (const n of [s.name, s.iso2, s.iso3, ...(s.aliases ?? [])]) states.set(foldName(n), s);
  }
  return {
    ...raw,
    instrument: (id) => byId.get(id),
    kindOf: (id) => raw.kinds[byId.get(id)?.kind ?? ''],
    statusesOf: (id) => byId.get(id)?.statuses ?? raw.kinds[byId.get(id)?.kind ?? '']?.statuses ?? [],
    matchName: (label) => {
      // Labels repeat from profile to profile: fold and look up each one once.
      if (matched.has(label)) return matched.get(label);
      const folded = foldName(label);
      // "Full Name (ACRONYM)": either half may be the known one.
      const m = byName.has(folded) ? undefined : /^(.*?)\s*\(([^()]+)\)$/.exec(folded);
      const found = byName.get(folded) ?? (m ? (byName.get(m[2]!) ?? byName.get(m[1]!)) : undefined);
      if (matched.size < 10_000) matched.set(label, found);
      return found;
    },
    state: (n) => states.get(foldName(n)),
    stateByCode: (c) => byCode.get(c),
  };
}

let cached: Catalog | undefined;

/** The bundled catalogue, read on first use. */
export function loadCatalog(dir = catalogDir): Catalog {
  if (cached && dir === catalogDir) return cached;
  // The build's parsed copy while the file is unchanged: parsing the YAML is most of start-up.
  const read = (f: string) =>
    (dir === catalogDir ? prebuilt<Record<string, unknown>>(`rules/catalog/${f}`) : undefined) ?? parse(readSideFile(join(dir, f)));
  const instruments = read('instruments.yaml');
  const states = read('states.yaml');
  const catalog = buildCatalog({ kinds: instruments.kinds, instruments: instruments.instruments, states: states.states });
  if (dir === catalogDir) cached = catalog;
  return catalog;
}
