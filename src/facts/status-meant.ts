// The status word an instrument's kind uses for what a wrong word means: "State Party" of the Hague
// Code means a Subscribing State; "Member" of a treaty means State Party. Only when the kind has
// exactly one such word; otherwise a person must choose (PSI: Endorsing State or Participant).
import type { Catalog, KindInfo } from '../catalog/index.js';

type Standing = 'bound' | 'signed' | 'absent';

function standing(k: KindInfo, word: string): Standing | undefined {
  if (word === k.absent) return 'absent';
  if (k.bound.includes(word)) return 'bound';
  if ((k.signed ?? []).includes(word) && !(k.consented ?? []).includes(word)) return 'signed';
  return undefined;
}

export function statusMeant(catalog: Catalog, instrument: string, word: string): string | null {
  const kind = catalog.kindOf(instrument);
  if (!kind || catalog.statusesOf(instrument).includes(word)) return null;
  const meant = new Set(
    Object.values(catalog.kinds)
      .map((k) => standing(k, word))
      .filter(Boolean),
  );
  if (meant.size !== 1) return null;
  const [s] = meant;
  const words = catalog.statusesOf(instrument).filter((w) => standing(kind, w) === s);
  return words.length === 1 ? words[0]! : null;
}
