// The `.json` first reader (src/load/json.ts) against the full path it stands in for: generated
// profiles written as JSON in many ways, and mutated, must give the same value, the same problems
// (wording, line, column) and the same position for every pointer whichever path reads them.
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { consistentProfile, publishedProfile } from '../../src/testing/index.js';
import { parseYamlDocument, parseYamlProfile } from '../../src/load/yaml.js';
import { jsonReader, readJson } from '../../src/load/json.js';
import type { Loaded } from '../../src/load/types.js';
import { DEFAULT_LOAD_LIMITS } from '../../src/load/limits.js';

afterEach(() => {
  jsonReader.fast = true;
});

/** Reads `text` both ways; `fast` says whether the first reader answered. */
function both(text: string, limits = DEFAULT_LOAD_LIMITS, profile = false) {
  const read = (on: boolean): Loaded<unknown> => {
    jsonReader.fast = on;
    try {
      return profile ? parseYamlProfile(text, 'json', limits) : parseYamlDocument(text, 'json', limits);
    } finally {
      jsonReader.fast = true;
    }
  };
  const src = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
  return { quick: read(true), full: read(false), fast: readJson(src, 'json', limits.maxDepth) !== undefined };
}

/** Equal as data: Object.is for every leaf (so -0 is not 0), the same own keys in the same order, the same prototypes. */
function same(a: unknown, b: unknown, at = ''): string | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return Object.is(a, b) ? undefined : `${at || '/'}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at || '/'}: kinds differ`;
  const ka = Object.getOwnPropertyNames(a).filter((k) => !(Array.isArray(a) && k === 'length'));
  const kb = Object.getOwnPropertyNames(b).filter((k) => !(Array.isArray(b) && k === 'length'));
  if (ka.join('\u0001') !== kb.join('\u0001')) return `${at || '/'}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

const escapeSegment = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every pointer of a value, and pointers that name nothing (a missing key, an index past the end, a leaf's child). */
function pointers(value: unknown): string[] {
  const out = ['', '/nothing', '/0'];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (v === null || typeof v !== 'object') {
      out.push(`${p}/below-a-leaf`);
      continue;
    }
    const keys = Object.getOwnPropertyNames(v).filter((k) => !(Array.isArray(v) && k === 'length'));
    out.push(`${p}/no-such-key`, `${p}/${keys.length}`, `${p}/-1`);
    if (Array.isArray(v) && v.length) out.push(`${p}/0/`, `${p}/00`, `${p}/1e0`, `${p}/ 0`, `${p}/-0`, `${p}/length`);
    for (const k of keys) {
      out.push(`${p}/${escapeSegment(k)}`);
      stack.push([(v as Record<string, unknown>)[k], `${p}/${escapeSegment(k)}`]);
    }
  }
  return out;
}

function expectSame(text: string, limits = DEFAULT_LOAD_LIMITS, profile = false): boolean {
  const { quick, full, fast } = both(text, limits, profile);
  expect(same(quick.profile, full.profile)).toBeUndefined();
  expect(quick.problems).toEqual(full.problems);
  expect(quick.format).toBe(full.format);
  for (const p of pointers(full.profile)) expect([p, quick.positions.get(p)]).toEqual([p, full.positions.get(p)]);
  return fast;
}

// A writer of JSON text with the choices JSON.stringify does not make: where the white space goes,
// how strings are escaped, numbers written as text, and the mutations the first reader must hand
// back to the full path (a repeated key, a trailing comma, a comment).
class Raw {
  constructor(readonly text: string) {}
}

interface Style {
  rnd: () => number;
  /** White space between tokens (several pieces each time). */
  spaces: string[];
  escapeAll: boolean;
  duplicate: number;
  trailingComma: number;
  comment: number;
}

const mulberry = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function writeString(s: string, st: Style): string {
  if (!st.escapeAll) return JSON.stringify(s);
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '/') out += st.rnd() < 0.5 ? '\\/' : '/';
    else if (c < 0x20 || c > 0x7e) for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    else if (st.rnd() < 0.2) {
      const hex = c.toString(16).padStart(4, '0');
      out += `\\u${st.rnd() < 0.5 ? hex : hex.toUpperCase()}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** White space before or after the document. */
const around = (st: Style) => (st.rnd() < 0.3 ? st.spaces.join('') : '');

function write(v: unknown, st: Style): string {
  const ws = () => {
    let s = '';
    while (st.rnd() < 0.4) s += st.spaces[Math.floor(st.rnd() * st.spaces.length)];
    return s;
  };
  const extra = () => (st.rnd() < st.comment ? ['// note\n', '/* note */', '# note\n'][Math.floor(st.rnd() * 3)]! : '');
  if (v instanceof Raw) return v.text;
  if (typeof v === 'string') return writeString(v, st);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const comma = () => (st.rnd() < st.trailingComma ? `${ws()},` : '');
  if (Array.isArray(v)) return `[${ws()}${v.map((x) => `${write(x, st)}${ws()}`).join(`,${ws()}`)}${v.length ? comma() : ''}]`;
  const members = Object.entries(v).map(([k, x]) => `${writeString(k, st)}${ws()}:${ws()}${write(x, st)}${ws()}${extra()}`);
  if (members.length && st.rnd() < st.duplicate) {
    const [k, x] = Object.entries(v)[Math.floor(st.rnd() * members.length)]!;
    const again = `${writeString(k, st)}:${ws()}${st.rnd() < 0.5 ? write(x, st) : '"again"'}`;
    members.splice(Math.floor(st.rnd() * (members.length + 1)), 0, again);
  }
  return `{${ws()}${members.join(`,${ws()}`)}${members.length ? comma() : ''}}`;
}

// What JSON may hold that a YAML reader might take differently: surrogates alone and in pairs, NUL,
// line and paragraph separators, NEL, the byte-order mark, YAML's indicators, escapes of every kind.
const PIECES = [
  'a',
  'é',
  '😀',
  '\ud800',
  '\udfff',
  '\u0000',
  '\u2028',
  '\u0085',
  '\uFEFF',
  '\u007f',
  '"',
  '\\',
  '/',
  '~',
  '\t',
  '\n',
  '#',
  ': ',
  '- ',
  '&a',
  '*a',
  '!t',
  '%',
  '@',
  '`',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ' ',
  '<<',
  '__proto__',
  '0x1F',
  'null',
  'true',
  '1e3',
  '.inf',
];
const odd = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((a) => a.join(''));
const NUMBERS = ['-0', '1e400', '-1e400', '12345678901234567890', '1.5e-7', '1E+2', '0.1', '-12', '1.0', '0e0', '9007199254740993'];

/** A profile with odd strings, odd keys, numbers written as text and perhaps a deep nest, put in at chosen places. */
const mutated = fc
  .record({
    base: fc.oneof(consistentProfile(), publishedProfile()),
    strings: fc.array(fc.tuple(fc.nat(), odd), { maxLength: 4 }),
    keys: fc.array(
      fc.tuple(
        fc.nat(),
        odd,
        fc.oneof(
          odd,
          fc.constantFrom(...NUMBERS).map((n) => new Raw(n)),
        ),
      ),
      { maxLength: 4 },
    ),
    numbers: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NUMBERS)), { maxLength: 3 }),
    deep: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 80 }), fc.boolean()), { nil: undefined }),
  })
  .map(({ base, strings, keys, numbers, deep }) => {
    const value = JSON.parse(JSON.stringify(base)) as unknown;
    const objects: Record<string, unknown>[] = [];
    const slots: [Record<string, unknown> | unknown[], string | number][] = [];
    const stack = [value];
    while (stack.length) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object') continue;
      if (!Array.isArray(v)) objects.push(v as Record<string, unknown>);
      for (const [k, x] of Object.entries(v)) {
        slots.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
        stack.push(x);
      }
    }
    const put = (i: number, x: unknown) => {
      const [o, k] = slots[i % slots.length]!;
      (o as Record<string | number, unknown>)[k] = x;
    };
    for (const [i, s] of strings) put(i, s);
    for (const [i, n] of numbers) put(i, new Raw(n));
    for (const [i, k, x] of keys)
      Object.defineProperty(objects[i % objects.length]!, k, { value: x, enumerable: true, configurable: true, writable: true });
    if (deep) {
      let nest: unknown = 'bottom';
      for (let d = 0; d < deep[1]; d++) nest = deep[2] ? [nest] : { d: nest };
      put(deep[0], nest);
    }
    return value;
  });

const style = (duplicate: number, trailingComma: number, comment: number) =>
  fc
    .record({
      seed: fc.integer(),
      spaces: fc.array(fc.constantFrom(' ', '\n', '\r\n', '\r', '\t', '  '), { minLength: 1, maxLength: 3 }),
      escapeAll: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ seed, spaces, escapeAll, bom }) => ({
      bom,
      st: { rnd: mulberry(seed), spaces, escapeAll, duplicate, trailingComma, comment } as Style,
    }));

describe('the .json first reader', () => {
  it('reads JSON.stringify of generated profiles (plain and indented) as the full path does, and answers itself', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(consistentProfile(), publishedProfile()), fc.constantFrom(undefined, 2, '\t', 1), (p, indent) => {
        runs++;
        if (expectSame(JSON.stringify(p, null, indent), DEFAULT_LOAD_LIMITS, true)) fast++;
      }),
      { numRuns: 80 },
    );
    expect(fast).toBe(runs);
  });

  it('reads mutated profiles (white space, escapes, unicode, odd keys and numbers, deep nests) as the full path does', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(mutated, style(0, 0, 0), fc.integer({ min: 2, max: 70 }), (value, { st, bom }, maxDepth) => {
        runs++;
        const text = (bom ? '\uFEFF' : '') + around(st) + write(value, st) + around(st);
        if (expectSame(text, { ...DEFAULT_LOAD_LIMITS, maxDepth })) fast++;
      }),
      { numRuns: 150 },
    );
    // Most are read by the first reader; the rest nest past the drawn depth limit.
    expect(fast).toBeGreaterThan(runs / 4);
  });

  it('hands back repeated keys, trailing commas and comments, so the problems are the full path’s', () => {
    let handed = 0;
    fc.assert(
      fc.property(mutated, style(0.05, 0.02, 0.02), (value, { st, bom }) => {
        const text = (bom ? '\uFEFF' : '') + around(st) + write(value, st) + around(st);
        if (!expectSame(text)) handed++;
      }),
      { numRuns: 150 },
    );
    expect(handed).toBeGreaterThan(20);
  });

  it('keeps what JSON.parse and the yaml reader agree on: an own __proto__, -0, 1e400, lone surrogates, NUL, big integers', () => {
    const text = '{"__proto__": {"polluted": 1}, "a": -0, "b": 1e400, "c": 12345678901234567890, "d": ["\\ud800", "\\u0000", "\\/"]}';
    expect(expectSame(text)).toBe(true);
    const { quick } = both(text);
    const v = quick.profile as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(v)).toEqual(['__proto__', 'a', 'b', 'c', 'd']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.is(v.a, -0)).toBe(true);
    expect(v.b).toBe(Infinity);
    expect(v.c).toBe(12345678901234567000);
    expect(v.d).toEqual(['\ud800', '\u0000', '/']);
  });

  it('a repeated key is the full path’s problem, in its words and at the later key', () => {
    const text = '{\n  "profile": 1,\n  "state": {"name": "A", "iso3": "AAA"},\n  "profile": 2\n}';
    expect(expectSame(text)).toBe(false);
    expect(both(text).quick.problems).toEqual([
      { message: 'the key "profile" appears twice in one mapping (keys must be unique)', line: 4, column: 3 },
    ]);
    // Written differently, still the same key.
    expect(expectSame('{"a": 1, "\\u0061": 2}')).toBe(false);
  });

  it('positions: the value a pointer names, else the nearest enclosing one that exists, lines counted with CR, CRLF and a byte-order mark', () => {
    const text = '\uFEFF{\r\n  "entries": [\r    {"instrument": "cwc", "status": "Member"},\n    7\n  ],\n  "a/b": {"~": null}\n}';
    expect(expectSame(text)).toBe(true);
    const { quick } = both(text);
    const at = (p: string) => quick.positions.get(p);
    expect(at('')).toEqual({ line: 1, column: 1 });
    expect(at('/entries')).toEqual({ line: 2, column: 14 });
    expect(at('/entries/0/status')).toEqual({ line: 3, column: 37 });
    expect(at('/entries/0/signed')).toEqual({ line: 3, column: 5 });
    expect(at('/entries/1')).toEqual({ line: 4, column: 5 });
    expect(at('/entries/1/x')).toEqual({ line: 4, column: 5 });
    expect(at('/entries/9/status')).toEqual({ line: 2, column: 14 });
    expect(at('/a~1b/~0')).toEqual({ line: 6, column: 16 });
  });

  it('a hostile nest far past the limits neither overflows the stack nor is read by the first reader', () => {
    const n = 200_000;
    const deep = `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(readJson(deep, 'json', 256)).toBeUndefined();
    expect(parseYamlDocument(deep, 'json').problems[0]!.message).toBe(
      'the document nests deeper than 64 levels (set --max-depth to read it)',
    );
    const wide = `{${Array.from({ length: 5000 }, (_, i) => `"k${i}": ${i}`).join(', ')}}`;
    expect(readJson(wide, 'json', 64)).toBeUndefined();
    expect(parseYamlDocument(wide, 'json').problems[0]!.message).toBe('a mapping has 5000 keys, over the limit of 1000');
  });
});
