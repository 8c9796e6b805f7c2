// Long reports are written as they are made (json, sarif and junit in pieces through the one writer),
// and must read exactly as the whole string did: JSON as JSON.stringify(value, null, 2) prints it.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonChunks, STREAMED } from '../../src/report/json-stream.js';
import { writeSafely } from '../../src/report/write.js';
import { cli, root } from '../helpers.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'adherence-stream-'));

/** A document with the streamed array somewhere inside it, at any depth. */
const withHole = fc.letrec<{ doc: unknown }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small' },
    fc.constant(STREAMED),
    fc.tuple(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.string(), tie('doc')).map(([o, k, d]) => ({ ...o, [k]: d })),
    fc.tuple(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.nat(3), tie('doc')).map(([a, i, d]) => {
      const out = [...a];
      out.splice(Math.min(i, out.length), 0, d);
      return out;
    }),
  ),
})).doc;

/** The same document with the array in the placeholder's stead. */
const filled = (doc: unknown, items: unknown[]): unknown =>
  doc === STREAMED
    ? items
    : Array.isArray(doc)
      ? doc.map((d) => filled(d, items))
      : doc && typeof doc === 'object'
        ? Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, filled(v, items)]))
        : doc;

describe('JSON in pieces', () => {
  it('prints what JSON.stringify(value, null, 2) prints, wherever the array stands and whatever it holds', () => {
    fc.assert(
      fc.property(withHole, fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), (doc, items) => {
        // A key named "__proto__" is data to JSON but not to a spread: leave such documents out.
        fc.pre(!JSON.stringify(doc).includes('"__proto__"'));
        const pieces = [...jsonChunks(doc, items)];
        expect(pieces.join('')).toBe(`${JSON.stringify(filled(doc, items), null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a document without the placeholder rather than print it wrong', () => {
    expect(() => [...jsonChunks({ files: [] }, [])]).toThrow(/placeholder/);
  });
});

describe('writeSafely with pieces', () => {
  it('writes the pieces in order, across the batches it gathers them in', () => {
    const dir = scratch();
    const pieces = Array.from({ length: 5000 }, (_, i) => `${'é'.repeat(i % 40)}${i}\n`);
    writeSafely(join(dir, 'out.txt'), pieces);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(pieces.join(''));
  });

  it('leaves the old file and no temporary file when the pieces fail half-way', () => {
    const dir = scratch();
    const target = join(dir, 'out.txt');
    writeFileSync(target, 'old\n');
    function* broken() {
      yield 'x'.repeat(1 << 17);
      throw new Error('reporter failed');
    }
    expect(() => writeSafely(target, broken())).toThrow(/cannot write .*reporter failed/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });
});

describe('check -o writes the same report as it prints', () => {
  // Profiles with findings of every kind: rules, a schema finding, a file that does not parse.
  const dir = scratch();
  const profiles = join(dir, 'profiles');
  mkdirSync(profiles);
  for (const f of readdirSync(join(root, 'profiles'))) copyFileSync(join(root, 'profiles', f), join(profiles, f));
  writeFileSync(
    join(profiles, 'broken.yaml'),
    'profile: 1\nstate: { name: Kazakhstan, iso3: KAZ }\nentries:\n  - instrument: opcw\n    stauts: Member\n',
  );
  writeFileSync(join(profiles, 'bad.json'), '{"profile": 1, "profile": 2');

  for (const format of ['json', 'sarif', 'junit']) {
    it(`${format}: file and standard output alike${format === 'junit' ? '' : ', and formatted as JSON.stringify formats it'}`, () => {
      const out = join(dir, `report.${format}`);
      const written = cli(['check', profiles, '--no-waivers', '-f', format, '-o', out], undefined, dir);
      const printed = cli(['check', profiles, '--no-waivers', '-f', format], undefined, dir);
      expect(written.code).toBe(1);
      expect(printed.code).toBe(1);
      const text = readFileSync(out, 'utf8');
      expect(text).toBe(printed.stdout);
      if (format !== 'junit') expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      else {
        // The totals, printed before the suites, are the suites' sums.
        const sum = (attr: string) =>
          [...text.matchAll(new RegExp(`<testsuite name=[^>]* ${attr}="(\\d+)"`, 'g'))].reduce((n, m) => n + Number(m[1]), 0);
        const head = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/.exec(text)!;
        expect([Number(head[1]), Number(head[2]), Number(head[3])]).toEqual([sum('tests'), sum('failures'), sum('skipped')]);
        expect(Number(head[2])).toBeGreaterThan(0);
      }
    });
  }
});
