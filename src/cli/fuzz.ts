// adherence fuzz: the property-based tests of the rule set, at scale, outside the test suite.
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { writeSafely } from '../report/write.js';
import { HELP_OPTION, positiveInt } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { PROPERTIES } from '../testing/properties.js';
import { GENERATABLE_RULES } from '../testing/violations.js';
import { runJob, type FuzzJob, type FuzzResult } from '../testing/run.js';
import { checkerFor } from '../testing/checker.js';
import { revive } from '../errors.js';

const NAMES = Object.keys(PROPERTIES);

export const HELP = `Usage: adherence fuzz [options]

Runs the property-based tests of the rule set on generated profiles:
${Object.values(PROPERTIES)
  .map((p) => `  ${p.name.padEnd(11)} ${p.summary}`)
  .join('\n')}

Options:
      --runs N          runs in all, shared among the properties run (default 1000)
      --seed S          seed of the first property's generator (default: random; printed)
      --property NAME   run only this property (${NAMES.join(', ')})
      --rule ID         violating: break only this rule
      --path P          with --seed: replay one failure (the path a failed run prints)
      --workers N       worker threads (at most one per core; default: up to 2, from 2000 runs a property)
      --rules-dir DIR   check against the rules in DIR instead of the bundled rules/
      --out DIR         folder for counterexample files (default: the working folder)
  -h, --help            this text

A failed property writes its shrunk counterexample (a profile as YAML, or the input bytes) and prints
the seed and path to replay it. A progress bar is shown on a terminal only (not when CI is set).

Exit codes: 0 every property held; 1 a property failed; 2 usage error or invalid rule set.
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, allowPositionals: false, strict: true, options: {
    ...HELP_OPTION,
    runs: { type: 'string' },
    seed: { type: 'string' },
    property: { type: 'string' },
    rule: { type: 'string' },
    path: { type: 'string' },
    workers: { type: 'string' },
    'rules-dir': { type: 'string' },
    out: { type: 'string' },
  } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const runs = positiveInt('--runs', values.runs) ?? 1000;
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed takes a whole number, not "${values.seed}"`);
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  if (values.property && !NAMES.includes(values.property)) throw new UsageError(`unknown property "${values.property}" (properties: ${NAMES.join(', ')})`);
  if (values.path && (values.seed === undefined || !values.property)) throw new UsageError('--path replays one failure: give it with --seed and --property');
  const rulesDir = values['rules-dir'] ? resolve(values['rules-dir']) : undefined;
  const ruleIds = checkerFor(rulesDir).set.rules.map((r) => r.id);
  if (values.rule && !GENERATABLE_RULES.includes(values.rule)) throw new UsageError(`no generator for rule "${values.rule}" (generatable: ${GENERATABLE_RULES.join(', ')})`);
  if (values.rule && !ruleIds.includes(values.rule)) throw new UsageError(`rule "${values.rule}" is not in the rule set`);
  const names = values.property ? [values.property] : values.rule ? ['violating'] : NAMES;
  const perProperty = Math.max(1, Math.floor(runs / names.length));
  const cores = Math.min(2, availableParallelism());
  const asked = positiveInt('--workers', values.workers);
  if (asked !== undefined && asked < 1) throw new UsageError('--workers takes 1 or more');
  // More threads than cores only add memory and contention: --workers 10000 must not start 10000.
  const workers = asked !== undefined ? Math.min(asked, availableParallelism()) : perProperty >= 2000 && !values.path ? cores : 1;
  if (asked !== undefined && asked > workers) process.stderr.write(`adherence: --workers ${asked} capped at ${workers}, the cores available\n`);

  const bar = progressBar(names.length * perProperty);
  const t0 = Date.now();
  let total = 0;
  let failed: FuzzResult | undefined;
  for (const [k, property] of names.entries()) {
    const job: FuzzJob = { property, runs: perProperty, seed: seed + k, ...(values.path ? { path: values.path } : {}), ...(values.rule ? { rule: values.rule } : {}), ...(rulesDir ? { rulesDir } : {}) };
    const results = workers > 1 ? await inWorkers(job, workers, bar.tick) : [await runJob(job, bar.tick)];
    for (const r of results) total += r.runs;
    failed = results.find((r) => r.failed);
    bar.done();
    const ms = Math.max(...results.map((r) => r.ms));
    if (failed) break;
    process.stdout.write(`✔ ${property}: ${results.reduce((a, r) => a + r.runs, 0)} runs held (seed ${job.seed}, ${ms} ms)\n`);
  }
  const secs = (Date.now() - t0) / 1000;
  if (failed) {
    const out = resolve(values.out ?? '.');
    mkdirSync(out, { recursive: true });
    const file = join(out, `fuzz-${failed.property}-${failed.seed}.${failed.counterexample!.ext}`);
    writeSafely(file, failed.counterexample!.content);
    const replay = ['adherence fuzz', `--property ${failed.property}`, `--seed ${failed.seed}`, `--path "${failed.path}"`, values.rule ? `--rule ${values.rule}` : '', rulesDir ? `--rules-dir ${values['rules-dir']}` : ''].filter(Boolean).join(' ');
    process.stdout.write(
      `✖ ${failed.property} failed after ${failed.runs} runs (${failed.shrinks} shrinks), seed ${failed.seed}, path ${failed.path}\n` +
        `${indent(failed.message ?? '')}\n  counterexample: ${file}\n  replay: ${replay}\n`,
    );
    return EXIT.findings;
  }
  process.stdout.write(`${total} runs in ${secs.toFixed(1)} s (${Math.round(total / secs)} runs/s, ${workers} worker${workers > 1 ? 's' : ''})\n`);
  return EXIT.ok;
}

const indent = (s: string) => s.split('\n').map((l) => `  ${l}`).join('\n');

/** Splits a job over worker threads (seed, seed+1000, …); the first failure stops the others. */
function inWorkers(job: FuzzJob, n: number, tick: (k?: number) => void): Promise<FuzzResult[]> {
  const share = Math.ceil(job.runs / n);
  const threads: Worker[] = [];
  const results: FuzzResult[] = [];
  return new Promise((resolveAll, reject) => {
    for (let k = 0; k < n; k++) {
      const w = new Worker(new URL('../testing/worker.js', import.meta.url), { workerData: { ...job, runs: Math.min(share, job.runs - k * share), seed: job.seed + 1000 * k } });
      threads.push(w);
      w.on('message', (m: { progress: number; result?: FuzzResult }) => {
        tick(m.progress);
        if (!m.result) return;
        results.push(m.result);
        if (m.result.failed) for (const t of threads) if (t !== w) void t.terminate();
        if (results.length === n || m.result.failed) resolveAll(results);
      });
      w.on('error', (err) => reject(revive(err)));
    }
  });
}

/** A progress bar on a terminal's standard error; nothing in CI logs or pipes. */
function progressBar(total: number): { tick: (k?: number) => void; done: () => void } {
  const on = !!process.stderr.isTTY && !process.env.CI;
  let n = 0;
  let last = 0;
  const t0 = Date.now();
  const draw = () => {
    const width = 30;
    const f = Math.min(1, n / total);
    const rate = Math.round(n / Math.max(0.001, (Date.now() - t0) / 1000));
    process.stderr.write(`\r[${'#'.repeat(Math.round(f * width)).padEnd(width, '.')}] ${n}/${total} ${rate} runs/s `);
  };
  return {
    tick: (k = 1) => {
      n += k;
      if (on && Date.now() - last > 100) {
        last = Date.now();
        draw();
      }
    },
    done: () => {
      if (on) process.stderr.write('\r\x1b[K');
    },
  };
}
