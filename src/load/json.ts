// The first reader of a `.json` document: the data from one JSON.parse, and positions only when a
// finding asks for one. It answers only for a document the full path (`yaml.ts`: the `yaml`
// Composer, which words every problem) would read without a problem; anything else is handed back
// (undefined) for that path to read and word: text JSON.parse refuses, a repeated key (JSON.parse
// keeps the last one silently), a mapping over the key limit or nesting over the depth limit. For
// valid JSON the two give the same data (`__proto__` an own key, lone surrogates, `\u0000`, `-0`,
// `1e400` as Infinity, big integers rounded alike); `test/load/json-fast.test.ts` holds both to the
// same value, problems and position of every pointer on generated profiles and their mutations.
import type { Loaded, Position, SourceFormat } from './types.js';
import { FIXED_LIMITS } from './limits.js';
import { pointerSegments, positionIn } from './pointer.js';

/** A value's offset in the text, and its children: by key (an object) or by index (an array). */
interface Place {
  at: number;
  kids?: Map<string, Place> | Place[];
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;

/** The offset just past the string whose opening quote is at `i` (the text is valid JSON). */
function stringEnd(src: string, i: number): number {
  for (let from = i + 1; ; ) {
    const q = src.indexOf('"', from);
    let slashes = 0;
    while (src.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Keys in the text: in valid JSON every `:` outside a string is one key's. */
function keysWritten(src: string): number {
  let keys = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(src, i) - 1;
    else if (c === COLON) keys++;
  }
  return keys;
}

/**
 * Keys the parsed value holds, or -1 when a collection nests deeper than `maxDepth` (the document's
 * top collection is level 1, as the full path counts) or a mapping has more keys than the fixed cap.
 * A stack of its own: the value may be hostile.
 */
function keysRead(value: unknown, maxDepth: number): number {
  let keys = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return -1;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v)) {
      keys += children.length;
      if (children.length > FIXED_LIMITS.maxKeys) return -1;
    }
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth + 1]);
  }
  return keys;
}

/**
 * Where every value of valid JSON text starts, as a tree; one pass, no recursion. An object's key
 * keeps its first value, as the full path's lookup does (a repeated key never gets here).
 */
function placesOf(src: string): Place {
  const n = src.length;
  const skip = (i: number) => {
    for (let c = src.charCodeAt(i); c === SPACE || c === LF || c === CR || c === TAB; c = src.charCodeAt(++i));
    return i;
  };
  let i = skip(0);
  const root: Place = { at: i };
  const open: Place[] = [];
  let place = root;
  for (;;) {
    // A value starts at i: read it into `place`.
    const c = src.charCodeAt(i);
    let opened = false;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      place.kids = c === OPEN_OBJECT ? new Map() : [];
      open.push(place);
      i = skip(i + 1);
      const d = src.charCodeAt(i);
      if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        open.pop();
        i++;
      } else opened = true;
    } else if (c === QUOTE) i = stringEnd(src, i);
    else
      for (
        let d = c;
        i < n && d !== COMMA && d !== CLOSE_OBJECT && d !== CLOSE_ARRAY && d !== SPACE && d !== LF && d !== CR && d !== TAB;
        d = src.charCodeAt(++i)
      );
    // Past a value: close what ends here, up to the comma before the next member.
    while (!opened && open.length) {
      i = skip(i);
      if (src.charCodeAt(i) === COMMA) {
        i = skip(i + 1);
        opened = true;
      } else {
        open.pop();
        i++;
      }
    }
    if (!opened) return root;
    // A member starts at i: `"key": value` in an object, a value in an array.
    const parent = open[open.length - 1]!;
    if (Array.isArray(parent.kids)) {
      place = { at: i };
      parent.kids.push(place);
    } else {
      const end = stringEnd(src, i);
      const raw = src.slice(i + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(src.slice(i, end)) as string) : raw;
      i = skip(skip(end) + 1); // past the colon
      place = { at: i };
      if (!parent.kids!.has(key)) parent.kids!.set(key, place);
    }
  }
}

/** Offsets of line starts (a lone CR is already LF: see readJson). */
function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Off only where a test compares this reader with the full path. */
export const jsonReader = { fast: true };

/**
 * A `.json` document read with JSON.parse, or undefined when the full path must read it (see the
 * top of this file). `src` is the text as the full path reads it (no byte-order mark, a lone CR
 * made LF), so offsets, lines and columns are the same. Positions follow the full path's `locate`:
 * the node a pointer names, else the nearest enclosing node that exists.
 */
export function readJson<T>(src: string, format: SourceFormat, maxDepth: number): Loaded<T> | undefined {
  if (!jsonReader.fast) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return undefined;
  }
  const keys = keysRead(value, Math.min(maxDepth, FIXED_LIMITS.maxDepth));
  if (keys < 0 || keys !== keysWritten(src)) return undefined;
  let places: Place | undefined;
  let starts: number[] | undefined;
  const get = (pointer: string): Position => {
    places ??= placesOf(src);
    starts ??= lineStarts(src);
    let place = places;
    for (const seg of pointerSegments(pointer)) {
      const next = place.kids instanceof Map ? place.kids.get(seg) : place.kids?.[Number(seg)];
      if (!next) break;
      place = next;
    }
    return positionIn(starts, place.at);
  };
  return { profile: value as T, positions: { get }, problems: [], format };
}
