// The date, footnote and naming rules on the published text: alter one line of the seed and the
// findings that appear (beyond those of the unaltered seed) must be exactly the rule that line breaks,
// on that line.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import type { Finding } from '../../src/model/finding.js';
import { seedText } from '../helpers.js';

const catalog = loadCatalog();
const rules = ruleRunner(loadRuleSet({}, catalog));
const seed = seedText();

const findingsOf = async (text: string): Promise<Finding[]> =>
  (await checkLoaded(loadText(text, 'seed.txt', catalog), 'seed.txt', { rules })).findings;

const key = (f: Finding) => `${f.ruleId}|${f.pointer}|${f.message}`;
const show = (fs: Finding[]) => fs.map((f) => `${f.line} ${f.ruleId} ${f.pointer}: ${f.message}`).join('\n');

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at, `"${needle}" is in the text`).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
}

/** The seed with one piece of one line replaced (the piece must occur exactly once). */
function alter(from: string, to: string, text = seed): string {
  expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
  return text.replace(from, to);
}

let baseline: Finding[];
beforeAll(async () => {
  baseline = await findingsOf(seed);
});

async function added(text: string, base = baseline): Promise<Finding[]> {
  const before = new Set(base.map(key));
  return (await findingsOf(text)).filter((f) => !before.has(key(f)));
}

async function removed(text: string): Promise<Finding[]> {
  const after = new Set((await findingsOf(text)).map(key));
  return baseline.filter((f) => !after.has(key(f)));
}

/** Exactly one new finding, of `rule`, on `line`. */
function expectOnly(got: Finding[], rule: string, line: number): Finding {
  expect(
    got.map((f) => `${f.ruleId}@${f.line}`),
    show(got),
  ).toEqual([`${rule}@${line}`]);
  return got[0]!;
}

describe('the unaltered seed', () => {
  it('draws the date and editorial findings the domain notes describe, and no ambiguous date', () => {
    const mine = new Set([
      'party-before-entry-into-force',
      'signature-window',
      'report-before-adoption',
      'addendum-before-report',
      'date-before-entry-into-force',
      'ap-before-safeguards',
      'date-after-as-of',
      'ambiguous-date',
      'invalid-date',
      'footnote-undefined',
      'footnote-unused',
      'footnote-duplicate',
      'instrument-name',
      'duplicate-instrument',
      'unknown-instrument',
    ]);
    const got = baseline.filter((f) => mine.has(f.ruleId)).map((f) => `${f.ruleId}@${f.line}`);
    expect(got, show(baseline)).toEqual([
      `party-before-entry-into-force@${lineOf(seed, 'Comprehensive Nuclear Test Ban Treaty (CTBT)\t')}`,
      `instrument-name@${lineOf(seed, '(CANWZ)\t')}`,
      `instrument-name@${lineOf(seed, 'Hague Code of Conduct')}`,
      `footnote-duplicate@${lineOf(seed, '\u2076 Resolution adopted')}`,
      `footnote-duplicate@${lineOf(seed, '\u2077 Resolution adopted')}`,
    ]);
  });
});

describe('one altered line draws exactly its rule', () => {
  it('party-before-entry-into-force: CTBT "Ratified" instead of "State Party" clears it', async () => {
    const text = alter(
      'Comprehensive Nuclear Test Ban Treaty (CTBT)\tState Party',
      'Comprehensive Nuclear Test Ban Treaty (CTBT)\tRatified',
    );
    expect(await added(text)).toEqual([]);
    expectOnly(await removed(text), 'party-before-entry-into-force', lineOf(text, '(CTBT)\t'));
  });

  it('signature-window: PTBT Signatory for a state independent in 1991', async () => {
    const text = alter('Partial Test Ban Treaty (PTBT)\t-----', 'Partial Test Ban Treaty (PTBT)\tSignatory');
    const f = expectOnly(await added(text), 'signature-window', lineOf(text, '(PTBT)\t'));
    expect(f.message).toContain('1963-10-10');
  });

  it('report-before-adoption: a 1373 report dated before 28 Sep 2001', async () => {
    const text = alter('Report submitted 05/04/05', 'Report submitted 05/04/01');
    const f = expectOnly(await added(text), 'report-before-adoption', lineOf(text, 'Resolution 1373'));
    expect(f.message).toContain('05/04/01 (2001-05-04)');
  });

  it('addendum-before-report: Add. 2 where Add. 1 belongs', async () => {
    const text = alter('Add. 1 submitted 12/07/05', 'Add. 2 submitted 12/07/05');
    expectOnly(await added(text), 'addendum-before-report', lineOf(text, 'Resolution 1540'));
  });

  it('addendum-before-report: an addendum dated before its report (month-first still the better reading)', async () => {
    // 10/30/04 is no date day-first, so month-first stays the reading although its addendum breaks the order.
    const text = alter('Add. 1 submitted 12/07/05', 'Add. 1 submitted 10/30/04');
    const f = expectOnly(await added(text), 'addendum-before-report', lineOf(text, 'Resolution 1540'));
    expect(f.message).toContain('10/30/04 follows an entry dated 11/03/04');
  });

  it('ap-before-safeguards: safeguards agreement in force after the protocol', async () => {
    const text = alter('IAEA Safeguards Agreement\tYes (INFCIRC 504)', 'IAEA Safeguards Agreement\tIn force 8/11/08 (INFCIRC 504)');
    // The finding stands on the protocol's row; the altered agreement row is its related location.
    const f = expectOnly(await added(text), 'ap-before-safeguards', lineOf(text, 'IAEA Additional Protocol\t'));
    expect(f.related?.map((r) => r.line)).toEqual([lineOf(text, 'IAEA Safeguards Agreement\t')]);
  });

  it('ambiguous-date: a 1540 report date that no longer settles the order makes every two-way date ambiguous', async () => {
    const text = alter('Report submitted 11/03/04', 'Report submitted 11/05/04');
    const got = await added(text);
    expect(new Set(got.map((f) => f.ruleId)), show(got)).toEqual(new Set(['ambiguous-date']));
    // 1/2/07, 11/05/04, 12/07/05, 05/04/05 and 9/02/03 each read two ways.
    expect(got.map((f) => f.pointer).sort()).toEqual(
      [
        '/entries/9/inForce',
        '/entries/25/reports/0/date',
        '/entries/25/reports/1/date',
        '/entries/26/reports/0/date',
        '/entries/27/reports/0/date',
      ].sort(),
    );
    expect(got.find((f) => f.pointer === '/entries/25/reports/0/date')!.line).toBe(lineOf(text, 'Resolution 1540'));
  });

  it('invalid-date: 31/31/07 is no date in either order', async () => {
    const text = alter('In force 1/2/07', 'In force 31/31/07');
    expectOnly(await added(text), 'invalid-date', lineOf(text, 'IAEA Additional Protocol\t'));
  });

  it('invalid-date: 00/00/00', async () => {
    const text = alter('Report submitted 9/02/03', 'Report submitted 00/00/00');
    expectOnly(await added(text), 'invalid-date', lineOf(text, 'resolution 1267'));
  });

  it('footnote-undefined: a marker with no footnote', async () => {
    const text = alter('Missile Technology Control Regime\t-----', 'Missile Technology Control Regime \u2078\t-----');
    expectOnly(await added(text), 'footnote-undefined', lineOf(text, 'Missile Technology Control Regime'));
  });

  it('footnote-unused: a footnote no marker refers to', async () => {
    const text = `${seed}\n\n\u2078 A footnote no row refers to.`;
    expectOnly(await added(text), 'footnote-unused', lineOf(text, '\u2078 A footnote'));
  });

  it('footnote-duplicate: footnote 3 repeating footnote 2', async () => {
    const fn3 = seed.split('\n').find((l) => l.startsWith('\u00b3 '))!;
    const text = alter(fn3, '\u00b3 Membership requires ratification of the Chemical Weapons Convention.');
    const f = expectOnly(await added(text), 'footnote-duplicate', lineOf(text, '\u00b3 Membership'));
    expect(f.message).toContain('Footnote 3 repeats footnote 2');
  });

  it('instrument-name: CANWZ on a corrected text', async () => {
    const fixed = alter('(CANWZ)\t', '(CANWFZ)\t');
    const base = await findingsOf(fixed);
    expect(base.filter((f) => f.ruleId === 'instrument-name')).toHaveLength(1);
    const text = alter('(CANWFZ)\t', '(CANWZ)\t', fixed);
    expectOnly(await added(text, base), 'instrument-name', lineOf(text, '(CANWZ)\t'));
  });

  it('duplicate-instrument: MTCR listed again in place of Wassenaar', async () => {
    const text = alter('Wassenaar Arrangement\t-----', 'Missile Technology Control Regime\t-----');
    const line = text.split('\n').lastIndexOf('Missile Technology Control Regime\t-----') + 1;
    const f = expectOnly(await added(text), 'duplicate-instrument', line);
    expect(f.message).toContain(`first row is /entries/${23}`);
  });

  it('unknown-instrument: a row that names nothing in the catalogue', async () => {
    const text = alter('Wassenaar Arrangement\t-----', 'Arrangement of Nowhere\t-----');
    expectOnly(await added(text), 'unknown-instrument', lineOf(text, 'Arrangement of Nowhere'));
  });
});

// Not reachable by altering the published text: date-after-as-of (the text carries no as-of date) and
// date-before-entry-into-force (a treaty row's status cell carries no signature or in-force date).
// Their examples in rules/*.yaml cover them.
