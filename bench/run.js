// `npm run bench`: what users run, against floors that share nothing with it but the input.
//   1. The CLI as a whole process (`check DIR -f json -o FILE`, and the default stylish) against the
//      floor of one plain node process reading and parseDocument-ing the same files (floor.js), on
//      folders of generated profiles written once to a scratch folder (corpus.js), removed after.
//      Peak RSS of the CLI process itself (measure.js).
//   2. The in-process path against a hand-written parse + check of five rules (inprocess.js).
//   3. Cold start: `adherence check one.yaml` against `node -e 0`.
//   4. Spectral on the same five rules, as the peer: with --peer, measured in the rounds of 1 (its
//      process against `check` and `check` with the five rules), from its own install in bench/peer/;
//      else the ratio recorded in issue 16.
// In each round the commands run one after another in a rotating order, and each ratio is the median
// of the rounds' ratios, so a drift in the shared machine's speed hits both sides of a ratio.
// Progress on stderr; a table on stdout; every figure in bench/results/latest.json (or --out FILE).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeSafely } from '../dist/index.js';
import { writeCorpus } from './corpus.js';
import { timedNode, rssMethod } from './measure.js';
import { SOURCE } from './generate.js';
import { RULE_IDS } from './yardstick.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'bin/adherence.js');
const argv = process.argv.slice(2);
const arg = (name) => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round2 = (x) => +x.toFixed(2);
const say = (s) => process.stderr.write(`bench: ${s}\n`);
const roundsFor = (size) => Number(arg('--rounds') ?? (size <= 2000 ? 3 : size <= 10000 ? 2 : 1));

/** Spectral with five of our rules, measured when issue 16 was filed (2000 files, same machine kind). */
const SPECTRAL_RECORDED = {
  measured: false,
  files: 2000,
  timeRatio: 5.2,
  spectralRssMiB: 757,
  checkRssMiB: 239,
  why: 'recorded: run with --peer after installing it (cd bench/peer && npm ci --ignore-scripts)',
};

// The peer has an install of its own (bench/peer/package.json and its lock file), never the project's.
// (ADHERENCE_BENCH_PEER names another folder: the test shows what happens when it is not installed.)
const peer = argv.includes('--peer');
const peerDir = process.env.ADHERENCE_BENCH_PEER ?? join(root, 'bench/peer');
const PEER = join(peerDir, 'spectral.js');
if (peer && !existsSync(join(peerDir, 'node_modules/@stoplight/spectral-core')))
  throw new Error('--peer: Spectral is not installed; run: cd bench/peer && npm ci --ignore-scripts');

/** The CLI commands on one folder, against the floor, in interleaved rounds. */
function wholeProcess(corpus, rounds) {
  const out = join(corpus.dir, 'out');
  mkdirSync(out);
  const commands = {
    floor: () => [join(root, 'bench/floor.js'), corpus.profiles],
    checkJson: (r) => [cli, 'check', corpus.profiles, '-f', 'json', '-o', join(out, `report-${r}.json`)],
    checkStylish: () => [cli, 'check', corpus.profiles],
    ...(peer && {
      spectral: () => [PEER, corpus.profiles],
      checkFive: (r) => [
        cli,
        'check',
        corpus.profiles,
        ...RULE_IDS.flatMap((id) => ['--rule', id]),
        '-f',
        'json',
        '-o',
        join(out, `five-${r}.json`),
      ],
    }),
  };
  const names = Object.keys(commands);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  say(`${corpus.files} files: warming the file cache (floor, untimed)`);
  timedNode(commands.floor(0), { cwd: corpus.dir });
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, k) => names[(k + r) % names.length]);
    for (const n of order) {
      say(`${corpus.files} files, round ${r + 1}/${rounds}: ${n}…`);
      // `check` exits 1 when it reports errors (one profile in ten has them); anything else is a failure.
      const run = timedNode(commands[n](r), {
        cwd: corpus.dir,
        ok: n === 'floor' || n === 'spectral' ? [0] : [0, 1],
        keep: n === 'floor' || n === 'spectral',
      });
      if (n === 'floor' && JSON.parse(run.stdout).files !== corpus.files)
        throw new Error(`floor read ${run.stdout.trim()}, expected ${corpus.files} files`);
      if (n === 'checkJson') {
        run.reportMB = round2(statSync(join(out, `report-${r}.json`)).size / 2 ** 20);
        rmSync(join(out, `report-${r}.json`));
      }
      if (n === 'checkFive') {
        const { summary } = JSON.parse(readFileSync(join(out, `five-${r}.json`), 'utf8'));
        run.findings = summary.error + summary.warning + summary.info;
        rmSync(join(out, `five-${r}.json`));
      }
      if (n === 'spectral') run.findings = JSON.parse(run.stdout).findings;
      say(
        `${corpus.files} files, round ${r + 1}/${rounds}: ${n} ${Math.round(run.ms)} ms, peak RSS ${run.maxRssMB} MB${run.reportMB === undefined ? '' : `, report ${run.reportMB} MB`}`,
      );
      runs[n].push(run);
    }
  }
  const fig = (n) => ({
    medianMs: Math.round(median(runs[n].map((x) => x.ms))),
    roundsMs: runs[n].map((x) => Math.round(x.ms)),
    maxRssMB: Math.max(...runs[n].map((x) => x.maxRssMB)),
    cpuMs: Math.round(median(runs[n].map((x) => x.cpuMs))),
  });
  const ratio = (n, to = 'floor') => round2(median(runs[n].map((x, r) => x.ms / runs[to][r].ms)));
  const figures = {
    floor: fig('floor'),
    checkJson: { ...fig('checkJson'), reportMB: runs.checkJson[0].reportMB, ratioToFloor: ratio('checkJson') },
    checkStylish: { ...fig('checkStylish'), ratioToFloor: ratio('checkStylish') },
  };
  if (!peer) return figures;
  // Both must find the same: the peer's time means nothing if it does less.
  const found = new Set([...runs.spectral, ...runs.checkFive].map((x) => x.findings));
  if (found.size !== 1) throw new Error(`Spectral and check --rule (the five rules) disagree: ${[...found].join(' vs ')} findings`);
  return {
    ...figures,
    checkFive: fig('checkFive'),
    spectral: {
      ...fig('spectral'),
      findings: runs.spectral[0].findings,
      ratioToCheckJson: ratio('spectral', 'checkJson'),
      ratioToCheckFive: ratio('spectral', 'checkFive'),
      cpuRatioToCheckJson: round2(median(runs.spectral.map((x, r) => x.cpuMs / runs.checkJson[r].cpuMs))),
      cpuRatioToCheckFive: round2(median(runs.spectral.map((x, r) => x.cpuMs / runs.checkFive[r].cpuMs))),
    },
  };
}

/** The in-process path against the hand-written yardstick, in a process of its own. */
function inProcess(corpus, rounds) {
  say(`${corpus.files} files: in process, ${rounds} round(s)…`);
  const r = spawnSync(process.execPath, [join(root, 'bench/inprocess.js'), corpus.profiles, '--rounds', String(rounds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench/inprocess.js exited with ${r.status ?? r.signal}`);
  const x = JSON.parse(r.stdout.trim().split('\n').pop());
  if (x.disagree) throw new Error(`the yardstick and check disagree on ${x.disagree} files, e.g. ${JSON.stringify(x.example)}`);
  return {
    rules: x.rules,
    findings: x.findings,
    disagree: x.disagree,
    pathMs: Math.round(median(x.pathMs)),
    yardstickMs: Math.round(median(x.yardstickMs)),
    roundsMs: { path: x.pathMs.map(Math.round), yardstick: x.yardstickMs.map(Math.round) },
    ratio: round2(median(x.pathMs.map((p, k) => p / x.yardstickMs[k]))),
  };
}

/** Interleaved pairs A B A B …; the ratio is the median of the pairs' ratios. */
function coldStart(pairs) {
  const once = (args) => {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    return performance.now() - t0;
  };
  const check = ['bin/adherence.js', 'check', 'profiles/kazakhstan.yaml'];
  once(['-e', '0']);
  once(check);
  const node = [];
  const ours = [];
  for (let i = 0; i < pairs; i++) {
    node.push(once(['-e', '0']));
    ours.push(once(check));
  }
  return {
    pairs,
    nodeMs: Math.round(median(node)),
    checkMs: Math.round(median(ours)),
    ratio: round2(median(ours.map((c, i) => c / node[i]))),
  };
}

function print(r) {
  const w = 58;
  const line = (label, f) => process.stdout.write(`${label.padEnd(w)}${r.sizes.map((s) => String(f(s)).padStart(14)).join('')}\n`);
  process.stdout.write(
    `\nadherence bench — ${r.date.slice(0, 10)}, Node ${r.node}, ${r.cpus} cores, ${r.memoryGB} GB; peak RSS by ${r.rssMethod}\nprofiles: ${r.source}, one in ten with a contradiction, written as ${r.format}\nload average (1 min) at start and end: ${r.load.start} / ${r.load.end}\n\n`,
  );
  if (r.sizes.length) {
    line('files', (s) => s.files);
    line(`floor: read + ${r.format === 'json' ? 'JSON.parse' : 'yaml parseDocument'}, ms`, (s) => s.wholeProcess.floor.medianMs);
    line('check -f json -o FILE, ms', (s) => s.wholeProcess.checkJson.medianMs);
    line('check (stylish), ms', (s) => s.wholeProcess.checkStylish.medianMs);
    line('ratio check -f json / floor (target ≤ 1.2 at 2k)', (s) => s.wholeProcess.checkJson.ratioToFloor);
    line('ratio check stylish / floor', (s) => s.wholeProcess.checkStylish.ratioToFloor);
    line('CPU s (user + system): floor', (s) => (s.wholeProcess.floor.cpuMs / 1000).toFixed(1));
    line(
      'CPU s: check -f json / stylish',
      (s) => `${(s.wholeProcess.checkJson.cpuMs / 1000).toFixed(1)} / ${(s.wholeProcess.checkStylish.cpuMs / 1000).toFixed(1)}`,
    );
    line('peak RSS MB: floor', (s) => s.wholeProcess.floor.maxRssMB);
    line('peak RSS MB: check -f json (target < 300 at 10k)', (s) => s.wholeProcess.checkJson.maxRssMB);
    line('peak RSS MB: check stylish', (s) => s.wholeProcess.checkStylish.maxRssMB);
    line('JSON report MB', (s) => s.wholeProcess.checkJson.reportMB);
    line('in process: path, five rules, ms', (s) => s.inProcess.pathMs);
    line('in process: hand-written yardstick, ms', (s) => s.inProcess.yardstickMs);
    line('ratio path / yardstick', (s) => s.inProcess.ratio);
    line('findings of the five rules (both agree)', (s) => s.inProcess.findings);
    line('rounds (medians of)', (s) => s.rounds);
  }
  const c = r.coldStart;
  if (c)
    process.stdout.write(
      `\ncold start, median of ${c.pairs} interleaved pairs: check one.yaml ${c.checkMs} ms, node -e 0 ${c.nodeMs} ms, ratio ${c.ratio} (target ≤ 2.3)\n`,
    );
  const s = r.spectral;
  if (s.measured)
    for (const m of s.sizes)
      process.stdout.write(
        `Spectral on five rules (measured, ${m.files} files, ${m.findings} findings as check's): ${m.ratioToCheckFive}× the time of check with the same five rules (CPU ${m.cpuRatioToCheckFive}×; peak RSS ${m.maxRssMB} vs ${m.checkFiveRssMB} MB), ${m.ratioToCheckJson}× check -f json with every rule (CPU ${m.cpuRatioToCheckJson}×; ${m.checkRssMB} MB)\n`,
      );
  else
    process.stdout.write(
      `Spectral on five rules (${s.why}): ${s.timeRatio}× check's time on ${s.files} files, ${s.spectralRssMiB} vs ${s.checkRssMiB} MiB\n`,
    );
}

const sizes = (arg('--sizes') ?? '2000,10000').split(',').filter(Boolean).map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`--sizes: whole numbers of files, comma-separated (got ${arg('--sizes')})`);
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(totalmem() / 2 ** 30),
  rssMethod,
  // How busy the machine was: wall-time ratios on a shared machine mean little without it.
  load: { start: round2(loadavg()[0]), end: undefined },
  source: SOURCE,
  // The profiles' files: YAML, or JSON (`--format json`, against a floor of read + JSON.parse).
  format: arg('--format') ?? 'yaml',
  sizes: [],
  coldStart: undefined,
  spectral: peer ? { measured: true, sizes: [] } : SPECTRAL_RECORDED,
};
if (results.format !== 'yaml' && results.format !== 'json') throw new Error(`--format: yaml or json (got ${results.format})`);
for (const size of sizes) {
  say(`${size} files: writing them to a scratch folder…`);
  const corpus = await writeCorpus(
    size,
    (done) => done < size && done % (size > 20000 ? 10000 : 1000) === 0 && say(`${size} files: ${done} written`),
    { format: results.format },
  );
  try {
    const rounds = roundsFor(size);
    const entry = { files: size, rounds, megabytes: round2(corpus.bytes / 2 ** 20) };
    entry.wholeProcess = wholeProcess(corpus, rounds);
    if (peer) {
      const { spectral, checkJson, checkFive } = entry.wholeProcess;
      results.spectral.sizes.push({ files: size, ...spectral, checkRssMB: checkJson.maxRssMB, checkFiveRssMB: checkFive.maxRssMB });
    }
    entry.inProcess = inProcess(corpus, rounds);
    results.sizes.push(entry);
  } finally {
    corpus.remove();
  }
}
const pairs = Number(arg('--cold') ?? 15);
if (pairs > 0) {
  say(`cold start, ${pairs} interleaved pairs…`);
  results.coldStart = coldStart(pairs);
}
if (argv.includes('--evaluators')) {
  say('evaluators side by side, 1000 profiles…');
  const r = spawnSync(
    process.execPath,
    [join(root, 'bench/evaluators.js'), '--size', '1000', ...(arg('--rounds') ? ['--rounds', arg('--rounds')] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`bench/evaluators.js exited with ${r.status ?? r.signal}`);
  results.evaluators = JSON.parse(r.stdout.trim().split('\n').pop());
}
results.load.end = round2(loadavg()[0]);
print(results);
const out = resolve(arg('--out') ?? join(root, 'bench/results/latest.json'));
mkdirSync(join(out, '..'), { recursive: true });
writeSafely(out, `${JSON.stringify(results, null, 2)}\n`, { backup: false });
process.stdout.write(`\nwritten: ${arg('--out') ?? 'bench/results/latest.json'}\n`);
