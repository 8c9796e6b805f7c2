// One fuzzing job: a property, a number of runs, a seed. Shared by `adherence fuzz`, its worker
// threads and the test suite; the result names the counterexample and how to replay it.
import fc from 'fast-check';
import { propertyOf, type PropertyOptions } from './properties.js';
import { checkerFor } from './checker.js';

export interface FuzzJob {
  property: string;
  runs: number;
  seed: number;
  /** fast-check's replay path of a failure (with its seed). */
  path?: string;
  rule?: string;
  /** Rule folders added to the bundled rules (a rule with a bundled id replaces it), as `check --rules-dir`. */
  dirs?: string[];
  /** false: leave the bundled rules out (`--no-bundled-rules`). */
  bundled?: boolean;
  /** Stop after this many milliseconds (the runs done so far count). */
  timeLimit?: number;
}

export interface FuzzResult {
  property: string;
  runs: number;
  failed: boolean;
  interrupted: boolean;
  seed: number;
  path?: string;
  shrinks: number;
  message?: string;
  counterexample?: { ext: string; content: string | Uint8Array };
  ms: number;
}

export async function runJob(job: FuzzJob, onRun?: () => void): Promise<FuzzResult> {
  const def = propertyOf(job.property);
  const opts: PropertyOptions = {
    checker: checkerFor({ ...(job.dirs ? { dirs: job.dirs } : {}), ...(job.bundled === false ? { bundled: false } : {}) }),
    ...(job.rule ? { rule: job.rule } : {}),
  };
  let prop = def.property(opts);
  if (onRun) {
    prop = prop.beforeEach(async (previous) => {
      onRun();
      await previous();
    });
  }
  const t0 = Date.now();
  const d = await fc.check(prop, {
    numRuns: job.runs,
    seed: job.seed,
    ...(job.path ? { path: job.path } : {}),
    ...(job.timeLimit ? { interruptAfterTimeLimit: job.timeLimit, markInterruptAsFailure: false } : {}),
  });
  const res: FuzzResult = {
    property: job.property,
    runs: d.numRuns,
    failed: d.failed,
    interrupted: d.interrupted,
    seed: d.seed,
    shrinks: d.numShrinks,
    ms: Date.now() - t0,
  };
  if (d.failed && d.counterexample) {
    const err = d.errorInstance;
    res.message = err instanceof Error ? err.message : String(err);
    res.path = d.counterexamplePath ?? undefined;
    res.counterexample = def.save(d.counterexample[0]);
  }
  return res;
}
