import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { XMLValidator } from 'fast-xml-parser';
import { cli, root } from '../helpers.js';

describe('check: several reports in one run, thresholds, exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adh-out-'));
  writeFileSync(join(dir, 'bad.yaml'), 'profile: 2\nstate: {name: X}\nentries: []\n');

  it('writes each --format to its own -o, and one may go to standard output', () => {
    const r = cli(
      [
        'check',
        'bad.yaml',
        '-f',
        'sarif',
        '-o',
        'out.sarif',
        '-f',
        'junit',
        '-o',
        'out.xml',
        '--format',
        'github',
        '-f',
        'markdown',
        '-o',
        'out.md',
      ],
      undefined,
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=bad\.yaml,line=1,col=\d+,title=schema::/);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results[0].ruleId).toBe('schema');
    expect(XMLValidator.validate(readFileSync(join(dir, 'out.xml'), 'utf8'))).toBe(true);
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toMatch(/^### ❌ adherence: 1 error/);
  });

  it('-o before any --format goes with the first format (and alone, with stylish)', () => {
    expect(cli(['check', 'bad.yaml', '-o', 'first.json', '-f', 'json'], undefined, dir).stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'first.json'), 'utf8')).reportVersion).toBe(1);
    cli(['check', 'bad.yaml', '-o', 'plain.txt'], undefined, dir);
    expect(readFileSync(join(dir, 'plain.txt'), 'utf8')).toContain('bad.yaml');
  });

  it('ambiguous pairings are usage errors (exit 2, one line)', () => {
    for (const args of [
      ['-f', 'json', '-f', 'sarif'],
      ['-f', 'json', '-o', 'a', '-o', 'b'],
      ['-f', 'json', '-o', 'same', '-f', 'sarif', '-o', 'same'],
      ['--max-warnings', 'many'],
    ]) {
      const r = cli(['check', 'bad.yaml', ...args], undefined, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'same'))).toBe(false);
  });

  it('the project checks itself: bundled profiles pass with its own configuration and waivers', () => {
    const r = cli(['check', 'profiles', '--max-warnings', '0'], undefined, root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/waived/);
    // Without the waivers, the Kazakhstan profile as published fails.
    expect(cli(['check', 'profiles', '--no-waivers'], undefined, root).code).toBe(1);
  });

  it('--help names the new options and the exit codes', () => {
    const r = cli(['check', '--help']);
    for (const s of ['--max-warnings', '--waivers', '--baseline', 'sarif', 'junit', 'github', 'markdown', 'Exit codes'])
      expect(r.stdout).toContain(s);
  });
});
