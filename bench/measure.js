// One timed run of a whole process: wall time and the peak RSS of that process itself.
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss of the child it waits
// for) when it is there; else from a hook preloaded into the node process that writes its own
// process.resourceUsage().maxRSS on exit. Either way it is the measured process, not a wrapper.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
// ADHERENCE_BENCH_RSS_HOOK=1 uses the hook even where GNU time exists (the test runs both ways).
const gnu = !process.env.ADHERENCE_BENCH_RSS_HOOK && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
export const rssMethod = gnu ? 'GNU time (%M)' : 'exit hook (process.resourceUsage().maxRSS)';
const hook = pathToFileURL(join(import.meta.dirname, 'rss-hook.js')).href;
const scratch = mkdtempSync(join(tmpdir(), 'adherence-bench-rss-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

/**
 * Runs `node ...args` in `cwd`; stdout is discarded unless `keep`. Exit codes other than `ok` throw.
 * Returns { ms, maxRssMB, stdout }.
 */
export function timedNode(args, { cwd, ok = [0], keep = false, timeoutMs = 60 * 60 * 1000 } = {}) {
  const rssFile = join(scratch, `rss-${n++}`);
  const [cmd, argv] = gnu
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', hook, ...args]];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd,
    env: { ...process.env, ADHERENCE_BENCH_RSS: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', keep ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: timeoutMs,
  });
  const ms = performance.now() - t0;
  if (r.error) throw new Error(`node ${args.join(' ')}: ${r.error.message}`);
  if (!ok.includes(r.status)) throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-2000)}`);
  // Peak RSS in KiB, then user and system CPU seconds: on a shared machine the CPU time is the figure
  // that load does not inflate, and with worker threads it shows what the speed-up costs.
  const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ms, maxRssMB: Math.round(kb / 1024), cpuMs: Math.round((user + sys) * 1000), stdout: r.stdout ?? '' };
}
