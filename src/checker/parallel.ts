// Large runs are checked on several threads: the main thread and worker threads. Each worker builds
// the same rule runner from the run's settings; all of them take batches of files from one list in
// turn, and the main thread puts each file's report back at its place in the list, so the report is
// the one a single thread makes, byte for byte. An error a worker meets is raised again in the main
// thread as the same AdherenceError (same message, same code), so a run fails the same way on one
// thread or several.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AdherenceError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { FileReport } from '../findings/index.js';

/**
 * From this many files `auto` checks on every idle core; below it one thread is as fast or faster.
 * Measured on 2 cores once each file cost little (the fast first reader): one thread was faster at 400,
 * 1,000 and 2,000 files, even at 4,000, and two were faster at 10,000 (README, Benchmark).
 */
export const PARALLEL_FROM = 5000;
// Files a batch: large enough that messages cost little, small enough that threads finish together.
const BATCH = 50;
// Batches a worker holds at a time: the next is there when it finishes one, while the main thread,
// which hands them out, is busy checking a batch of its own.
const AHEAD = 2;
// At most this many threads: past it, the one thread that writes the reports is the limit.
const MAX_THREADS = 8;

/** `auto` (every idle core for a large run) or a number of threads, the main thread among them. */
export type Workers = number | 'auto';

// The worker is the built one (dist/checker/worker.js) whether this module runs from dist/, from the
// bundle or from src/ (the tests): a worker thread cannot start from TypeScript.
const WORKER = join(packageRoot, 'dist', 'checker', 'worker.js');

/**
 * How many threads check a run of `files` files, the main thread among them (1: the main thread alone).
 * `auto` takes one thread a core (at most 8) from PARALLEL_FROM files, while the cores are idle (load
 * average below their number). A worker thread starts cold: its modules, rule set and a JIT warm-up
 * cost about a second of CPU, which idle cores absorb; on busy cores two threads were measured slower
 * than one at 200, 400 and 2,000 files (the README has the figures), so there `auto` keeps to one.
 */
export function threadsFor(workers: Workers | undefined, files: number, cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  if (!existsSync(WORKER)) return 1; // not built
  const batches = Math.ceil(files / BATCH);
  if (workers === undefined || workers === 'auto')
    return files >= PARALLEL_FROM && cores > 1 && load < cores ? Math.max(1, Math.min(cores, MAX_THREADS, batches)) : 1;
  // A number asked for is lowered to the cores (or 8, whichever is more): each thread holds its own rule
  // set, and `--workers 500` on a laptop would start 500 of them.
  return Math.max(1, Math.min(workers, Math.max(cores, MAX_THREADS), batches));
}

/** A file to check: the path to read and the name it is reported under. */
export interface Job {
  path: string;
  name: string;
}

export type Request = { batch: number; jobs: Job[] } | { done: true };
export type Reply =
  | { ready: true }
  | { batch: number; reports: FileReport[] }
  | { failed: { message: string; code?: string; adherence: boolean; stack?: string } };

/** The worker's error as the main thread raises it. */
function raised(f: Extract<Reply, { failed: unknown }>['failed']): Error {
  const err = f.adherence ? new AdherenceError(f.message, f.code ?? 'INTERNAL') : new Error(f.message);
  if (f.stack) err.stack = f.stack;
  return err;
}

/**
 * Checks `jobs` on `threads` threads: this one, with `check`, and `threads - 1` workers started with
 * `setup` (the worker's data: what it needs to build the same rule runner). Each report goes to `sink`
 * in the order of `jobs`. A batch that comes back early waits for those before it; while a few batches
 * wait, a thread asking for more is kept waiting too, so what is held does not grow with the run when
 * one batch is slow.
 */
export async function checkInThreads(
  jobs: Job[],
  threads: number,
  setup: unknown,
  check: (path: string, name: string) => Promise<FileReport>,
  sink: (report: FileReport) => void,
): Promise<void> {
  const early = new Map<number, FileReport[]>();
  const held = threads * 2; // batches waiting for one before them
  let emitted = 0; // jobs given to sink
  let next = 0; // jobs handed out
  const idle: (() => void)[] = [];
  const workers: Worker[] = [];
  let error: Error | undefined;
  let exited: () => void = () => {};
  const allExited = new Promise<void>((resolve) => {
    exited = resolve;
  });
  // The first error ends the run: every thread stops taking batches, and nothing more is awaited.
  const fail = (err: Error) => {
    if (error) return;
    error = err;
    for (const go of idle.splice(0)) go();
    exited();
  };
  const take = (): { batch: number; jobs: Job[] } | undefined => {
    if (error || next >= jobs.length) return undefined;
    const batch = next;
    next = Math.min(next + BATCH, jobs.length);
    return { batch, jobs: jobs.slice(batch, next) };
  };
  const put = (batch: number, reports: FileReport[]) => {
    early.set(batch, reports);
    for (let r = early.get(emitted); r; r = early.get(emitted)) {
      early.delete(emitted);
      emitted += r.length;
      try {
        for (const report of r) sink(report);
      } catch (err) {
        return fail(err as Error);
      }
    }
    while (idle.length && early.size < held) idle.shift()!();
  };
  // This thread's share: a batch at a time, letting the workers' messages in after each file (a
  // worker that finished its batches waits for this thread to hand it more).
  const own = async () => {
    for (;;) {
      while (!error && early.size >= held) await new Promise<void>((go) => idle.push(go));
      const b = take();
      if (!b) return;
      const reports: FileReport[] = [];
      for (const job of b.jobs) {
        reports.push(await check(job.path, job.name));
        await new Promise((go) => setImmediate(go));
        if (error) return;
      }
      put(b.batch, reports);
    }
  };
  try {
    let running = threads - 1;
    if (running === 0) exited();
    for (let i = 0; i < threads - 1; i++) {
      const worker = new Worker(WORKER, { workerData: setup });
      workers.push(worker);
      let out = 0; // batches the worker holds
      let ended = false;
      const send = () => {
        while (!ended && out < AHEAD) {
          if (!error && early.size >= held) return void idle.push(send);
          const b = take();
          if (!b) {
            ended = true;
            return worker.postMessage({ done: true } satisfies Request);
          }
          out++;
          worker.postMessage(b satisfies Request);
        }
      };
      worker.on('message', (m: Reply) => {
        if ('failed' in m) return fail(raised(m.failed));
        if ('reports' in m) {
          out--;
          put(m.batch, m.reports);
        }
        send();
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a worker thread stopped with exit code ${code}`));
        if (--running === 0) exited();
      });
    }
    await Promise.all([allExited, own().catch((err: Error) => fail(err))]);
    if (error) throw error;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
