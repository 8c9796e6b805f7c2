// Linear time: inputs built to make pattern matching or pairwise comparison blow up, each with its
// exact outcome and a time limit, and a property that time grows at most about as the input does
// (size n and 4n, both under the size limit: at most 5× the time; a square law would be 16×).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { seedPath } from '../helpers.js';
import { loadText, DEFAULT_LOAD_LIMITS } from '../../src/load/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { FIXED_LIMITS } from '../../src/load/limits.js';

const catalog = loadCatalog();
const rules = ruleRunner(loadRuleSet({}, catalog));
const SEED = readFileSync(seedPath, 'utf8');
const M = 1_000_000; // just under the 1 MiB limit once the seed's rows are added
const cellOf = (cell: string) => SEED.replace('United Nations (UN)\tMember', `United Nations (UN)\t${cell}`);
const nameOf = (name: string) => SEED.replace('United Nations (UN)\tMember', `${name}\tMember`);
const footnoteOf = (text: string) => `${SEED.trimEnd()}\n\n⁹ ${text}\n`;

/**
 * CPU time of this process (user + system), not wall time: five test processes share two cores here,
 * and a busy neighbour must not fail a case. The work is synchronous, so it is all counted.
 */
async function timed(file: string, text: string) {
  const t0 = process.cpuUsage();
  const report = await checkLoaded(loadText(text, file, catalog, DEFAULT_LOAD_LIMITS), file, { rules });
  const t = process.cpuUsage(t0);
  return { ms: (t.user + t.system) / 1000, report };
}

/** 2 s for a 1 MiB input is generous: each of these took 0.02–0.5 s alone; before, seconds to hours. */
const LIMIT_MS = 2000;

const cases: { name: string; file: string; text: string; first: string; count?: number }[] = [
  {
    name: '<i> then non-breaking spaces (was 50 s at 1.6 KB)',
    file: 'a.txt',
    text: `KAZAKHSTAN\n\n<i>${'\u00a0'.repeat(M)}\n`,
    first: 'this row has no status: expected a tab between the name and its status',
  },
  {
    name: 'a status cell of 1 MB of spaces (40 KB was 1.7 s; 1 MB never ended)',
    file: 'a.txt',
    text: cellOf(`${' '.repeat(M)}x`),
    first: 'UN is listed as "x", which is not a status an organization takes (expected one of: Member, Observer, Not a member).',
  },
  {
    name: 'spaces around a marker in a cell',
    file: 'a.txt',
    text: cellOf(`${' '.repeat(M / 2)}⁹${' '.repeat(M / 2)}Member`),
    first: 'The UN row refers to footnote 9, which the document does not define.',
  },
  { name: 'a row name of spaces', file: 'a.txt', text: nameOf(`U${' '.repeat(M)}N`), first: '"U' },
  { name: 'single spaces between words (the two-space split)', file: 'a.txt', text: nameOf('a b'.repeat(M / 3)), first: '"a ba b' },
  {
    name: 'a status cell "Yes (INFCIRC" and spaces',
    file: 'a.txt',
    text: cellOf(`Yes (INFCIRC${' '.repeat(M)}`),
    first: 'UN is listed as "Yes (INFCIRC", which is not a status an organization takes (expected one of: Member, Observer, Not a member).',
  },
  {
    name: 'CBM years: a footnote of 200 000 years',
    file: 'a.txt',
    text: footnoteOf('1990 '.repeat(M / 5)),
    first: 'CTBT is listed as "State Party"',
  },
  {
    name: 'CBM years: a footnote of dashes between years',
    file: 'a.txt',
    text: footnoteOf('1990-'.repeat(M / 5)),
    first: 'CTBT is listed as "State Party"',
  },
  {
    name: '500 000 markers on one row: capped',
    file: 'a.txt',
    text: cellOf(`Member${' ¹'.repeat(M / 2)}`),
    first: `this row has 500000 footnote markers, over the limit of ${FIXED_LIMITS.maxNotes}`,
    count: 1,
  },
  {
    name: '40 000 addenda in one cell: capped',
    file: 'a.txt',
    text: cellOf(`Report submitted 1/1/05${' Add. 1 submitted 1/1/06'.repeat(40_000)}`),
    first: `this row lists 40001 reports, over the limit of ${FIXED_LIMITS.maxReports}`,
    count: 1,
  },
  {
    name: 'a YAML mapping of 10 000 keys (each compared with all: 2.3 s; 80 000: 130 s)',
    file: 'a.yaml',
    text: `profile: 1\nx:\n${Array.from({ length: 10_000 }, (_, i) => `  k${i}: 1\n`).join('')}`,
    first: `a mapping has 10000 keys, over the limit of ${FIXED_LIMITS.maxKeys}`,
    count: 1,
  },
  {
    name: 'a JSON object of 10 000 keys',
    file: 'a.json',
    text: `{"profile": 1, "x": {${Array.from({ length: 10_000 }, (_, i) => `"k${i}": 1`).join(', ')}}}`,
    first: `a mapping has 10000 keys, over the limit of ${FIXED_LIMITS.maxKeys}`,
    count: 1,
  },
  {
    name: '2 000 footnotes in YAML: capped',
    file: 'a.yaml',
    text: `profile: 1\nstate: {name: Kazakhstan}\nentries: []\nfootnotes:\n${'  - {marker: 1, text: x}\n'.repeat(2000)}`,
    first: `the profile has 2000 footnotes, over the limit of ${FIXED_LIMITS.maxFootnotes}`,
    count: 1,
  },
  {
    name: '1000 rows × 9 notes and 99 equal footnotes (compared pairwise before)',
    file: 'a.yaml',
    text: `profile: 1\nstate: {name: Kazakhstan}\nentries:\n${'  - {instrument: cwc, status: State Party, notes: [1,2,3,4,5,6,7,8,9]}\n'.repeat(1000)}footnotes:\n${Array.from({ length: 99 }, (_, i) => `  - {marker: ${i + 1}, text: the same text}\n`).join('')}`,
    first: 'CWC is listed a second time',
  },
  {
    name: '1000 findings and more: the cap is the last finding',
    file: 'a.yaml',
    text: `profile: 1\nstate: {name: Kazakhstan}\nentries:\n${'  - {instrument: cwc, status: Signatory, signed: 01/02/03, name: x}\n'.repeat(1000)}`,
    first: '01/02/03 reads as',
    count: FIXED_LIMITS.maxFindings + 1,
  },
];

describe('pathological inputs end in time, with their outcome', () => {
  for (const c of cases) {
    it(c.name, async () => {
      expect(c.text.length).toBeLessThanOrEqual(DEFAULT_LOAD_LIMITS.maxBytes);
      await timed(c.file, c.text.slice(0, 2000)); // warm up the code paths once
      const { ms, report } = await timed(c.file, c.text);
      expect(report.findings[0]?.message).toContain(c.first);
      if (c.count !== undefined) expect(report.findings).toHaveLength(c.count);
      if (c.count === FIXED_LIMITS.maxFindings + 1) {
        expect(report.findings.at(-1)!.message).toMatch(/^more than 1000 findings in this file: the other \d+ are not reported$/);
      }
      expect(ms).toBeLessThan(LIMIT_MS);
    });
  }
});

// A piece of input repeated to size n: where it goes, and what it is made of.
const PLACES: Record<string, [string, (s: string) => string]> = {
  cell: ['a.txt', cellOf],
  name: ['a.txt', (s) => nameOf(s.replace(/[\t\n\r]/g, ' '))],
  footnote: ['a.txt', (s) => footnoteOf(s.replace(/[\n\r]/g, ' '))],
  heading: ['a.txt', (s) => `KAZAKHSTAN\n\n<i>${s.replace(/[\n\r]/g, ' ')}</i>\t\n`],
  text: ['a.txt', (s) => `KAZAKHSTAN\n\nINTERNATIONAL ORGANIZATIONS\n${s}`],
  yamlKeys: ['a.yaml', (s) => `profile: 1\nx:\n${Array.from({ length: Math.ceil(s.length / 10) }, (_, i) => `  k${i}: 1\n`).join('')}`],
  // The .json first reader: escapes in one long string, and a long list whose positions a finding asks for.
  jsonString: ['a.json', (s) => JSON.stringify({ profile: 1, state: { name: s }, entries: [] })],
  jsonList: ['a.json', (s) => JSON.stringify({ profile: 1, state: { name: 'K' }, entries: [...s] })],
};
const PIECES = [
  ' ',
  '  ',
  '\u00a0',
  '\t',
  '\n',
  '¹',
  '²³',
  'a',
  'A',
  'UN',
  '(',
  ')',
  '<i>',
  '</i>',
  ':',
  '-',
  '–',
  '1990',
  '2001',
  'Add. 1 submitted ',
  'Yes (INFCIRC',
  ' / ',
  'In force ',
  'Report submitted ',
  '1/1/05',
  '-----',
];

async function best(file: string, text: string, rounds = 3): Promise<number> {
  let min = Infinity;
  for (let k = 0; k < rounds; k++) min = Math.min(min, (await timed(file, text)).ms);
  return min;
}

describe('time grows linearly with the input', () => {
  it('size n and 4n: at most 5× the time, for any piece repeated anywhere', async () => {
    const n = 60_000;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(PLACES)),
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }),
        async (place, parts) => {
          const [file, build] = PLACES[place]!;
          const unit = parts.join('');
          const at = (size: number) => build(unit.repeat(Math.ceil(size / unit.length)).slice(0, size));
          // Below a few milliseconds the clock and the collector decide; linear work stays far from 5×.
          // On a busy machine one measure can land on a collection: a ratio over 5× is measured again
          // (up to three times) before it counts. A square law (16×) fails every attempt.
          let small = 0;
          let large = 0;
          for (let attempt = 0; attempt < 3; attempt++) {
            small = await best(file, at(n));
            large = await best(file, at(4 * n));
            if (large <= 5 * Math.max(small, 10)) break;
          }
          expect(large, `${place}: ${JSON.stringify(unit)}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms`).toBeLessThanOrEqual(
            5 * Math.max(small, 10),
          );
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  }, 300_000);
});
