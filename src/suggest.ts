// "Did you mean …?" for every name a user types: keys, options, rule ids, instrument ids, status
// words, formats. One helper, so every message suggests the same way.

/** The option nearest to a misspelt word (case aside; edit distance at most `max`), if any. */
export function didYouMean(word: string, options: Iterable<string>, max = 2): string | undefined {
  let best: string | undefined;
  let bestD = max + 1;
  const w = word.toLowerCase();
  for (const o of options) {
    const d = editDistance(w, o.toLowerCase(), bestD);
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best;
}

/** Levenshtein distance, or `cap` as soon as it is known to be at least `cap` (inputs may be long). */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length]!, cap);
}
