// The fast YAML reader either gives up or agrees with the `yaml` path: the same data, no problems
// there, and the same line and column for every pointer, present or not.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { readFastYaml, resolvePlain } from '../../src/load/fast-yaml.js';
import { parseYamlDocument, parseYamlProfile } from '../../src/load/yaml.js';
import { decode } from '../../src/load/index.js';
import { toYaml } from '../../src/load/serialize.js';
import { worldArb, hostileInput } from '../../src/testing/index.js';
import { loadCatalog } from '../../src/catalog/index.js';

const catalog = loadCatalog();

/** Every pointer of a value, keys escaped as RFC 6901 says. */
function pointersOf(value: unknown): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    out.push(p);
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) stack.push([x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  }
  return out;
}

/** Pointers that name nothing, or name a place under a scalar: the nearest enclosing node answers. */
const ABSENT = [
  '/nope',
  '/entries/999',
  '/entries/-1',
  '/entries/',
  '/entries/01',
  '/entries/1e0',
  '/entries/0/nope/1',
  '/state/name/x',
  '/a~1b',
  '/profile/0',
  '/entries/0/notes/5',
  '/entries/length',
];

/** True when the fast reader read `text` (and then agreed with the `yaml` path); false when it gave up. */
function agrees(text: string, maxDepth = 64): boolean {
  const fast = readFastYaml(text, maxDepth);
  if (!fast) return false;
  const full = parseYamlDocument(text, 'yaml', { maxDepth, maxAliasCount: 100 });
  expect(full.problems, text).toEqual([]);
  expect(fast.value, text).toStrictEqual(full.profile);
  for (const p of [...pointersOf(full.profile), ...ABSENT]) expect(fast.locate(p), `${p} in\n${text}`).toEqual(full.positions.get(p));
  return true;
}

describe('fast YAML reader: what it reads', () => {
  it('reads the layouts profiles are written in, with their positions', () => {
    const texts = [
      '# yaml-language-server: $schema=x\n\nprofile: 1\nstate: # the state\n  # its name\n\n  name: A\n  iso3: KAZ\n',
      'entries:\n- instrument: cwc\n  notes: [1, 2]\n- plain\n- "quoted \\"x\\""\nfootnotes: []\n',
      'entries:\n  - instrument: cwc\n    reports:\n    - date: 11/03/04\n    - addendum: 1\n',
      "entries:\n  - instrument: cwc\n    reports:\n      - date: 11/03/04\n        addendum: 1\n    notes: [ 5 , '6' ]\n",
      "a: it's\nb: 'it''s'\nc: x [b], c{d}\nd: 1985.03\ne: 12.07.1993\nf: 1993-07-12\ng: 1/2/07\nh: Yes (INFCIRC 504) # c\n",
      'a: x\r\nb:\r\n  c: y\r\n',
      '\uFEFFa: 1\nb: true\nc: NULL\nd: a#b\ne: a:b\n',
      '- a\n- b: 1\n  c: 2\n',
      'constructor: 1\ntoString: x\nvalueOf:\n  - a\n', // own keys, as the yaml path makes them
    ];
    for (const t of texts) expect(agrees(t), t).toBe(true);
  });

  it('settles the plain scalars it is sure of, and only those', () => {
    const settled: [string, unknown][] = [
      ['Member', 'Member'],
      ['State Party', 'State Party'],
      ['42', 42],
      ['0', 0],
      ['1985.03', 1985.03],
      ['1993-07-12', '1993-07-12'],
      ['12.07.1993', '12.07.1993'],
      ['1_000', '1_000'],
      ['null', null],
      ['True', true],
      ['FALSE', false],
      ['yes', 'yes'],
      ['1/2/07', '1/2/07'],
    ];
    for (const [s, v] of settled) expect(resolvePlain(s), s).toStrictEqual(v);
    for (const s of ['0x1F', '0o7', '1e3', '+1', '-1', '007', '.inf', '.5', '1.', '~', '99999999999999999']) {
      expect(typeof resolvePlain(s), s).toBe('symbol');
      expect(agrees(`k: ${s}\n`), s).toBe(false);
    }
  });

  it('gives up on everything it is not certain of', () => {
    const odd = [
      'a: &x 1\nb: *x\n', // anchors, aliases
      'a: !!str 1\n', // tags
      'a: |\n  text\n', // block scalars
      'a: >\n  text\n',
      'a: one\n  two\n', // a plain scalar over two lines
      'a: "one\n  two"\n',
      'a: {b: 1}\n', // flow mappings
      'a: [[1]]\n', // nested flow
      'a: [1,]\n',
      `a: [${'1, '.repeat(256)}1]\n`, // a long flow list
      'a: [1\n, 2]\n',
      '---\na: 1\n',
      'a: 1\n...\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\t1\n',
      'a: 1\nb: 2\na: 3\n', // duplicate keys
      'a:\n  b: 1\n  b: 2\n',
      '"a": 1\n', // keys that are not simple
      '? a\n: 1\n',
      '1: a\n',
      'true: a\n',
      '__proto__: 1\n',
      'a b: 1\n',
      'a:\nb: 1\n', // empty values
      'a:\n',
      '- \n- a\n',
      'a: x\rb: y\r', // lone CR
      '  a: 1\n', // an indented document
      'a: 1\n  b: 2\n',
      '- - a\n',
      'a: b: c\n',
      'a: "x\\u0041"\n',
      'a: "x"y\n',
      'a: x\u0085y\n',
      '# only a comment\n',
      '',
    ];
    for (const t of odd) expect(readFastYaml(t, 64), JSON.stringify(t)).toBeUndefined();
  });

  it('gives up past its depth bound and past --max-depth, so the yaml path reports the depth', () => {
    const nested = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
    expect(agrees(nested(10))).toBe(true);
    expect(agrees(`a: [${'1, '.repeat(255)}1]\n`)).toBe(true);
    expect(readFastYaml(nested(40), 64)).toBeUndefined();
    expect(agrees(nested(3), 3)).toBe(true);
    expect(readFastYaml(nested(4), 3)).toBeUndefined();
    expect(readFastYaml('a:\n  b: [1]\n', 2)).toBeUndefined();
    const loaded = parseYamlProfile(nested(4), 'yaml', { maxDepth: 3, maxAliasCount: 100 });
    expect(loaded.problems.map((p) => p.message)).toEqual(['the document nests deeper than 3 levels (set --max-depth to read it)']);
  });

  it('gives up on a mapping wider than the key cap, so the yaml path reports it', () => {
    const wide = Array.from({ length: 1001 }, (_, i) => `k${i}: ${i}`).join('\n');
    expect(readFastYaml(wide, 64)).toBeUndefined();
    expect(parseYamlProfile(wide, 'yaml').problems[0]!.message).toBe('a mapping has 1001 keys, over the limit of 1000');
  });

  it('writes a profile back with its comments through the full path', () => {
    const text = '# note\nprofile: 1 # one\nstate:\n  name: A\n';
    const loaded = parseYamlProfile(text, 'yaml');
    expect(loaded.profile).toEqual({ profile: 1, state: { name: 'A' } });
    expect(loaded.yaml!()).toBe(text);
  });
});

describe('fast YAML reader: properties', () => {
  it('a plain scalar of a hostile alphabet is given up or read as the yaml path reads it', () => {
    const unit = fc.constantFrom(...'0123456789.-+_:#exobaZTNFfInl/ \'"~,[]{}!&*?|>%@\\²é'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 12 }), (s) => {
        agrees(`k: ${s}\n`);
        agrees(`- ${s}\n`);
        agrees(`k: [${s}]\n`);
      }),
      { numRuns: 2000 },
    );
  });

  // Edits that keep a profile YAML, make it other YAML, or break it; the reader must not be fooled by any.
  type Edit = (lines: string[], r: number, s: string) => void;
  const line = (lines: string[], r: number) => Math.floor(r * lines.length) % Math.max(lines.length, 1);
  const EDITS: Record<string, Edit> = {
    reindent: (l, r) => {
      const k = 1 + Math.floor(r * 4);
      for (let i = 0; i < l.length; i++) {
        const n = l[i]!.length - l[i]!.trimStart().length;
        l[i] = ' '.repeat((n / 2) * k) + l[i]!.trimStart();
      }
    },
    shift: (l, r) => {
      const i = line(l, r);
      l[i] = r < 0.5 ? ` ${l[i]}` : l[i]!.replace(/^ /, '');
    },
    comment: (l, r, s) => l.splice(line(l, r), 0, `${' '.repeat(Math.floor(r * 7))}# ${s}`),
    trailingComment: (l, r, s) => {
      l[line(l, r)] += ` # ${s}`;
    },
    trailingSpaces: (l, r) => {
      l[line(l, r)] += '   ';
    },
    blank: (l, r) => l.splice(line(l, r), 0, ''),
    quote: (l, r) => {
      const i = line(l, r);
      l[i] = l[i]!.replace(/: (.+)$/, (_, v: string) =>
        r < 0.5 ? `: '${v.replace(/'/g, "''")}'` : `: "${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
      );
    },
    duplicate: (l, r) => {
      const i = line(l, r);
      l.splice(i, 0, l[i]!);
    },
    tab: (l, r) => {
      const i = line(l, r);
      l[i] = l[i]!.replace(' ', '\t');
    },
    flow: (l, r, s) => {
      const i = line(l, r);
      l[i] = l[i]!.replace(/: (.+)$/, `: [${s}, 1, 'two', "3"]`);
    },
    long: (l, r) => {
      const i = line(l, r);
      l[i] = l[i]!.replace(/: (.+)$/, `: ${'long word '.repeat(2000)}end`);
    },
    insert: (l, r, s) => {
      const i = line(l, r);
      const at = Math.floor(r * 97) % (l[i]!.length + 1);
      l[i] = l[i]!.slice(0, at) + s + l[i]!.slice(at);
    },
    drop: (l, r) => l.splice(line(l, r), 1),
  };
  const edit = fc.record({
    name: fc.constantFrom(...Object.keys(EDITS)),
    r: fc.double({ min: 0, max: 0.999, noNaN: true }),
    s: fc.string({ unit: fc.constantFrom(...'ab1-: #\'"[]{},&*!|>%@`?~\\'.split('')), maxLength: 6 }),
  });

  it('generated profiles written by toYaml read fast, and alike', () => {
    let fast = 0;
    fc.assert(
      fc.property(worldArb({ catalog }), (w) => {
        if (agrees(toYaml(w.profile))) fast++;
        if (agrees(toYaml(w.profile, '../schemas/profile.schema.json'))) fast++;
      }),
      { numRuns: 100 },
    );
    // What toYaml writes is what the reader is for: giving up on it would be a slow path, not a fast one.
    expect(fast).toBe(200);
  });

  it('edited profiles are given up or read alike (indentation, comments, quotes, CRLF, duplicates, tabs, flow, long lines)', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(worldArb({ catalog }), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean(), (w, edits, crlf) => {
        const lines = toYaml(w.profile).split('\n');
        for (const e of edits) EDITS[e.name]!(lines, e.r, e.s);
        const text = lines.join(crlf ? '\r\n' : '\n');
        runs++;
        if (agrees(text)) fast++;
      }),
      { numRuns: 400 },
    );
    // Most edits keep the layout the reader knows; a property that always gave up would prove nothing.
    expect(fast).toBeGreaterThan(runs / 4);
  });

  it('hostile inputs are given up or read alike', () => {
    fc.assert(
      fc.property(hostileInput({ catalog }), (h) => {
        const { text } = decode(h.bytes);
        if (text !== undefined) agrees(text);
      }),
      { numRuns: 300 },
    );
  });

  it('every YAML file of the repository is given up or read alike (profiles, fixtures, rules)', () => {
    const files: string[] = [];
    const stack = ['profiles', 'test', 'rules', 'bench'].map((d) => join(root, d));
    while (stack.length) {
      const dir = stack.pop()!;
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (d.isDirectory()) stack.push(join(dir, d.name));
        else if (/\.ya?ml$/.test(d.name)) files.push(join(dir, d.name));
      }
    }
    let fast = 0;
    for (const f of files) if (agrees(readFileSync(f, 'utf8'))) fast++;
    expect(files.length).toBeGreaterThan(40);
    // The bundled profiles but Kazakhstan's (tabs in its layout headings) are written as the reader reads.
    expect(fast).toBeGreaterThanOrEqual(5);
  });
});

describe('fast YAML reader: hostile sizes take linear time', () => {
  /** Least CPU time of five runs, in ms: other processes share the cores, and a collection may fall in any run. */
  const cpu = (f: () => void) => {
    f(); // compiled and warm, as the second file of a run is
    let best = Infinity;
    for (let k = 0; k < 5; k++) {
      const t0 = process.cpuUsage();
      f();
      const t = process.cpuUsage(t0);
      best = Math.min(best, (t.user + t.system) / 1000);
    }
    return best;
  };
  const cases: [string, (n: number) => string, boolean][] = [
    ['one long line', (n) => `k: ${'ab '.repeat(n)}z\n`, true],
    ['one long line of key-like text', (n) => `k: ${'x: '.repeat(n)}\n`, false],
    ['one long flow list', (n) => `k: [${'1, '.repeat(n)}2\n`, false],
    ['one long quoted line', (n) => `k: "${'a\\"'.repeat(n)}\n`, false],
    ['many keys', (n) => Array.from({ length: n / 10 }, (_, i) => `k${i}: ${i}`).join('\n'), false],
    ['many items', (n) => Array.from({ length: n / 10 }, (_, i) => `- ${i}`).join('\n'), true],
    // (Lines of growing indentation: the text grows as the square of the lines, so 2√n lines.)
    ['deep indentation', (n) => Array.from({ length: 2 * Math.sqrt(n) }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), false],
    ['deep indentation of one line', (n) => `${' '.repeat(n)}a: 1\n`, false],
  ];
  for (const [name, make, reads] of cases) {
    it(`${name}: ${reads ? 'read' : 'given up'}, 4× the input in at most 5× the time`, () => {
      const small = make(150_000);
      const big = make(600_000);
      expect(readFastYaml(big, 64) !== undefined).toBe(reads);
      const a = cpu(() => readFastYaml(small, 64));
      const b = cpu(() => readFastYaml(big, 64));
      // (A floor of 20 ms under the small case: one collection of a megabyte string can cost that;
      // a square law on these sizes would take seconds.)
      expect(b).toBeLessThan(Math.max(a, 20) * 5);
    });
  }
});
