// Paths that are not plain readable files: links that loop or dangle, a file we may not read, a path
// that does not exist. Inside a folder each is that file's finding and the others are still checked;
// a path named on the command line that cannot be found at all is a usage error (exit 2).
import { describe, it, expect } from 'vitest';
import { symlinkSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, folder, findings, MINIMAL, ONE_RULE, STACK } from './harness.js';

const check = (dir: string, ...args: string[]) => run(['check', '--format', 'json', ...ONE_RULE, ...args], dir);

describe.concurrent('paths', () => {
  it('a symlink loop inside a folder: a finding of that path, the others checked', async () => {
    const dir = folder({ 'ok.yaml': MINIMAL });
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    symlinkSync('.', join(dir, 'self')); // a folder link back into the folder: walked once
    const r = await check(dir, '.');
    expect(findings(r)).toEqual({
      'loop-a.yaml': [{ ruleId: 'parse', line: 1, column: 1, message: 'cannot read the file: a link that loops back on itself' }],
      'loop-b.yaml': [{ ruleId: 'parse', line: 1, column: 1, message: 'cannot read the file: a link that loops back on itself' }],
      'ok.yaml': [],
    });
    expect(r.code).toBe(1);
  });

  it('a dangling link inside a folder: a finding of that path', async () => {
    const dir = folder({ 'ok.yaml': MINIMAL });
    symlinkSync('gone.yaml', join(dir, 'dangling.yaml'));
    const r = await check(dir, '.');
    expect(findings(r)).toEqual({
      'dangling.yaml': [{ ruleId: 'parse', line: 1, column: 1, message: 'cannot read the file: no such file (a broken link?)' }],
      'ok.yaml': [],
    });
    expect(r.code).toBe(1);
  });

  it('a symlink loop named on the command line: exit 2, one line', async () => {
    const dir = folder();
    symlinkSync('loop.yaml', join(dir, 'loop.yaml'));
    const r = await check(dir, 'loop.yaml');
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'adherence: loop.yaml: a link that loops back on itself\n' });
  });

  it('a path that does not exist: exit 2, one line', async () => {
    const r = await check(folder(), 'nope.yaml');
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'adherence: nope.yaml: no such file or folder\n' });
  });

  it('an unreadable file (mode 000): a finding; as root, whom modes do not stop, it is read', async () => {
    const dir = folder({ 'locked.yaml': MINIMAL, 'ok.yaml': MINIMAL });
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    // Whether this process can read it is what decides the outcome, not who we think we are.
    let readable = true;
    try {
      readFileSync(join(dir, 'locked.yaml'));
    } catch {
      readable = false;
    }
    const r = await check(dir, '.');
    const locked = readable ? [] : [{ ruleId: 'parse', line: 1, column: 1, message: 'cannot read the file: permission denied' }];
    expect(findings(r)).toEqual({ 'locked.yaml': locked, 'ok.yaml': [] });
    expect(r.code).toBe(readable ? 0 : 1);
    chmodSync(join(dir, 'locked.yaml'), 0o644);
  });

  it('a limit that is not a number: exit 2, one line', async () => {
    const r = await check(folder({ 'a.yaml': MINIMAL }), '--max-depth', 'deep', 'a.yaml');
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'adherence: --max-depth takes a whole number, not "deep"\n' });
  });

  it('no stack trace on any of these without --debug', async () => {
    const dir = folder({ 'a.yaml': '\u0000' });
    symlinkSync('x.yaml', join(dir, 'x.yaml'));
    for (const args of [['x.yaml'], ['nope'], ['a.yaml'], ['--max-rows', '-1', 'a.yaml']]) {
      const r = await check(dir, ...args);
      expect(r.stderr).not.toMatch(STACK);
    }
  });
});
