import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, seedPath, seedText } from '../helpers.js';
import { validateAgainst } from '../../src/schema/index.js';

describe('adherence CLI', () => {
  it('import | render gives the seed back byte for byte', () => {
    const imported = cli(['import', seedPath]);
    expect(imported.code).toBe(0);
    const rendered = cli(['render', '-', '--format', 'text'], imported.stdout);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toBe(seedText());
  });

  it('check --format json prints the versioned report', () => {
    const r = cli(['check', '--format', 'json', seedPath]);
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      reportVersion: 1,
      tool: { name: 'adherence' },
      files: [{ file: seedPath, format: 'text', state: { iso3: 'KAZ' } }],
    });
    expect(validateAgainst('report.schema.json', report)).toEqual([]);
  });

  it('checks the bundled profiles by default', () => {
    const r = cli(['check', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toContain(join('profiles', 'kazakhstan.yaml'));
  });

  it('a broken profile: finding with file:line:column, exit 1, other files still checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-'));
    writeFileSync(join(dir, 'a.yaml'), 'profile: 1\nstate:\n  name: 42\nentries: []\n');
    writeFileSync(join(dir, 'b.yaml'), 'profile: 1\nstate: {name: Kazakhstan}\nentries: []\n');
    const r = cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(dir, 'a.yaml')}`);
    expect(r.stdout).toMatch(/3:9\s+error\s+`\/state\/name` must be a string, not a number\s+schema/);
    expect(r.stdout).toContain('in 2 files');
  });

  it('usage errors exit 2 with one line and no stack trace', () => {
    for (const args of [
      ['check', '--fail-on', 'sometimes'],
      ['check', 'no/such/path'],
      ['frobnicate'],
      ['check', '--nope'],
      ['check', '-f', 'xml'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^adherence: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--fail-on decides the exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-'));
    writeFileSync(join(dir, 'bad.yaml'), 'profile: 2\nstate: {name: X}\nentries: []\n');
    expect(cli(['check', dir]).code).toBe(1);
    expect(cli(['check', dir, '--fail-on', 'never']).code).toBe(0);
  });

  it('import refuses to overwrite its input and writes atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-'));
    const txt = join(dir, 'kz.txt');
    writeFileSync(txt, seedText());
    const r = cli(['import', txt, '-o', txt]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to overwrite');
    expect(readFileSync(txt, 'utf8')).toBe(seedText());
    expect(cli(['import', txt, '-o', join(dir, 'kz.yaml')]).code).toBe(0);
    expect(readFileSync(join(dir, 'kz.yaml'), 'utf8')).toContain('# yaml-language-server: $schema=');
  });

  it('--help tells the commands and exit codes', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['check', 'import', 'render', 'Exit codes']) expect(r.stdout).toContain(c);
    expect(cli(['check', '--help']).stdout).toContain('--fail-on');
  });
});
