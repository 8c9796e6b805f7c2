// Cases too big to commit, generated in a temp folder: they must end as findings within seconds,
// with memory bounded, never as a hang or a crash.
import { describe, it, expect } from 'vitest';
import { openSync, ftruncateSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { seedPath } from '../helpers.js';
import { run, folder, findings, ONE_RULE, STACK, type Brief } from './harness.js';

const parse = (line: number, column: number, message: string): Brief => ({ ruleId: 'parse', line, column, message });
const check = (dir: string, ...args: string[]) => run(['check', '--format', 'json', ...ONE_RULE, ...args], dir);
const DEPTH = 'the document nests deeper than 64 levels (set --max-depth to read it)';

describe.concurrent('large and deep inputs', () => {
  it('a 50 MB profile is refused by its size, without being read', async () => {
    const dir = folder();
    const fd = openSync(join(dir, 'big.yaml'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024); // a sparse file: 50 MB to stat, no 50 MB written to disk
    closeSync(fd);
    const r = await check(dir, 'big.yaml');
    expect(findings(r)).toEqual({
      'big.yaml': [parse(1, 1, 'the file is 52428800 bytes, over the limit of 1048576 bytes (set --max-bytes to read it)')],
    });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(10_000); // standalone ≈ 0.25 s: a stat, not a read
  });

  it('a 50 MB profile on standard input is refused after reading only up to the limit', async () => {
    const dir = folder();
    const r = await run(['check', '--format', 'json', ...ONE_RULE, '-'], dir, Buffer.alloc(50 * 1024 * 1024, 'a: 1\n'));
    expect(findings(r)).toEqual({ '-': [parse(1, 1, 'the file is larger than the limit of 1048576 bytes (set --max-bytes to read it)')] });
    expect(r.code).toBe(1);
  });

  it('an endless device (/dev/zero) is refused before a byte is read: regular files only', async () => {
    // Linux and macOS have it; elsewhere the endless stream is a pipe, tested above.
    if (!existsSync('/dev/zero')) return expect(process.platform).toBe('win32');
    const r = await check(folder(), '/dev/zero');
    expect(findings(r)).toEqual({ '/dev/zero': [parse(1, 1, 'cannot read the file: it is a character device, not a regular file')] });
    expect(r.code).toBe(1);
  });

  it('100 000 rows of YAML: refused by size (4 MB) before the parser spends seconds on them', async () => {
    const dir = folder({
      'rows.yaml': 'profile: 1\nstate: {name: Kazakhstan}\nentries:\n' + '  - {instrument: cwc, status: State Party}\n'.repeat(100_000),
    });
    const r = await check(dir, 'rows.yaml');
    expect(findings(r)).toEqual({
      'rows.yaml': [parse(1, 1, 'the file is 4300046 bytes, over the limit of 1048576 bytes (set --max-bytes to read it)')],
    });
    expect(r.code).toBe(1);
  });

  it('100 000 rows of published text: refused by size, and by row count when the size is allowed', async () => {
    const seed = readFileSync(seedPath, 'utf8');
    const at = seed.indexOf('TREATIES');
    const dir = folder({ 'rows.txt': seed.slice(0, at) + 'United Nations (UN)\tMember\n'.repeat(100_000) + seed.slice(at) });
    const bySize = await check(dir, 'rows.txt');
    expect(findings(bySize)).toEqual({
      'rows.txt': [parse(1, 1, 'the file is 2704105 bytes, over the limit of 1048576 bytes (set --max-bytes to read it)')],
    });
    expect(bySize.code).toBe(1);
    const byRows = await check(dir, '--max-bytes', '10000000', 'rows.txt');
    // Reading stops at the first row over the limit (line 1006: 5 organizations, then 1000 rows).
    expect(findings(byRows)).toEqual({
      'rows.txt': [parse(1006, 1, 'the profile has more than 1000 rows, the limit (set --max-rows to read it)')],
    });
    expect(byRows.code).toBe(1);
    // Standalone ≈ 0.9 s; without the limit the same file took 47 s and 1.1 GB. The bound allows a busy CI.
    expect(byRows.ms).toBeLessThan(15_000);
  });

  // The depth is measured on the syntax tree before the document is composed (composing recurses,
  // and a stack that ran out inside V8's regular-expression compiler aborted the process: it took
  // two files of 2,000 levels in one run). The finding points at the first collection too deep.
  const deepCases = [
    ['10 000-deep YAML flow lists', 'deep.yaml', `${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 65],
    ['10 000-deep YAML block lists', 'deep.yaml', `${'- '.repeat(10_000)}x\n`, 129],
    ['10 000-deep JSON objects', 'deep.json', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, 321],
  ] as const;
  for (const [name, file, text, column] of deepCases) {
    it(`${name}: a finding, not a crash`, async () => {
      const r = await check(folder({ [file]: text }), file);
      expect(r.stderr).not.toMatch(STACK);
      expect(findings(r)).toEqual({ [file]: [parse(1, column, DEPTH)] });
      expect(r.code).toBe(1);
    });
  }

  it('many deep files in one run: one finding each, never an abort', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      files[`seq${i}.yaml`] = `${'- '.repeat(2_000 * (i + 1))}x\n`;
      files[`arr${i}.json`] = `${'['.repeat(20_000 * (i + 1))}${']'.repeat(20_000 * (i + 1))}`;
    }
    const dir = folder(files);
    for (const format of ['json', 'stylish']) {
      const r = await run(['check', '--format', format, ...ONE_RULE, '.'], dir);
      expect(r.stderr, format).not.toMatch(STACK);
      expect(r.code, format).toBe(1);
    }
    const got = findings(await check(dir, '.'));
    expect(Object.values(got)).toHaveLength(6);
    for (const list of Object.values(got)) expect(list).toEqual([{ ruleId: 'parse', line: 1, column: expect.any(Number), message: DEPTH }]);
  });

  it('--max-depth cannot take the reader past the depth it composes safely', async () => {
    const r = await check(folder({ 'deep.yaml': `${'- '.repeat(2_000)}x\n` }), '--max-depth', '100000', 'deep.yaml');
    expect(r.stderr).not.toMatch(STACK);
    expect(findings(r)).toEqual({ 'deep.yaml': [parse(1, 513, 'the document nests deeper than 256 levels, the most the reader allows')] });
  });

  it('a folder of 1000 profiles with one broken: all checked, exit 1', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`p${String(i).padStart(4, '0')}.yaml`] = 'profile: 1\nstate: {name: Kazakhstan}\nentries: []\n';
    files['p0500.yaml'] = 'profile: 1\nstate: {name: Kazakhstan\nentries: []\n';
    const dir = folder(files);
    const r = await check(dir, '.');
    const got = findings(r);
    expect(Object.keys(got)).toHaveLength(1000);
    const broken = Object.entries(got).filter(([, f]) => f.length > 0);
    expect(broken).toEqual([
      [join('.', 'p0500.yaml'), [parse(3, 1, 'Flow map in block collection must be sufficiently indented and end with a }')]],
    ]);
    expect(r.code).toBe(1);
  });
});
