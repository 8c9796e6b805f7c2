// Large runs are checked on worker threads; the report must be the one a single thread makes, byte
// for byte, and a failure in a worker must end the run as it would on one thread.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { run, folder } from '../hostile/harness.js';
import { Checker } from '../../src/checker/index.js';
import { PARALLEL_FROM, threadsFor } from '../../src/checker/parallel.js';

const bundled = readdirSync(join(root, 'profiles')).filter((f) => f.endsWith('.yaml'));
const text = (f: string) => readFileSync(join(root, 'profiles', f), 'utf8');

/** 82 files over three folders: the bundled profiles again and again, a schema finding, a file that does not parse. */
function corpus(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) for (const f of bundled) files[`${['a', 'b', 'c'][i % 3]}/${i}-${f}`] = text(f);
  for (let i = 0; i < 5; i++)
    files[`b/broken-${i}.yaml`] = 'profile: 1\nstate: { name: Kazakhstan }\nentries:\n  - instrument: opcw\n    stauts: Member\n';
  for (let i = 0; i < 5; i++) files[`c/bad-${i}.json`] = '{"profile": 1, "profile": 2';
  return folder(files);
}

describe('worker threads', () => {
  it('start from a threshold, and only when asked or when the machine has idle cores; the main thread counts as one', () => {
    expect(threadsFor('auto', PARALLEL_FROM - 1, 4, 0.5)).toBe(1);
    expect(threadsFor('auto', PARALLEL_FROM, 4, 0.5)).toBe(4);
    expect(threadsFor('auto', 100_000, 16, 0.5)).toBe(8);
    expect(threadsFor('auto', 100_000, 1, 0)).toBe(1);
    // Cores already busy (load average at or above their number): one thread is faster.
    expect(threadsFor('auto', 100_000, 2, 2)).toBe(1);
    expect(threadsFor(2, 100_000, 2, 9)).toBe(2);
    expect(threadsFor(1, 100_000, 4)).toBe(1);
    // No more threads than batches of files.
    expect(threadsFor(3, 60, 4)).toBe(2);
    expect(threadsFor(3, 1000, 2)).toBe(3);
    // A number asked for is lowered to the cores, or 8 where there are fewer.
    expect(threadsFor(500, 100_000, 2)).toBe(8);
    expect(threadsFor(500, 100_000, 16)).toBe(16);
    expect(threadsFor(12, 100_000, 16)).toBe(12);
  });

  it('make the same report as one thread, in every format, with the same exit code', async () => {
    const dir = corpus();
    // One run writes all four formats: json, sarif and junit to files, stylish to standard output.
    const outputs = (tag: string) => [
      '-f',
      'json',
      '-o',
      `${tag}.json`,
      '-f',
      'sarif',
      '-o',
      `${tag}.sarif`,
      '-f',
      'junit',
      '-o',
      `${tag}.xml`,
      '-f',
      'stylish',
    ];
    const one = await run(['check', 'a', 'b', 'c', '--no-waivers', '--workers', '1', ...outputs('one')], dir);
    const three = await run(['check', 'a', 'b', 'c', '--no-waivers', '--workers', '3', ...outputs('three')], dir);
    expect(one.code).toBe(1);
    expect({ ...three, ms: 0 }).toEqual({ ...one, ms: 0 });
    for (const ext of ['json', 'sarif', 'xml'])
      expect(readFileSync(join(dir, `three.${ext}`), 'utf8')).toBe(readFileSync(join(dir, `one.${ext}`), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'one.json'), 'utf8')).summary.files).toBe(82);
  });

  it('the library gives the same report on one thread and on several', async () => {
    const dir = corpus();
    const checker = await Checker.create({ cwd: dir, config: false });
    const one = await checker.checkFiles(['.'], { workers: 1 });
    const two = await checker.checkFiles(['.'], { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.files.filter((f) => f.findings.length).length).toBeGreaterThan(10);
  });

  it('a rule that fails at run time in a worker ends the run as on one thread: one line, exit 2', async () => {
    // The rule throws on any profile it runs on; the other files fail the schema, so rules run on one.
    const rule = readFileSync(join(root, 'rules/opcw-requires-cwc.yaml'), 'utf8').replace(
      '- { fact: cwc, path: $.present, operator: equal, value: true }',
      '- { fact: cwc, path: $.present, operator: in, value: { fact: cwc, path: $.joinedYear } }',
    );
    const files: Record<string, string> = { 'rules/opcw-requires-cwc.yaml': rule, 'p/kaz.yaml': text('kazakhstan.yaml') };
    for (let i = 0; i < 60; i++) files[`p/x${i}.yaml`] = 'profile: 1\nentries: []\n';
    const dir = folder(files);
    const one = await run(['check', 'p', '--rules-dir', 'rules', '--workers', '1'], dir);
    const three = await run(['check', 'p', '--rules-dir', 'rules', '--workers', '3'], dir);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(
      /^adherence: rules\/opcw-requires-cwc\.yaml:20:7: rule "opcw-requires-cwc" failed at run time: .*\(checking p\/kaz\.yaml\)\n$/,
    );
    expect({ ...three, ms: 0 }).toEqual({ ...one, ms: 0 });
  });
});
