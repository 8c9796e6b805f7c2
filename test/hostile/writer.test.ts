// The one writer: -o (check, import, render) writes only a regular file or a new path, through an
// exclusive temporary file with a random name, and never writes through a link, a device, a FIFO or
// over any file the run read (profiles, configuration, waivers, baseline, standard input's source).
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, symlinkSync, mkdirSync, chmodSync, lstatSync, readdirSync, linkSync, statSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { run, runFrom, folder, fifo, MINIMAL, ONE_RULE } from './harness.js';
import { writeSafely } from '../../src/report/write.js';
import { readBytes, forgetInputs } from '../../src/load/read.js';

const VICTIM = 'precious bytes\n';

/** A folder with a profile and a "victim" file outside the paths the command names. */
function setup(extra: Record<string, string> = {}) {
  const dir = folder({ 'p.yaml': MINIMAL, 'victim.txt': VICTIM, ...extra });
  const victimUnchanged = () => expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe(VICTIM);
  const noTemp = () => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  return { dir, victimUnchanged, noTemp };
}

describe.concurrent('the writer refuses what is not a regular file', () => {
  it('a FIFO as -o: exit 2 at once, one line, the FIFO still a FIFO', async () => {
    const { dir } = setup();
    fifo(join(dir, 'out.json'));
    const r = await run(['check', '-f', 'json', ...ONE_RULE, 'p.yaml', '-o', 'out.json'], dir);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'adherence: refusing to write to out.json: it is a FIFO (named pipe), not a regular file (leave out -o, or give -o -, to write to standard output)\n',
    });
    expect(lstatSync(join(dir, 'out.json')).isFIFO()).toBe(true);
  });

  it('a folder as -o: exit 2', async () => {
    const { dir } = setup();
    mkdirSync(join(dir, 'out'));
    const r = await run(['render', 'p.yaml', '-o', 'out'], dir);
    expect(r).toMatchObject({
      code: 2,
      stderr:
        'adherence: refusing to write to out: it is a folder, not a regular file (leave out -o, or give -o -, to write to standard output)\n',
    });
  });

  it('a symbolic link as -o: refused, the file it names untouched', async () => {
    const { dir, victimUnchanged } = setup();
    symlinkSync('victim.txt', join(dir, 'out.yaml'));
    const r = await run(['render', 'p.yaml', '--format', 'yaml', '-o', 'out.yaml'], dir);
    expect(r).toMatchObject({
      code: 2,
      stderr:
        'adherence: refusing to write to out.yaml: it is a symbolic link, not a regular file (remove the link, or name the file it points to)\n',
    });
    victimUnchanged();
    expect(lstatSync(join(dir, 'out.yaml')).isSymbolicLink()).toBe(true);
  });

  it('/dev/null as -o (even as root): refused, still a character device', async () => {
    const { dir } = setup();
    const r = await run(['check', '-f', 'json', ...ONE_RULE, 'p.yaml', '-o', '/dev/null'], dir);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'adherence: refusing to write to /dev/null: it is a character device, not a regular file (leave out -o, or give -o -, to write to standard output)\n',
    });
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('-o - is standard output', async () => {
    const { dir } = setup();
    const r = await run(['check', '-f', 'json', ...ONE_RULE, 'p.yaml', '-o', '-'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].file).toBe('p.yaml');
    expect(readdirSync(dir).sort()).toEqual(['p.yaml', 'victim.txt']);
  });
});

describe.concurrent('the backup and the temporary file', () => {
  it('import -o over a file whose .bak is a link: the link is replaced, the file it named untouched', async () => {
    const { dir, victimUnchanged, noTemp } = setup({
      'seed.txt': readFileSync(join(import.meta.dirname, '../../rules/examples/kazakhstan-profile.txt'), 'utf8'),
      'out.yaml': 'old output\n',
    });
    symlinkSync('victim.txt', join(dir, 'out.yaml.bak'));
    const r = await run(['import', 'seed.txt', '-o', 'out.yaml'], dir);
    expect(r.code).toBe(0);
    victimUnchanged();
    expect(lstatSync(join(dir, 'out.yaml.bak')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'out.yaml.bak'), 'utf8')).toBe('old output\n');
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
    noTemp();
  });

  it('a link planted at the old predictable temporary name is never followed', () => {
    const { dir, victimUnchanged } = setup({ 'out.txt': 'old\n' });
    symlinkSync('victim.txt', join(dir, `.out.txt.${process.pid}.tmp`));
    writeSafely(join(dir, 'out.txt'), 'new\n');
    victimUnchanged();
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(dir, 'out.txt.bak'), 'utf8')).toBe('old\n');
    expect(lstatSync(join(dir, `.out.txt.${process.pid}.tmp`)).isSymbolicLink()).toBe(true); // left as it was
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([`.out.txt.${process.pid}.tmp`]);
  });

  it('a file replaced keeps its old bytes as .bak, even when the .bak path held another file, and its mode', () => {
    const { dir } = setup({ 'out.txt': 'old\n', 'out.txt.bak': 'older\n' });
    chmodSync(join(dir, 'out.txt'), 0o600);
    writeSafely(join(dir, 'out.txt'), 'new\n');
    expect(statSync(join(dir, 'out.txt')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'out.txt.bak'), 'utf8')).toBe('old\n');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('new\n');
  });
});

describe.concurrent('every file the run read is an input -o refuses without --force', () => {
  const refused = (file: string) =>
    `adherence: refusing to overwrite ${file}, which is also an input (add --force to replace it; a backup is kept as ${file}.bak)\n`;
  const WAIVERS = 'waivers: []\n';
  const CONFIG = 'failOn: error\n';

  for (const [name, files, args, target] of [
    ['the configuration', { 'c.yaml': CONFIG }, ['-c', 'c.yaml'], 'c.yaml'],
    ['the waivers file', { 'w.yaml': WAIVERS }, ['--waivers', 'w.yaml'], 'w.yaml'],
    ['a rule file', {}, ['--rules-dir', 'rules'], 'rules/opcw-requires-cwc.yaml'],
  ] as const) {
    it(`${name}`, async () => {
      const dir = folder({
        'p.yaml': MINIMAL,
        ...files,
        'rules/opcw-requires-cwc.yaml': readFileSync(join(import.meta.dirname, '../../rules/opcw-requires-cwc.yaml'), 'utf8'),
      });
      const before = readFileSync(join(dir, target));
      const r = await run(['check', 'p.yaml', ...args, '-f', 'json', '-o', target], dir);
      expect(r).toMatchObject({ code: 2, stderr: refused(target) });
      expect(readFileSync(join(dir, target)).equals(before)).toBe(true);
    });
  }

  it('the baseline; with --force it is replaced and kept as .bak', async () => {
    const dir = folder({ 'p.yaml': MINIMAL });
    expect((await run(['check', ...ONE_RULE, 'p.yaml', '-f', 'json', '-o', 'base.json'], dir)).code).toBe(0);
    const before = readFileSync(join(dir, 'base.json'), 'utf8');
    const r = await run(['check', ...ONE_RULE, 'p.yaml', '--baseline', 'base.json', '-f', 'json', '-o', 'base.json'], dir);
    expect(r).toMatchObject({ code: 2, stderr: refused('base.json') });
    expect(readFileSync(join(dir, 'base.json'), 'utf8')).toBe(before);
    const forced = await run(['check', ...ONE_RULE, 'p.yaml', '--baseline', 'base.json', '-f', 'json', '-o', 'base.json', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'base.json.bak'), 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')).baseline.file).toBe('base.json');
  });

  it('a profile reached through a hard link', async () => {
    const dir = folder({ 'p.yaml': MINIMAL });
    linkSync(join(dir, 'p.yaml'), join(dir, 'same.yaml'));
    const r = await run(['check', ...ONE_RULE, 'p.yaml', '-o', 'same.yaml'], dir);
    expect(r).toMatchObject({ code: 2, stderr: refused('same.yaml') });
    expect(readFileSync(join(dir, 'p.yaml'), 'utf8')).toBe(MINIMAL);
  });

  it('standard input redirected from a file: `check - -o p.yaml < p.yaml`', async () => {
    const dir = folder({ 'p.yaml': MINIMAL });
    const r = await runFrom(['check', ...ONE_RULE, '-', '-o', 'p.yaml'], dir, join(dir, 'p.yaml'));
    expect(r).toMatchObject({ code: 2, stderr: refused('p.yaml') });
    expect(readFileSync(join(dir, 'p.yaml'), 'utf8')).toBe(MINIMAL);
  });

  it('in the library too: a file the reader read is refused until forgotten', () => {
    const dir = folder({ 'a.yaml': MINIMAL });
    readBytes(join(dir, 'a.yaml'), 1000);
    expect(() => writeSafely(join(dir, 'a.yaml'), 'x')).toThrow(/which is also an input/);
    forgetInputs();
    writeSafely(join(dir, 'a.yaml'), 'x');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('x');
    expect(statSync(join(dir, 'a.yaml.bak')).size).toBe(MINIMAL.length);
  });
});

// If a regression ever replaced /dev/null with a file, put the device back (root only can, and only
// root could have broken it).
afterAll(() => {
  if (existsSync('/dev/null') && !lstatSync('/dev/null').isCharacterDevice() && process.getuid?.() === 0) {
    execFileSync('sh', ['-c', 'rm -f /dev/null && mknod -m 666 /dev/null c 1 3']);
  }
});
