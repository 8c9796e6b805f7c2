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

export function factValue(facts: Record<string, unknown>, ref: string): unknown {
  const dot = ref.indexOf('.');
  const name = dot < 0 ? ref : ref.slice(0, dot);
  const fact = property(facts, name);
  return dot < 0 ? fact : resolvePath(fact, ref.slice(dot + 1));
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : Array.isArray(v) ? v.map(show).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);

const PLACEHOLDER = /( \()?\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+)*)\}(\))?/g;

/**
 * Fills a template with fact values, and words it as a person would: "an" before a value that starts
 * with a vowel ("an export control regime"), and a parenthesis holding only a value is left out when
 * the value is missing ("(—)") or repeats what comes just before it ("2016-10-29 (2016-10-29)").
 */
export function fill(template: string, facts: Record<string, unknown>): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const [whole, open, ref, close] = m;
    out += template.slice(last, m.index);
    last = m.index + whole.length;
    const v = factValue(facts, ref!);
    const value = show(v);
    if (open && close) {
      if (v !== null && v !== undefined && !out.endsWith(value)) out += `${open}${value}${close}`;
      continue;
    }
    if (/(^|\s)[aA] $/.test(out) && /^[aeioAEIO]/.test(value)) out = `${out.slice(0, -1)}n `;
    out += `${open ?? ''}${value}${close ?? ''}`;
  }
  return out + template.slice(last);
}

/** The fact references a template uses. */
export function templateRefs(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+)*)\}/g)].map((m) => m[1]!);
}
