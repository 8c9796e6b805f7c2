// JSON pointers (RFC 6901), as findings and fixes name the nodes of a document, and the line and
// column a reader gives the node a pointer names.
import type { Position } from './types.js';

/** A JSON pointer's segments, unescaped (`~1` is `/`, `~0` is `~`). */
export const pointerSegments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The 1-based line and column of `offset`, given the offset where each line starts (ascending, from 0). */
export function positionIn(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}
