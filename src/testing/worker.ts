// A worker thread of `adherence fuzz`: runs one job and reports progress (every 25 runs) and its result.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type FuzzJob } from './run.js';

let pending = 0;
const result = await runJob(workerData as FuzzJob, () => {
  if (++pending === 25) {
    parentPort!.postMessage({ progress: pending });
    pending = 0;
  }
});
parentPort!.postMessage({ progress: pending, result });
