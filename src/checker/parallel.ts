// Large runs are checked on worker threads: each worker builds the same rule runner from the run's
// settings and checks batches of files; the main thread lists the files, hands out batches as workers
// ask, and puts each file's report back at its place in the list, so the report is the one a single
// thread makes, byte for byte. An error a worker meets is raised again in the main thread as the same
// AdherenceError (same message, same code), so a run fails the same way on one thread or several.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AdherenceError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { FileReport } from '../findings/index.js';

/** Below this many files one thread is faster: starting a worker costs about what checking 150 files does. */
export const PARALLEL_FROM = 400;
// Files a batch: large enough that messages cost little, small enough that workers finish together.
const BATCH = 50;

/** `auto` (threads when the run is large and the machine has cores to spare) or a number of threads. */
export type Workers = number | 'auto';

// The worker is the built one (dist/checker/worker.js) whether this module runs from dist/, from the
// bundle or from src/ (the tests): a worker thread cannot start from TypeScript.
const WORKER = join(packageRoot, 'dist', 'checker', 'worker.js');

/**
 * How many worker threads a run of `files` files gets: 0 means the main thread checks them itself.
 * `auto` uses the cores only while they are idle: two workers cost about a fifth more CPU time in all
 * (each starts its own rule set; reports are copied back), which pays on idle cores and is a loss on
 * a machine whose cores are already busy (load average at or above their number).
 */
export function workerCount(workers: Workers | undefined, files: number, cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  if (!existsSync(WORKER)) return 0; // not built
  if (workers === undefined || workers === 'auto') return files >= PARALLEL_FROM && cores > 1 && load < cores ? Math.min(cores, 8) : 0;
  return workers > 1 ? Math.min(workers, Math.ceil(files / BATCH)) : 0;
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
 * Checks `jobs` on `count` worker threads started with `setup` (the worker's data: what it needs to
 * build the rule runner); the reports come back in the order of `jobs`.
 */
export async function checkInWorkers(jobs: Job[], count: number, setup: unknown): Promise<FileReport[]> {
  const reports: FileReport[] = new Array(jobs.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = count;
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        reject(err);
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(WORKER, { workerData: setup });
        workers.push(worker);
        const send = () => {
          if (failed || next >= jobs.length) return worker.postMessage({ done: true } satisfies Request);
          const batch = next;
          next = Math.min(next + BATCH, jobs.length);
          worker.postMessage({ batch, jobs: jobs.slice(batch, next) } satisfies Request);
        };
        worker.on('message', (m: Reply) => {
          if ('failed' in m) return fail(raised(m.failed));
          if ('reports' in m) m.reports.forEach((r, k) => (reports[m.batch + k] = r));
          send();
        });
        worker.on('error', (err) => fail(err));
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a worker thread stopped with exit code ${code}`));
          if (--running === 0) resolve();
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return reports;
}
