// The one bounded reader, for every file the tool reads: a FIFO, a device or a folder where a file is
// expected is refused before a byte is read (a FIFO with no writer would otherwise hang the run for
// ever), and no side file is read past its cap. A profile's problem is a `parse` finding of that file
// (the others still checked); a side file's is one line on standard error, exit 2.
import { describe, it, expect } from 'vitest';
import { readFileSync, openSync, ftruncateSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { run, folder, fifo, findings, MINIMAL, ONE_RULE } from './harness.js';
import { SIDE_FILE_MAX_BYTES } from '../../src/load/read.js';
import { readAtRevision } from '../../src/review/sources.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { DEFAULT_LOAD_LIMITS } from '../../src/load/limits.js';
import { execFileSync } from 'node:child_process';

const NOT_FIFO = 'it is a FIFO (named pipe), not a regular file';
const RULE = readFileSync(join(root, 'rules/opcw-requires-cwc.yaml'), 'utf8');
const MAPPING = readFileSync(join(root, 'rules/reference/untc.yaml'), 'utf8');
/** Each case must end well within this (alone: under a second); a hang is what is tested against. */
const QUICK = 30_000;

describe.concurrent('FIFOs and devices where a file is expected', () => {
  it('a FIFO among the profiles: a finding of that file, the other still checked', async () => {
    const dir = folder({ 'ok.yaml': MINIMAL });
    fifo(join(dir, 'pipe.yaml'));
    const r = await run(['check', '-f', 'json', ...ONE_RULE, 'ok.yaml', 'pipe.yaml'], dir);
    expect(findings(r)).toEqual({
      'ok.yaml': [],
      'pipe.yaml': [{ ruleId: 'parse', line: 1, column: 1, message: `cannot read the file: ${NOT_FIFO}` }],
    });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(QUICK);
  });

  for (const [name, setup, args, stderr] of [
    [
      '-c FIFO',
      (d: string) => fifo(join(d, 'c.yaml')),
      ['-c', 'c.yaml'],
      `adherence: c.yaml: cannot read the configuration (${NOT_FIFO})\n`,
    ],
    [
      '--waivers FIFO',
      (d: string) => fifo(join(d, 'w.yaml')),
      ['--waivers', 'w.yaml'],
      `adherence: w.yaml: cannot read the waivers file (${NOT_FIFO})\n`,
    ],
    [
      '--baseline FIFO',
      (d: string) => fifo(join(d, 'b.json')),
      ['--baseline', 'b.json'],
      `adherence: b.json: cannot read the baseline (${NOT_FIFO})\n`,
    ],
    [
      'a rule file that is a FIFO',
      (d: string) => fifo(join(d, 'rules/opcw-requires-cwc.yaml')),
      ['--rules-dir', 'rules'],
      `adherence: rules/opcw-requires-cwc.yaml: cannot read the rule file (${NOT_FIFO})\n`,
    ],
    [
      '-c /dev/zero',
      () => undefined,
      ['-c', '/dev/zero'],
      'adherence: /dev/zero: cannot read the configuration (it is a character device, not a regular file)\n',
    ],
    [
      '--waivers naming a folder',
      () => undefined,
      ['--waivers', 'rules'],
      'adherence: rules: cannot read the waivers file (it is a folder, not a regular file)\n',
    ],
  ] as const) {
    it(`${name}: exit 2, one line, at once`, async () => {
      const dir = folder({ 'p.yaml': MINIMAL, 'rules/.keep': '' });
      setup(dir);
      const r = await run(['check', ...args, 'p.yaml'], dir);
      expect(r).toMatchObject({ code: 2, stdout: '', stderr });
      expect(r.ms).toBeLessThan(QUICK);
    });
  }

  it('review --mapping FIFO and a reference table that is a FIFO: exit 2, one line', async () => {
    const kaz = readFileSync(join(root, 'profiles/kazakhstan.yaml'), 'utf8');
    const dir = folder({ 'k.yaml': kaz, 'mapping.yaml': MAPPING, 'ref/.keep': '' });
    fifo(join(dir, 'pipe.yaml'));
    const table = /file: ([^,\s}]+)/.exec(MAPPING)![1]!;
    fifo(join(dir, 'ref', table));
    const viaMapping = await run(['review', 'k.yaml', '--against', 'k.yaml', '--reference', 'ref', '--mapping', 'pipe.yaml'], dir);
    expect(viaMapping).toMatchObject({ code: 2, stdout: '', stderr: `adherence: pipe.yaml: cannot read the mapping (${NOT_FIFO})\n` });
    const viaTable = await run(['review', 'k.yaml', '--against', 'k.yaml', '--reference', 'ref', '--mapping', 'mapping.yaml'], dir);
    expect(viaTable).toMatchObject({ code: 2, stdout: '' });
    expect(viaTable.stderr).toBe(`adherence: ${join('ref', table)}: cannot read the table named by mapping.yaml (${NOT_FIFO})\n`);
  });
});

describe.concurrent('side files are read within their cap', () => {
  it(`a configuration over ${SIDE_FILE_MAX_BYTES} bytes is refused from its size, unread`, async () => {
    const dir = folder({ 'p.yaml': MINIMAL });
    const fd = openSync(join(dir, 'big.yaml'), 'w');
    ftruncateSync(fd, SIDE_FILE_MAX_BYTES + 1); // sparse: nothing written
    closeSync(fd);
    const r = await run(['check', '-c', 'big.yaml', 'p.yaml'], dir);
    expect(r).toMatchObject({
      code: 2,
      stderr: `adherence: big.yaml: cannot read the configuration (${SIDE_FILE_MAX_BYTES + 1} bytes, over the limit of ${SIDE_FILE_MAX_BYTES} bytes)\n`,
    });
  });

  it('a rule file of the right name over the cap: exit 2 naming it', async () => {
    const dir = folder({ 'p.yaml': MINIMAL, 'rules/opcw-requires-cwc.yaml': RULE });
    writeFileSync(join(dir, 'rules/opcw-requires-cwc.yaml'), RULE + `# ${'x'.repeat(SIDE_FILE_MAX_BYTES)}\n`);
    const r = await run(['check', '--rules-dir', 'rules', 'p.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^adherence: rules\/opcw-requires-cwc\.yaml: cannot read the rule file \(\d+ bytes, over the limit of 8388608 bytes\)\n$/,
    );
  });
});

describe('a profile at a git revision', () => {
  it('over --max-bytes: refused from the size git reports, its bytes never taken', async () => {
    const dir = folder({ 'p.yaml': MINIMAL });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir });
    git('init', '-q');
    git('add', 'p.yaml');
    git('commit', '-qm', 'p');
    const [doc] = await readAtRevision('HEAD', ['.'], loadCatalog(), dir, { ...DEFAULT_LOAD_LIMITS, maxBytes: 60 });
    expect(doc!.file).toBe('git:HEAD:p.yaml');
    expect(doc!.loaded.problems).toEqual([
      { message: `the file is ${MINIMAL.length} bytes, over the limit of 60 bytes (set --max-bytes to read it)`, line: 1, column: 1 },
    ]);
  });
});
