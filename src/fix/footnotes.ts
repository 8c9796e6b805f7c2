// Folding repeated footnotes into the first with the same text: rows that pointed to a repeat point
// to the first, the repeats go, and the markers after each move down so they stay consecutive. One
// fix folds every repeat of that text, so a profile with many repeats needs few passes.
import type { Profile } from '../model/profile.js';
import { footnoteWords } from '../facts/index.js';
import { MARKER_RUN, fromSuperscript, toSuperscript } from '../load/markers.js';
import type { Edit } from './types.js';

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Every repeat of one text draws a finding with the same fix: it is worked out once per profile.
const planned = new WeakMap<Profile, Map<number, Edit[] | undefined>>();

export function mergeFootnote(profile: Profile, from: number, into: number): Edit[] | undefined {
  const notes = profile.footnotes ?? [];
  const first = notes.find((f) => f.marker === from);
  const kept = notes.find((f) => f.marker === into);
  if (!kept || !first || footnoteWords(kept.text) !== footnoteWords(first.text)) return undefined;
  let byInto = planned.get(profile);
  if (!byInto) planned.set(profile, (byInto = new Map()));
  if (!byInto.has(into)) byInto.set(into, fold(profile, into));
  return byInto.get(into);
}

function fold(profile: Profile, into: number): Edit[] | undefined {
  const notes = profile.footnotes ?? [];
  const words = footnoteWords(notes.find((f) => f.marker === into)!.text);
  const gone = new Set(notes.filter((f) => f.marker !== into && footnoteWords(f.text) === words).map((f) => f.marker));
  // Markers that remain, in order, numbered again without the gaps the repeats leave.
  const sorted = [...gone].sort((a, b) => a - b);
  const below = (m: number) => {
    let [lo, hi] = [0, sorted.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < m) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const map = (m: number) => (gone.has(m) ? into - below(into) : m - below(m));
  const relabel = (s: string) => s.replace(MARKER_RUN, (run) => toSuperscript(map(fromSuperscript(run))));
  const sets: Edit[] = [];
  const removes: Edit[] = [];
  notes.forEach((f, j) => {
    if (gone.has(f.marker)) removes.push({ op: 'remove', pointer: `/footnotes/${j}` });
    else if (map(f.marker) !== f.marker) sets.push({ op: 'set', pointer: `/footnotes/${j}/marker`, value: map(f.marker) });
  });
  profile.entries.forEach((e, i) => {
    const was = e.notes ?? [];
    const now = [...new Set(was.map(map))];
    now.forEach((m, j) => m !== was[j] && sets.push({ op: 'set', pointer: `/entries/${i}/notes/${j}`, value: m }));
    for (let j = was.length - 1; j >= now.length; j--) removes.push({ op: 'remove', pointer: `/entries/${i}/notes/${j}` });
    for (const key of ['name', 'text'] as const) {
      const s = e[key];
      if (s !== undefined && relabel(s) !== s) sets.push({ op: 'set', pointer: `/entries/${i}/${key}`, value: relabel(s) });
    }
  });
  for (const part of ['headings', 'groups'] as const) {
    for (const [id, line] of Object.entries(profile.layout?.[part] ?? {})) {
      if (relabel(line) !== line) sets.push({ op: 'set', pointer: `/layout/${part}/${esc(id)}`, value: relabel(line) });
    }
  }
  // Sets name the nodes as they are; removals come last, the highest index first, so no pointer moves.
  return [...sets, ...removes];
}
