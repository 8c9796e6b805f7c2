// Message templates: "{cwc.status}" is replaced by that fact's value.

const cache = new Map<string, string[]>();

/** A dot path ("$.a.b" or "a.b") as its segments, split once and kept. */
export function segments(path: string): string[] {
  let s = cache.get(path);
  if (!s) {
    s = path
      .replace(/^\$\.?/, '')
      .split('.')
      .filter(Boolean);
    cache.set(path, s);
  }
  return s;
}

/**
 * A property of a fact: its own, never one of Object.prototype or Array.prototype (`$.constructor` is
 * undefined). Facts are plain objects, so an own key is all there is.
 */
function property(v: object, key: string): unknown {
  return Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}

/** Follows a path into a value; json-rules-engine's `pathResolver` too (2–3× faster than JSONPath). */
export function resolvePath(value: unknown, path: string): unknown {
  let v = value;
  for (const seg of segments(path)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = property(v, seg);
  }
  return v;
}

/** Looks a fact up by name (own keys only); findings read a hit's facts through one. */
export type FactLookup = (name: string) => unknown;

/** The lookup of a plain facts object. */
export const lookupIn =
  (facts: Record<string, unknown>): FactLookup =>
  (name) =>
    property(facts, name);

/** A fact reference ("cwc.status") split once and kept: the fact's name and the path inside it. */
const refs = new Map<string, { name: string; path: string | undefined }>();

/** The value a reference names, through a lookup. */
export function refValue(get: FactLookup, ref: string): unknown {
  let r = refs.get(ref);
  if (!r) {
    const dot = ref.indexOf('.');
    r = dot < 0 ? { name: ref, path: undefined } : { name: ref.slice(0, dot), path: ref.slice(dot + 1) };
    refs.set(ref, r);
  }
  const fact = get(r.name);
  return r.path === undefined ? fact : resolvePath(fact, r.path);
}

export function factValue(facts: Record<string, unknown>, ref: string): unknown {
  return refValue(lookupIn(facts), ref);
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : Array.isArray(v) ? v.map(show).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);

const PLACEHOLDER = /( \()?\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+)*)\}(\))?/g;

/** A template cut at its placeholders once: the text before each, the reference, its parentheses. */
interface Piece {
  before: string;
  open: string | undefined;
  ref: string;
  close: string | undefined;
}
const parsed = new Map<string, { pieces: Piece[]; rest: string }>();

function parse(template: string): { pieces: Piece[]; rest: string } {
  let p = parsed.get(template);
  if (!p) {
    const pieces: Piece[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      const [whole, open, ref, close] = m;
      pieces.push({ before: template.slice(last, m.index), open, ref: ref!, close });
      last = m.index + whole.length;
    }
    p = { pieces, rest: template.slice(last) };
    // Templates are the rule files' own few (messages, fix titles): the cache stays small.
    parsed.set(template, p);
  }
  return p;
}

/**
 * Fills a template with fact values, and words it as a person would: "an" before a value that starts
 * with a vowel ("an export control regime"), and a parenthesis holding only a value is left out when
 * the value is missing ("(—)") or repeats what comes just before it ("2016-10-29 (2016-10-29)").
 */
export function fill(template: string, facts: Record<string, unknown>): string {
  return fillWith(template, lookupIn(facts));
}

/** `fill`, the facts read through a lookup. */
export function fillWith(template: string, get: FactLookup): string {
  const { pieces, rest } = parse(template);
  let out = '';
  for (const { before, open, ref, close } of pieces) {
    out += before;
    const v = refValue(get, ref);
    const value = show(v);
    if (open && close) {
      if (v !== null && v !== undefined && !out.endsWith(value)) out += `${open}${value}${close}`;
      continue;
    }
    if (/(^|\s)[aA] $/.test(out) && /^[aeioAEIO]/.test(value)) out = `${out.slice(0, -1)}n `;
    out += `${open ?? ''}${value}${close ?? ''}`;
  }
  return out + rest;
}

/** The fact references a template uses. */
export function templateRefs(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+)*)\}/g)].map((m) => m[1]!);
}
