// A worker thread of a large run (./parallel.ts): builds the run's rule runner from its settings,
// then checks the batches of files it is sent, one after another, until it is told it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { AdherenceError } from '../errors.js';
import { Checker, type Settings } from './index.js';
import type { Reply, Request } from './parallel.js';

const port = parentPort!;
const post = (m: Reply) => port.postMessage(m);

try {
  // Waivers and the baseline are the main thread's: they apply to the whole report.
  const checker = await Checker.fromSettings({ ...(workerData as Settings), waivers: undefined, baseline: undefined });
  const check = checker.fileChecker();
  // The main thread sends the next batch before this one is done: batches wait their turn, so that
  // rule runs never overlap (json-rules-engine's must not).
  let queue = Promise.resolve();
  const handle = async (m: Request) => {
    if ('done' in m) return port.close();
    const reports = [];
    for (const job of m.jobs) reports.push(await check(job.path, job.name));
    post({ batch: m.batch, reports });
  };
  port.on('message', (m: Request) => {
    queue = queue.then(() => handle(m)).catch(fail);
  });
  post({ ready: true });
} catch (err) {
  fail(err);
}

function fail(err: unknown) {
  const e = err as Error;
  post({
    failed: {
      message: e?.message ?? String(err),
      adherence: err instanceof AdherenceError,
      ...(err instanceof AdherenceError ? { code: err.code } : {}),
      ...(e?.stack ? { stack: e.stack } : {}),
    },
  });
}
