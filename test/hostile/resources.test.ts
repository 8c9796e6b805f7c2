// Resources an input or an option could ask for without bound: findings per file are capped (a
// profile drawing 100k findings once ended the whole run in "Maximum call stack size exceeded" and
// lost the other files' results); fuzz worker threads are capped at the cores available.
import { describe, it, expect } from 'vitest';
import { availableParallelism } from 'node:os';
import { run, folder, MINIMAL } from './harness.js';

describe('findings per file', () => {
  it('a profile drawing thousands of findings: the first 1000 and one that says so; the other file kept', async () => {
    const many = `profile: 1\nstate: {name: Kazakhstan}\nentries:\n${'  - {instrument: cwc, status: Signatory, signed: 01/02/03}\n'.repeat(5000)}`;
    const r = await run(
      ['check', '-f', 'json', '--max-rows', '5000', 'many.yaml', 'ok.yaml'],
      folder({ 'many.yaml': many, 'ok.yaml': MINIMAL }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout).files as { file: string; findings: { message: string }[] }[];
    expect(files.map((f) => f.file)).toEqual(['many.yaml', 'ok.yaml']);
    expect(files[0]!.findings).toHaveLength(1001);
    expect(files[0]!.findings.at(-1)!.message).toMatch(/^more than 1000 findings in this file: the other \d+ are not reported$/);
  });
});

describe('fuzz --workers', () => {
  it('is capped at the cores available', async () => {
    const cores = availableParallelism();
    const r = await run(['fuzz', '--property', 'consistent', '--runs', '20', '--seed', '1', '--workers', '10000'], folder());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`adherence: --workers 10000 capped at ${cores}, the cores available\n`);
    expect(r.stdout).toMatch(new RegExp(`\\(\\d+ runs/s, ${cores} worker${cores > 1 ? 's' : ''}\\)\\n`));
  });
});
