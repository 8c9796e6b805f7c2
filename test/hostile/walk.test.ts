// The folder walk: it never follows a link to a folder (a folder holding a link to `/` must not walk
// the disk), it stops at a number of files, and a folder it cannot list is a finding of that folder
// while the rest is still checked.
import { describe, it, expect } from 'vitest';
import { symlinkSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { root } from '../helpers.js';
import { join } from 'node:path';
import { run, folder, findings, MINIMAL, ONE_RULE } from './harness.js';
import { listProfileFiles } from '../../src/load/files.js';

const check = (dir: string, ...args: string[]) => run(['check', '--format', 'json', ...ONE_RULE, ...args], dir);

describe.concurrent('folder walk', () => {
  it('a link to / inside a folder is not followed: only the folder itself is read', async () => {
    const dir = folder({ 'ok.yaml': MINIMAL, 'sub/b.yaml': MINIMAL });
    symlinkSync('/', join(dir, 'root'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    const listed = listProfileFiles([dir]);
    expect(listed).toEqual({ files: [join(dir, 'ok.yaml'), join(dir, 'sub/b.yaml')], errors: [], unreadable: [] });
    const r = await check(dir, '.');
    expect(Object.keys(findings(r))).toEqual(['ok.yaml', 'sub/b.yaml']);
    expect(r.code).toBe(0);
  });

  it('a folder link named on the command line is followed (it was asked for); links to files are read', async () => {
    const dir = folder({ 'real/a.yaml': MINIMAL, 'other/c.yaml': MINIMAL });
    symlinkSync('real', join(dir, 'named'));
    symlinkSync('../other/c.yaml', join(dir, 'real', 'c-link.yaml'));
    const r = await check(dir, 'named');
    expect(Object.keys(findings(r))).toEqual(['named/a.yaml', 'named/c-link.yaml']);
  });

  it('stops at --max-files (and maxFiles in the configuration): exit 2, one line, nothing checked', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`p/${i}.yaml`] = MINIMAL;
    const dir = folder(files);
    const over = await check(dir, 'p', '--max-files', '4');
    expect(over).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'adherence: more than 4 profile files under p: the limit (set --max-files or maxFiles to check more)\n',
    });
    expect((await check(dir, 'p', '--max-files', '5')).code).toBe(0);
    writeFileSync(join(dir, 'adherence.config.yaml'), 'maxFiles: 3\n');
    expect((await check(dir, 'p')).stderr).toBe(
      'adherence: more than 3 profile files under p: the limit (set --max-files or maxFiles to check more)\n',
    );
    // the limit holds for a glob as well, and a listing never grows past it
    expect((await check(dir, 'p/*.yaml')).code).toBe(2);
    expect(listProfileFiles([join(dir, 'p')], { maxFiles: 2 }).files).toHaveLength(2);
  });

  it('the default limit is 10 000 files', () => {
    const dir = folder();
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i <= 10_000; i++) writeFileSync(join(dir, 'many', `${i}.yaml`), '');
    const listed = listProfileFiles([join(dir, 'many')]);
    expect(listed.files).toHaveLength(10_000);
    expect(listed.errors).toEqual([
      `more than 10000 profile files under ${join(dir, 'many')}: the limit (set --max-files or maxFiles to check more)`,
    ]);
  });

  it('a folder that cannot be listed is a parse finding of that folder; the rest is checked (exit 1)', () => {
    const dir = folder({ 'ok.yaml': MINIMAL, 'locked/x.yaml': MINIMAL });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'locked'), 0o000);
    // Modes do not stop root: run the CLI as an unprivileged user then, so the folder is unreadable to it.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/adherence.js'), ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        ...asUser,
      });
    const r = cli('check', '.', '--format', 'json', ...ONE_RULE);
    // A review needs both sides whole: there the same folder stops the run (exit 2, one line).
    const review = cli('review', '.', '--against', '.');
    chmodSync(join(dir, 'locked'), 0o755);
    expect({ code: review.status, stderr: review.stderr }).toEqual({
      code: 2,
      stderr: 'adherence: locked: cannot list the folder: permission denied\n',
    });
    expect(r.stderr).toBe('');
    expect(findings({ code: r.status, stdout: r.stdout, stderr: r.stderr, ms: 0 })).toEqual({
      locked: [{ ruleId: 'parse', line: 1, column: 1, message: 'cannot list the folder: permission denied' }],
      'ok.yaml': [],
    });
    expect(r.status).toBe(1);
  });
});
