// Shared by the hostile-input tests: the built CLI run asynchronously (so cases run side by side),
// a fresh temporary folder per case, and the report's findings in a form tests compare exactly.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { root } from '../helpers.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `adherence …` from `cwd` (a temp folder: no configuration or waivers of the repo apply). */
export function run(args: string[], cwd: string, input?: string | Buffer, env: Record<string, string> = {}): Promise<Run> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin/adherence.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - t0 }));
    // The CLI reads standard input only up to its size limit and may exit before taking all of it.
    child.stdin.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? undefined : fail(err)));
    child.stdin.end(input);
  });
}

/** A new temporary folder holding `files` (path → content). */
export function folder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'adh-hostile-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export interface Brief {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}

/** Findings of each file of a JSON report, reduced to what the cases assert. */
export function findings(r: Run): Record<string, Brief[]> {
  const report = JSON.parse(r.stdout) as { files: { file: string; findings: Brief[] }[] };
  return Object.fromEntries(
    report.files.map((f) => [f.file, f.findings.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }))]),
  );
}

/** A profile that passes the schema and the one rule the cases run (`--rule opcw-requires-cwc`). */
export const MINIMAL = 'profile: 1\nstate: {name: Kazakhstan}\nentries:\n  - {instrument: cwc, status: State Party}\n';

/** One rule is enough to show the pipeline ran; more rules would make exact outcomes drift. */
export const ONE_RULE = ['--rule', 'opcw-requires-cwc'];

/** A stack trace ("    at fn (file:line)") on stderr: never without --debug. */
export const STACK = /^\s+at .+[:(]/m;

/** Runs `adherence …` with standard input redirected from a file (`adherence - < file`), not a pipe. */
export function runFrom(args: string[], cwd: string, stdinFile: string): Promise<Run> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const fd = openSync(stdinFile, 'r');
    const child = spawn(process.execPath, [join(root, 'bin/adherence.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: [fd, 'pipe', 'pipe'],
    });
    closeSync(fd);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

/** A named pipe (FIFO) at `path`: reading it with no writer would block for ever. */
export function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}
