// The state a profile describes, against the states catalogue: its code and name, from when it could
// act in treaties, and whether a nuclear-weapon State was still outside the NPT on the as-of date.
import type { Catalog } from '../catalog/index.js';
import type { Profile } from '../model/profile.js';
import { didYouMean } from '../suggest.js';
import { reached, type AsOf, type Tri } from './time.js';

export interface StateFact {
  /** Where findings about the state point. */
  pointer: string;
  name: string;
  iso3: string | null;
  known: boolean;
  nws: boolean;
  independence: string | null;
  /** From when the state could sign or join treaties in its own name (before independence for the Ukrainian and Byelorussian SSRs). */
  capacityFrom: string | null;
  predecessor: string | null;
  /** The names the predecessor goes by in a footnote ("Soviet Union", "USSR"); empty without one. */
  predecessorNames: string[];
  /** The profile gives an ISO code that is no state's in the catalogue. */
  codeUnknown: boolean;
  /** For an unknown code: the code the name belongs to, else the nearest code. */
  codeSuggestion: string | null;
  /** The suggestion in words: "did you mean `BRA`?", or that there is none. */
  codeHint: string;
  /** The profile's name and code both name a state, but not the same one. */
  nameCodeMismatch: boolean;
  /** The catalogue's name for the profile's code, and its code for the profile's name. */
  codeName: string | null;
  nameCode: string | null;
  /** A nuclear-weapon State not yet in the NPT on the as-of date (France and China joined in 1992). */
  nwsOutsideNpt: Tri;
}

// The names a predecessor is written under in footnotes, beside the catalogue's own.
const PREDECESSOR_NAMES: Record<string, string[]> = {
  USSR: ['USSR', 'Soviet Union', 'Union of Soviet Socialist Republics'],
  'Yugoslavia (SFRY)': ['Yugoslavia', 'SFRY'],
  Czechoslovakia: ['Czechoslovakia', 'Czech and Slovak Federal Republic'],
};

export function stateFact(s: Profile['state'], catalog: Catalog, asOf: AsOf): StateFact {
  const byCode = s.iso3 ? catalog.stateByCode(s.iso3) : undefined;
  const byName = catalog.state(s.name);
  const entry = byCode ?? byName;
  const codeUnknown = !!s.iso3 && !byCode;
  const nws = !!entry?.nptNuclearWeaponState;
  const suggestion = codeUnknown
    ? (byName?.iso3 ??
      didYouMean(
        s.iso3!,
        catalog.states.map((x) => x.iso3),
        1,
      ) ??
      null)
    : null;
  const accession = entry?.nptAccession?.date ?? null;
  const joined = reached(accession, asOf);
  const predecessor = entry?.predecessor ?? entry?.continuatorOf ?? null;
  return {
    pointer: '/state',
    name: s.name,
    iso3: s.iso3 ?? entry?.iso3 ?? null,
    known: !!entry,
    nws,
    independence: entry?.independence?.date ?? null,
    capacityFrom: entry?.treatyCapacity?.date ?? entry?.independence?.date ?? null,
    predecessor,
    predecessorNames: predecessor ? (PREDECESSOR_NAMES[predecessor] ?? [predecessor]) : [],
    codeUnknown,
    codeSuggestion: suggestion,
    codeHint: suggestion ? `did you mean \`${suggestion}\`${byName ? ` (${byName.name})` : ''}?` : 'no state code is near it',
    nameCodeMismatch: !!byCode && !!byName && byCode !== byName,
    codeName: byCode?.name ?? null,
    nameCode: byName?.iso3 ?? null,
    nwsOutsideNpt: !nws || !accession ? 'no' : joined === 'yes' ? 'no' : joined === 'no' ? 'yes' : 'unknown',
  };
}
