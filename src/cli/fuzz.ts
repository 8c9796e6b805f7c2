// adherence fuzz: the property-based tests of the rule set, at scale, outside the test suite.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join, resolve, relative, sep } from 'node:path';
import { schemasDir } from '../paths.js';
import { mkdirSync } from 'node:fs';
import { writeSafely } from '../report/write.js';
import { HELP, DEBUG, RULES_DIR } from './args.js';
import { parseOptions, oneOf, wholeNumber, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { PROPERTIES } from '../testing/properties.js';
import { GENERATABLE_RULES } from '../testing/violations.js';
import { runJob, type FuzzJob, type FuzzResult } from '../testing/run.js';
import { checkerFor } from '../testing/checker.js';
import { revive } from '../errors.js';

const NAMES = Object.keys(PROPERTIES);

export const OPTIONS = {
  runs: { value: 'N', parse: atLeastOne, help: 'runs in all, shared among the properties run (default 1000; at least one a property)' },
  seed: { value: 'S', parse: seedOption, help: "seed of the first property's generator (default: random; printed)" },
  property: { value: 'NAME', parse: oneOf(NAMES), help: `run only this property (${NAMES.map((n) => `\`${n}\``).join(', ')})` },
  rule: { value: 'ID', help: '`violating`: break only this rule' },
  path: { value: 'P', help: 'with --seed: replay one failure (the path a failed run prints)' },
  workers: { value: 'N', parse: atLeastOne, help: 'worker threads (default: one per core, up to 2, from 2000 runs a property)' },
  ...RULES_DIR,
  out: { value: 'DIR', help: 'folder for counterexample files (default: the working folder)' },
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

function atLeastOne(raw: string, flag: string): number {
  const n = wholeNumber(raw, flag);
  if (n < 1) throw new UsageError(`${flag} takes 1 or more, not ${raw}`);
  return n;
}

function seedOption(raw: string, flag: string): number {
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`${flag} takes a whole number, not "${raw}"`);
  return Number(raw);
}

export const HELP_TEXT = `Usage: adherence fuzz [options]

Runs the property-based tests of the rule set on generated profiles:
${Object.values(PROPERTIES)
  .map((p) => `  ${p.name.padEnd(11)} ${p.summary}`)
  .join('\n')}

Options:
${optionsHelp(OPTIONS)}

A failed property writes its shrunk counterexample (a profile as YAML, or the input bytes) and prints
the seed and path to replay it. A progress bar is shown on a terminal only (not when CI is set).

Exit codes: 0 every property held; 1 a property failed; 2 usage error or invalid rule set.
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(OPTIONS, argv, false);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  const seed = values.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (values.path && (values.seed === undefined || !values.property))
    throw new UsageError('--path replays one failure: give it with --seed and --property');
  // The same rule set as `check` builds from these options: the bundled rules plus each folder's.
  const rules = {
    ...(values['rules-dir']?.length ? { dirs: values['rules-dir'].map((d) => resolve(d)) } : {}),
    ...(values['no-bundled-rules'] ? { bundled: false } : {}),
  };
  const ruleIds = checkerFor(rules).set.rules.map((r) => r.id);
  if (values.rule && !GENERATABLE_RULES.includes(values.rule))
    throw new UsageError(`no generator for rule "${values.rule}" (generatable: ${GENERATABLE_RULES.join(', ')})`);
  if (values.rule && !ruleIds.includes(values.rule)) throw new UsageError(`rule "${values.rule}" is not in the rule set`);
  const names = values.property ? [values.property] : values.rule ? ['violating'] : NAMES;
  // Every property run gets at least one run; --runs 3 for five properties is a usage error, not 5 runs.
  const runs = values.runs ?? 1000;
  if (runs < names.length)
    throw new UsageError(
      `--runs ${runs} is fewer than the ${names.length} properties run: give at least ${names.length}, or --property NAME`,
    );
  const perProperty = Math.floor(runs / names.length);
  const cores = Math.min(2, availableParallelism());
  // More threads than cores only add memory and contention: --workers 10000 must not start 10000.
  const workers =
    values.workers !== undefined ? Math.min(values.workers, availableParallelism()) : perProperty >= 2000 && !values.path ? cores : 1;
  if (values.workers !== undefined && values.workers > workers)
    process.stderr.write(`adherence: --workers ${values.workers} capped at ${workers}, the cores available\n`);

  const bar = progressBar(names.length * perProperty);
  const t0 = Date.now();
  let total = 0;
  let failed: FuzzResult | undefined;
  for (const [k, property] of names.entries()) {
    const job: FuzzJob = {
      property,
      runs: perProperty,
      seed: seed + k,
      ...(values.path ? { path: values.path } : {}),
      ...(values.rule ? { rule: values.rule } : {}),
      ...rules,
    };
    const results = workers > 1 ? await inWorkers(job, workers, bar.tick) : [await runJob(job, bar.tick)];
    for (const r of results) total += r.runs;
    failed = results.find((r) => r.failed);
    bar.done();
    const ms = Math.max(...results.map((r) => r.ms));
    if (failed) break;
    const held = results.reduce((a, r) => a + r.runs, 0);
    process.stdout.write(`✔ ${property}: ${held} run${held === 1 ? '' : 's'} held (seed ${job.seed}, ${ms} ms)\n`);
  }
  const secs = (Date.now() - t0) / 1000;
  if (failed) {
    const out = resolve(values.out ?? '.');
    mkdirSync(out, { recursive: true });
    const file = join(out, `fuzz-${failed.property}-${failed.seed}.${failed.counterexample!.ext}`);
    const { ext, content } = failed.counterexample!;
    // A profile names the bundled schema relative to where it is written, so an editor finds it.
    const schemaRef = relative(out, join(schemasDir, 'profile.schema.json')).split(sep).join('/');
    writeSafely(file, ext === 'yaml' ? `# yaml-language-server: $schema=${schemaRef}\n${String(content)}` : content);
    const replay = [
      'adherence fuzz',
      `--property ${failed.property}`,
      `--seed ${failed.seed}`,
      `--path "${failed.path}"`,
      values.rule ? `--rule ${values.rule}` : '',
      ...(values['rules-dir'] ?? []).map((d) => `--rules-dir ${d}`),
      values['no-bundled-rules'] ? '--no-bundled-rules' : '',
    ]
      .filter(Boolean)
      .join(' ');
    process.stdout.write(
      `✖ ${failed.property} failed after ${failed.runs} runs (${failed.shrinks} shrinks), seed ${failed.seed}, path ${failed.path}\n` +
        `${indent(failed.message ?? '')}\n  counterexample: ${file}\n  replay: ${replay}\n`,
    );
    return EXIT.findings;
  }
  process.stdout.write(
    `${total} runs in ${secs.toFixed(1)} s (${Math.round(total / secs)} runs/s, ${workers} worker${workers > 1 ? 's' : ''})\n`,
  );
  return EXIT.ok;
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

/** Splits a job over worker threads (seed, seed+1000, …); the first failure stops the others. */
function inWorkers(job: FuzzJob, n: number, tick: (k?: number) => void): Promise<FuzzResult[]> {
  const share = Math.ceil(job.runs / n);
  const threads: Worker[] = [];
  const results: FuzzResult[] = [];
  return new Promise((resolveAll, reject) => {
    for (let k = 0; k < n; k++) {
      const w = new Worker(new URL('../testing/worker.js', import.meta.url), {
        workerData: { ...job, runs: Math.min(share, job.runs - k * share), seed: job.seed + 1000 * k },
      });
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
