// Folding a footnote into an earlier one with the same text: rows that pointed to it point to the
// earlier one, it goes, and every later marker moves down by one so the markers stay consecutive.
import type { Profile } from '../model/profile.js';
import { MARKER_RUN, fromSuperscript, toSuperscript } from '../load/markers.js';
import type { Edit } from './types.js';

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function mergeFootnote(profile: Profile, from: number, into: number): Edit[] | undefined {
  const notes = profile.footnotes ?? [];
  const k = notes.findIndex((f) => f.marker === from);
  if (k < 0 || !notes.some((f) => f.marker === into)) return undefined;
  const target = into > from ? into - 1 : into;
  const map = (m: number) => (m === from ? target : m > from ? m - 1 : m);
  const relabel = (s: string) => s.replace(MARKER_RUN, (run) => toSuperscript(map(fromSuperscript(run))));
  const sets: Edit[] = [];
  const removes: Edit[] = [];
  notes.forEach((f, j) => {
    if (j !== k && map(f.marker) !== f.marker) sets.push({ op: 'set', pointer: `/footnotes/${j}/marker`, value: map(f.marker) });
  });
  removes.push({ op: 'remove', pointer: `/footnotes/${k}` });
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
