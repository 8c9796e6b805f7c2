import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

export const root = join(import.meta.dirname, '..');
export const seedPath = join(root, 'rules/examples/kazakhstan-profile.txt');
export const seedText = () => readFileSync(seedPath, 'utf8');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would. */
export function cli(args: string[], input?: string | Buffer, cwd = root): CliResult {
  const r = spawnSync(process.execPath, [join(root, 'bin/adherence.js'), ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
