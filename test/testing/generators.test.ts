// What the generators cover, and that a planted bug in a rule is caught with a small counterexample.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { worldArb, consistentProfile, violating, publishedText, hostileInput } from '../../src/testing/index.js';
import { runJob } from '../../src/testing/run.js';
import { parsePublishedText, renderPublishedText } from '../../src/load/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { cli, root } from '../helpers.js';

const catalog = loadCatalog();

describe('the model of the world', () => {
  const worlds = fc.sample(worldArb(), { numRuns: 400, seed: 7 });
  const profiles = worlds.map((w) => w.profile);
  const statusOf = (id: string) => profiles.flatMap((p) => p.entries.filter((e) => e.instrument === id).map((e) => e.status));

  it('covers nuclear-weapon States, states outside the NPT and a withdrawal', () => {
    expect(worlds.some((w) => w.state.nptNuclearWeaponState)).toBe(true);
    expect(
      profiles.some(
        (p) => ['IND', 'ISR', 'PAK'].includes(p.state.iso3!) && p.entries.some((e) => e.instrument === 'npt' && e.status === 'Not a party'),
      ),
    ).toBe(true);
    expect(profiles.some((p) => p.entries.some((e) => e.status === 'Withdrawn' && e.withdrawn))).toBe(true);
  });

  it('covers zone treaties, regimes, Security Council reports with addenda and both date orders', () => {
    expect(statusOf('canwfz')).toContain('State Party');
    expect(statusOf('nsg')).toContain('Participating Government');
    expect(profiles.some((p) => p.entries.some((e) => e.reports?.some((r) => r.addendum === 2)))).toBe(true);
    expect(new Set(profiles.map((p) => p.dateOrder))).toEqual(new Set([undefined, 'month-first', 'day-first']));
    expect(profiles.some((p) => p.entries.some((e) => e.inForce && /^\d+\/\d+\/\d+$/.test(e.inForce)))).toBe(true);
    expect(profiles.some((p) => typeof p.asOf === 'object') && profiles.some((p) => typeof p.asOf === 'string')).toBe(true);
  });

  it('derives dates in the order the law allows: signed ≤ joined ≤ in force ≤ withdrawn ≤ today', () => {
    const wrong: string[] = [];
    for (const w of worlds) {
      for (const s of w.standing.values()) {
        const seq = [s.signed, s.joined, s.inForce, s.withdrawn, w.today].filter((d): d is number => d !== undefined);
        if (seq.some((d, k) => k > 0 && d < seq[k - 1]!) || (s.reports ?? []).some((d) => d > w.today))
          wrong.push(`${w.state.iso3} ${s.id}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists each instrument once, with a status word of its kind', () => {
    const wrong = profiles.flatMap((p) => [
      ...(new Set(p.entries.map((e) => e.instrument)).size === p.entries.length ? [] : [`${p.state.iso3}: a row listed twice`]),
      ...p.entries
        .filter((e) => !catalog.statusesOf(e.instrument!).includes(e.status))
        .map((e) => `${p.state.iso3} ${e.instrument}: ${e.status}`),
    ]);
    expect(wrong).toEqual([]);
  });

  it('gives violating(ruleId) a finding that names the rule, and refuses a rule it cannot break', () => {
    const [v] = fc.sample(violating('opcw-requires-cwc'), { numRuns: 1, seed: 3 });
    expect(v!.finding).toMatchObject({ ruleId: 'opcw-requires-cwc', instruments: ['opcw', 'cwc'] });
    expect(v!.profile.entries.find((e) => e.instrument === 'opcw')!.status).toBe('Member');
    expect(() => violating('no-such-rule')).toThrow(/no generator for rule "no-such-rule"/);
  });

  it('writes published text that reads back, and hostile input of every kind', () => {
    for (const t of fc.sample(publishedText(), { numRuns: 30, seed: 5 }))
      expect(renderPublishedText(parsePublishedText(t, catalog).profile!, catalog)).toBe(t);
    const kinds = new Set(fc.sample(hostileInput(), { numRuns: 300, seed: 5 }).map((h) => h.kind));
    for (const k of ['string', 'bytes', 'json value', 'truncated', 'truncated bytes', 'spliced', 'utf16le']) expect(kinds).toContain(k);
  });

  it('consistentProfile takes options: a state, forced standings and listed rows', () => {
    for (const p of fc.sample(
      consistentProfile({ states: ['IND'], force: { cwc: 'party' }, include: ['opcw'], asOf: 'date', dates: 'iso' }),
      { numRuns: 20, seed: 9 },
    )) {
      expect(p.state.iso3).toBe('IND');
      expect(p.entries.find((e) => e.instrument === 'cwc')!.status).toBe('State Party');
      expect(p.entries.find((e) => e.instrument === 'opcw')!.status).toBe('Member');
      expect(p.dateOrder).toBeUndefined();
    }
  });
});

/** A copy of the bundled rules (or of the files named) with one condition wrong: OPCW members must NOT be CWC parties. */
function plantedBug(files?: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'adherence-planted-'));
  for (const f of files ?? readdirSync(join(root, 'rules')).filter((n) => n.endsWith('.yaml')))
    cpSync(join(root, 'rules', f), join(dir, f));
  const file = join(dir, 'opcw-requires-cwc.yaml');
  const text = readFileSync(file, 'utf8');
  const wrong = text.replace(
    '{ fact: cwc, path: $.bound, operator: equal, value: false }',
    '{ fact: cwc, path: $.bound, operator: equal, value: true }',
  );
  expect(wrong).not.toBe(text);
  writeFileSync(file, wrong);
  return dir;
}

describe('a planted bug', () => {
  it('is caught by the consistent property with a counterexample of two or three rows', async () => {
    const dir = plantedBug();
    const r = await runJob({ property: 'consistent', runs: 2000, seed: 11, dirs: [dir] });
    expect(r.failed).toBe(true);
    expect(r.message).toContain('opcw-requires-cwc');
    const p = parse(r.counterexample!.content as string);
    expect(p.entries.length).toBeLessThanOrEqual(3);
    expect(p.entries.map((e: { instrument: string }) => e.instrument)).toEqual(expect.arrayContaining(['opcw', 'cwc']));
  });

  it('makes adherence fuzz exit 1, write the profile and print a replay that fails the same way', () => {
    const dir = plantedBug();
    const out = mkdtempSync(join(tmpdir(), 'adherence-fuzz-out-'));
    const r = cli(['fuzz', '--property', 'consistent', '--runs', '1000', '--seed', '11', '--rules-dir', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✖ consistent failed after \d+ runs/);
    const file = /counterexample: (\S+)/.exec(r.stdout)![1]!;
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))?.[1];
    // the schema line names a file that exists, relative to the counterexample
    expect(schemaRef && existsSync(join(out, schemaRef))).toBe(true);
    expect(cli(['check', file, '--format', 'json']).stdout).not.toContain('"ruleId": "schema"');
    const replay = /replay: adherence (.*)/.exec(r.stdout)![1]!;
    const args = [...replay.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const again = cli([...args, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('opcw-requires-cwc');
  });
});

describe('adherence fuzz', () => {
  it('runs the chosen properties and prints no progress bar when not on a terminal', () => {
    const r = cli(['fuzz', '--runs', '40', '--seed', '3', '--property', 'roundtrip']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✔ roundtrip: 40 runs held \(seed 3/);
    expect(r.stderr).toBe('');
  });

  it('breaks one rule with --rule, and refuses unknown properties and rules', () => {
    expect(cli(['fuzz', '--runs', '20', '--seed', '3', '--rule', 'signature-window']).stdout).toContain('✔ violating: 20 runs held');
    expect(cli(['fuzz', '--property', 'nope']).stderr).toBe(
      'adherence: --property takes consistent, violating, order, roundtrip or no-throw, not "nope"\n',
    );
    expect(cli(['fuzz', '--runs', '0']).stderr).toBe('adherence: --runs takes 1 or more, not 0\n');
    expect(cli(['fuzz', '--runs', '3']).stderr).toBe(
      'adherence: --runs 3 is fewer than the 5 properties run: give at least 5, or --property NAME\n',
    );
    expect(cli(['fuzz', '--rule', 'nope']).code).toBe(2);
    expect(cli(['fuzz', '--help']).stdout).toContain('--rules-dir DIR');
  });

  it('--rules-dir adds to the bundled rules, as for check (a rule of the folder replaces the bundled one); --no-bundled-rules leaves them out', () => {
    const plain = mkdtempSync(join(tmpdir(), 'adherence-own-rules-'));
    cpSync(join(root, 'rules', 'opcw-requires-cwc.yaml'), join(plain, 'opcw-requires-cwc.yaml'));
    // A bundled rule the folder does not hold is still in the rule set.
    const out = mkdtempSync(join(tmpdir(), 'adherence-fuzz-out-'));
    const kept = cli(['fuzz', '--runs', '20', '--seed', '3', '--rule', 'signature-window', '--rules-dir', plain, '--out', out]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('✔ violating: 20 runs held');
    // The folder's opcw-requires-cwc replaces the bundled one: its planted bug is found.
    const dir = plantedBug(['opcw-requires-cwc.yaml']);
    const replaced = cli(['fuzz', '--property', 'consistent', '--runs', '1000', '--seed', '11', '--rules-dir', dir, '--out', out]);
    expect(replaced.code, replaced.stderr).toBe(1);
    expect(replaced.stdout).toContain('opcw-requires-cwc');
    const alone = cli(['fuzz', '--runs', '20', '--seed', '3', '--rule', 'signature-window', '--rules-dir', plain, '--no-bundled-rules']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('adherence: rule "signature-window" is not in the rule set\n');
  });

  it('splits large runs over worker threads', () => {
    const r = cli(['fuzz', '--runs', '60', '--seed', '3', '--property', 'no-throw', '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/60 runs in .* \(\d+ runs\/s, 2 workers\)/);
  });
});

it('is importable from the built package as adherence/testing', async () => {
  const kit = await import('adherence/testing');
  expect(typeof kit.consistentProfile).toBe('function');
  expect(kit.GENERATABLE_RULES).toContain('opcw-requires-cwc');
  expect(fc.sample(kit.consistentProfile(), { numRuns: 1, seed: 1 })[0]!.profile).toBe(1);
});

it('names its checker of generated profiles ProfileChecker, apart from the public Checker class', () => {
  // Types leave no trace at run time: the published declarations are what a user's editor sees.
  const types = readFileSync(join(root, 'dist/testing/index.d.ts'), 'utf8');
  expect(types).toMatch(/\btype ProfileChecker\b/);
  expect(types).not.toMatch(/\btype Checker\b/);
});
