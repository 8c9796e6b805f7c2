// A fast first reader for the YAML that profiles are: block mappings and lists, `- key: value` items,
// one-line plain and quoted scalars, short flow lists of scalars, comments, blank lines, CRLF.
// It gives the data and positions the `yaml` path gives, or gives up (undefined) and lets that path
// read the file: it never reports a problem, so every message still comes from one place. It reads
// line by line with a stack of its own (no recursion on the input's depth), every scan is a loop
// over characters, and the few regular expressions are anchored runs of disjoint classes (linear).
import { FIXED_LIMITS } from './limits.js';
import { pointerSegments, positionIn } from './pointer.js';
import type { Position } from './types.js';

/**
 * Where each node starts: a scalar is its offset; a collection its offset and children (for a
 * mapping, its keys in order beside them), so `locate` can walk a pointer as the `yaml` path does.
 */
type Shadow = number | Coll;
interface Coll {
  at: number;
  keys: string[] | undefined;
  items: Shadow[];
}

interface Frame {
  /** The column of the keys (a mapping) or of the dashes (a list). */
  indent: number;
  /** As the `yaml` path counts for its depth limit: the document's collection is level 1. */
  depth: number;
  /** A list at the column of its parent's keys (`key:` then `- item` below it, not indented). */
  flush: boolean;
  value: Record<string, unknown> | unknown[];
  shadow: Coll;
}

/** Deeper than this, the `yaml` path reads the file (a profile is 5 levels deep). */
const MAX_DEPTH = 16;
/** Flow lists in profiles are short (footnote markers, years); a long one is the `yaml` path's. */
const MAX_FLOW_ITEMS = 256;
/** Implicit keys are bounded in YAML (1024); profile keys are short words. */
const MAX_KEY = 128;
/** Keys the core schema reads as something other than a string, and one `toJS` treats specially. */
const ODD_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
const WORDS = new Map<string, unknown>([
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const GIVE_UP = Symbol('give up');
type Got = unknown | typeof GIVE_UP;

/** A character that may not start a plain scalar here (YAML's indicators, `-` and `~` too). */
const isIndicator = (c: number) => '-?:,[]{}#&*!|>\'"%@`~'.includes(String.fromCharCode(c));
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters every non-string form of the core schema is made of (`[0-9A-Za-z.+\-~]`). */
const isCoreChar = (c: number) => isLetter(c) || isDigit(c) || c === 46 || c === 43 || c === 45 || c === 126;

const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^[0-9]{1,15}\.[0-9]{1,15}$/;
const ISO_DATE = /^[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}$/;
const DOTTED_DATE = /^[0-9]{1,4}\.[0-9]{1,4}\.[0-9]{1,4}$/;

/**
 * A plain scalar as the core schema reads it, where that is certain: text with a character no
 * number, boolean or null is made of, a word that is not `null`/`true`/`false` in one of their
 * spellings, a small decimal integer, a decimal fraction, a date with three parts. Else GIVE_UP.
 */
export function resolvePlain(s: string): Got {
  if (s === '') return GIVE_UP;
  for (let i = 0; i < s.length; i++) if (!isCoreChar(s.charCodeAt(i))) return s;
  if (isLetter(s.charCodeAt(0))) return WORDS.has(s) ? WORDS.get(s) : s;
  if (SMALL_INT.test(s)) return Number(s);
  if (DECIMAL.test(s)) return parseFloat(s);
  if (ISO_DATE.test(s) || DOTTED_DATE.test(s)) return s;
  return GIVE_UP;
}

/** A character the `yaml` path might treat otherwise: tabs, controls, lone CR, BOM, line separators. */
function oddCharacter(src: string): boolean {
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 32) {
      if (c === 10) continue;
      if (c === 13 && src.charCodeAt(i + 1) === 10) continue;
      return true;
    }
    if (c >= 127 && (c <= 159 || c === 0xfeff || c === 0x2028 || c === 0x2029)) return true;
  }
  return false;
}

export interface FastYaml {
  value: Record<string, unknown> | unknown[];
  /** As the `yaml` path's `positions.get`: the node a pointer names, or its nearest enclosing node. */
  locate(pointer: string): Position | undefined;
}

/** Reads `text` if it is certain to read it as the `yaml` path would; else undefined. */
export function readFastYaml(text: string, maxDepth: number): FastYaml | undefined {
  // The `yaml` path drops a byte-order mark and counts offsets from after it.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (oddCharacter(src)) return undefined;
  const depthLimit = Math.min(maxDepth, MAX_DEPTH);
  const lineStarts = [0];
  const stack: Frame[] = [];
  let root: Frame | undefined;
  /** A key whose value is a collection on the lines below. */
  let pending: { frame: Frame; key: string } | undefined;
  /** What `quoted` read last (it returns where the scalar ends). */
  let quotedValue = '';
  let next = 0;

  /** A one-line scalar or flow list at `p`, ending before `end` (comments and spaces after it allowed). */
  function scalar(p: number, end: number, depth: number): [Got, Shadow] {
    const c = src.charCodeAt(p);
    let after: number;
    let shadow: Shadow = p;
    let got: Got;
    if (c === 34 || c === 39) {
      after = quoted(p, end);
      if (after < 0) return [GIVE_UP, p];
      got = quotedValue;
    } else if (c === 91) {
      if (depth > depthLimit) return [GIVE_UP, p];
      const items: unknown[] = [];
      const offsets: number[] = [];
      after = flowList(p, end, items, offsets);
      if (after < 0) return [GIVE_UP, p];
      shadow = { at: p, keys: undefined, items: offsets };
      got = items;
    } else {
      if (isIndicator(c)) return [GIVE_UP, p];
      let stop = end;
      for (let i = p; i < end; i++) {
        const ch = src.charCodeAt(i);
        if (ch === 58 && (i + 1 === end || src.charCodeAt(i + 1) === 32)) return [GIVE_UP, p];
        if (ch === 35 && src.charCodeAt(i - 1) === 32) {
          stop = i;
          break;
        }
      }
      while (src.charCodeAt(stop - 1) === 32) stop--;
      return [resolvePlain(src.slice(p, stop)), p];
    }
    // After a quoted scalar or a flow list: spaces, then the end or a comment after a space.
    let i = after;
    while (i < end && src.charCodeAt(i) === 32) i++;
    if (i < end && !(src.charCodeAt(i) === 35 && i > after)) return [GIVE_UP, p];
    return [got, shadow];
  }

  /** A quoted scalar on one line: sets `quotedValue`, returns the offset after its closing quote, or -1. */
  function quoted(p: number, end: number): number {
    const q = src.charCodeAt(p);
    // Pieces between escapes, joined once: appending to one string per escape copies it again and again.
    const parts: string[] = [];
    let from = p + 1;
    for (let i = p + 1; i < end; i++) {
      const c = src.charCodeAt(i);
      if (q === 39 && c === 39) {
        if (src.charCodeAt(i + 1) === 39 && i + 1 < end) {
          parts.push(src.slice(from, i + 1));
          from = i + 2;
          i++;
          continue;
        }
        parts.push(src.slice(from, i));
        quotedValue = parts.join('');
        return i + 1;
      }
      if (q === 34 && c === 34) {
        parts.push(src.slice(from, i));
        quotedValue = parts.join('');
        return i + 1;
      }
      if (q === 34 && c === 92) {
        const e = src[i + 1];
        const to = e === '\\' || e === '"' || e === '/' ? e : e === 'n' ? '\n' : e === 't' ? '\t' : undefined;
        if (to === undefined || i + 1 >= end) return -1;
        parts.push(src.slice(from, i), to);
        from = i + 2;
        i++;
      }
    }
    return -1;
  }

  /** `[a, 'b', 3]` on one line, of scalars only: fills items and offsets, returns the offset after `]`, or -1. */
  function flowList(p: number, end: number, items: unknown[], offsets: number[]): number {
    let i = p + 1;
    let expectItem = true;
    for (;;) {
      while (i < end && src.charCodeAt(i) === 32) i++;
      if (i >= end) return -1;
      const c = src.charCodeAt(i);
      if (c === 93) {
        if (expectItem && items.length > 0) return -1; // a trailing comma
        return i + 1;
      }
      if (c === 44) {
        if (expectItem) return -1;
        expectItem = true;
        i++;
        continue;
      }
      if (!expectItem || items.length >= MAX_FLOW_ITEMS) return -1;
      if (c === 34 || c === 39) {
        const after = quoted(i, end);
        if (after < 0) return -1;
        items.push(quotedValue);
        offsets.push(i);
        i = after;
      } else {
        if (isIndicator(c)) return -1;
        let j = i;
        for (; j < end; j++) {
          const ch = src.charCodeAt(j);
          if (ch === 44 || ch === 93) break;
          if (ch === 58 || ch === 91 || ch === 123 || ch === 125 || (ch === 35 && src.charCodeAt(j - 1) === 32)) return -1;
        }
        let stop = j;
        while (src.charCodeAt(stop - 1) === 32) stop--;
        const v = resolvePlain(src.slice(i, stop));
        if (v === GIVE_UP) return -1;
        items.push(v);
        offsets.push(i);
        i = j;
      }
      expectItem = false;
      if (i < end && src.charCodeAt(i) !== 32 && src.charCodeAt(i) !== 44 && src.charCodeAt(i) !== 93) return -1;
    }
  }

  const open = (list: boolean, indent: number, depth: number, flush: boolean, at: number): Frame | undefined =>
    depth > depthLimit
      ? undefined
      : { indent, depth, flush, value: list ? [] : {}, shadow: { at, keys: list ? undefined : [], items: [] } };

  /** Adds a key and its value to a mapping; false if the key repeats one or the mapping is too wide. */
  function put(frame: Frame, key: string, v: unknown, shadow: Shadow): boolean {
    const keys = frame.shadow.keys!;
    if (keys.length >= FIXED_LIMITS.maxKeys || Object.hasOwn(frame.value, key)) return false;
    (frame.value as Record<string, unknown>)[key] = v;
    keys.push(key);
    frame.shadow.items.push(shadow);
    return true;
  }

  /** `key: value` or `key:` at `p` in the mapping `frame`. */
  function keyLine(frame: Frame, p: number, end: number): boolean {
    let k = p;
    const c0 = src.charCodeAt(p);
    if (!(isLetter(c0) || c0 === 95)) return false;
    while (k < end && k - p <= MAX_KEY) {
      const c = src.charCodeAt(k);
      if (isLetter(c) || isDigit(c) || c === 95 || c === 45) k++;
      else break;
    }
    if (src.charCodeAt(k) !== 58 || k >= end || k - p > MAX_KEY) return false;
    const key = src.slice(p, k);
    if (ODD_KEYS.has(key)) return false;
    let v = k + 1;
    if (v < end && src.charCodeAt(v) !== 32) return false;
    while (v < end && src.charCodeAt(v) === 32) v++;
    if (v === end || src.charCodeAt(v) === 35) {
      // The value is on the lines below; a key must not repeat, whatever its value.
      if (Object.hasOwn(frame.value, key) || frame.shadow.keys!.length >= FIXED_LIMITS.maxKeys) return false;
      pending = { frame, key };
      return true;
    }
    const [got, shadow] = scalar(v, end, frame.depth + 1);
    return got !== GIVE_UP && put(frame, key, got, shadow);
  }

  /** `- …` at `p` in the list `frame`; `lineStart` gives the column of a mapping that starts in it. */
  function item(frame: Frame, p: number, end: number, lineStart: number): boolean {
    let v = p + 1;
    while (v < end && src.charCodeAt(v) === 32) v++;
    if (v === end || v === p + 1) return false; // an empty item, or its value on the lines below
    const c = src.charCodeAt(v);
    if (c === 35 || c === 45) return false;
    const list = frame.value as unknown[];
    if (isLetter(c) || c === 95) {
      // `- key: value` opens a mapping at the key's column, unless it is a plain scalar after all.
      let k = v;
      while (k < end && (isLetter(src.charCodeAt(k)) || isDigit(src.charCodeAt(k)) || src.charCodeAt(k) === 95 || src.charCodeAt(k) === 45))
        k++;
      if (src.charCodeAt(k) === 58 && k < end && (k + 1 === end || src.charCodeAt(k + 1) === 32)) {
        const map = open(false, v - lineStart, frame.depth + 1, false, v);
        if (!map) return false;
        list.push(map.value);
        frame.shadow.items.push(map.shadow);
        stack.push(map);
        return keyLine(map, v, end);
      }
    }
    const [got, shadow] = scalar(v, end, frame.depth + 1);
    if (got === GIVE_UP) return false;
    list.push(got);
    frame.shadow.items.push(shadow);
    return true;
  }

  function line(start: number, end: number): boolean {
    let p = start;
    while (p < end && src.charCodeAt(p) === 32) p++;
    if (p === end || src.charCodeAt(p) === 35) return true; // blank, or a comment
    const indent = p - start;
    const c = src.charCodeAt(p);
    // Directives and document markers: the `yaml` path says what they mean.
    if (indent === 0 && (c === 37 || src.startsWith('---', p) || src.startsWith('...', p))) return false;
    const isItem = c === 45 && (p + 1 === end || src.charCodeAt(p + 1) === 32);
    let top: Frame | undefined;
    if (pending) {
      const parent = pending.frame;
      if (!(indent > parent.indent || (indent === parent.indent && isItem))) return false; // an empty value
      top = open(isItem, indent, parent.depth + 1, indent === parent.indent, p);
      // (The mapping of the pending key is the innermost open collection: nothing opened after it.)
      if (!top || !put(parent, pending.key, top.value, top.shadow)) return false;
      stack.push(top);
      pending = undefined;
    } else {
      while (stack.length) {
        const t = stack[stack.length - 1]!;
        if (t.indent > indent || (t.flush && t.indent === indent && !isItem)) stack.pop();
        else break;
      }
      top = stack[stack.length - 1];
      if (!top) {
        if (root || indent !== 0) return false;
        root = top = open(isItem, 0, 1, false, p);
        if (!root) return false;
        stack.push(root);
      } else if (top.indent !== indent) return false;
    }
    if (!top) return false;
    return Array.isArray(top.value) ? isItem && item(top, p, end, start) : !isItem && keyLine(top, p, end);
  }

  // Lines end at LF; a CR before it is part of the line break (lone CRs were refused above).
  while (next < src.length) {
    let eol = src.indexOf('\n', next);
    if (eol < 0) eol = src.length;
    const end = eol > next && src.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    if (!line(next, end)) return undefined;
    if (eol < src.length) lineStarts.push(eol + 1);
    next = eol + 1;
  }
  if (pending || !root) return undefined;

  const at = (offset: number): Position => positionIn(lineStarts, offset);
  const offsetOf = (s: Shadow) => (typeof s === 'number' ? s : s.at);
  const top = root;
  return {
    value: top.value,
    locate(pointer) {
      let node: Shadow = top.shadow;
      let pos = at(node.at);
      for (const seg of pointerSegments(pointer)) {
        if (typeof node === 'number') break;
        let child: Shadow | undefined;
        if (node.keys) {
          const i = node.keys.indexOf(seg);
          child = i < 0 ? undefined : node.items[i];
        } else child = node.items[Number(seg)];
        if (child === undefined) break;
        pos = at(offsetOf(child));
        node = child;
      }
      return pos;
    },
  };
}
