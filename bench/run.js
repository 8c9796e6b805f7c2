// `npm run bench`: the check path against json-rules-engine, hand-written rules and ajv alone, on
// 1k, 10k and 100k generated profiles, plus the CLI's cold start. Each size runs in its own process
// (so its peak RSS is its own); profiles are made and dropped 1,000 at a time (bounded memory).
// Prints a table; writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..');
const arg = (name) => { const i = process.argv.indexOf(name); return i < 0 ? undefined : process.argv[i + 1]; };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const CHUNK = 1000;
const ROUNDS = { 1000: 5, 10000: 3, 100000: 1 };

const VARIANTS = {
  a: '(a) check end to end, compiled rules (parse, schema, facts, rules, findings)',
  aEngine: '(a′) check end to end, json-rules-engine (the path before)',
  c: '(c) same path, hand-written rules',
  d: '(d) ajv schema validation alone',
  b: '(b) json-rules-engine alone on the same facts',
  rulesCompiled: 'compiled rules alone on the same facts',
  rulesHand: 'hand-written rules alone on the same facts',
};

async function child(size, only) {
  const lib = await import('../dist/index.js');
  const { loadRuleSet, ruleRunner } = await import('../dist/engine/index.js');
  const { buildFacts } = await import('../dist/facts/index.js');
  const { HAND, handEvaluator } = await import('./hand.js');
  const { profiles, SOURCE } = await import('./generate.js');
  const catalog = lib.loadCatalog();
  const all = loadRuleSet({}, catalog).rules;
  const ids = all.map((r) => r.id).filter((id) => HAND[id]);
  const compiled = loadRuleSet({ only: ids }, catalog);
  const engine = loadRuleSet({ only: ids, evaluator: 'engine' }, catalog);
  const hand = { ...compiled, evaluator: handEvaluator(compiled.rules) };
  const runner = { a: ruleRunner(compiled), aEngine: ruleRunner(engine), c: ruleRunner(hand) };
  const names = only ? only.split(',') : Object.keys(VARIANTS);
  const rounds = Number(arg('--rounds') ?? ROUNDS[size] ?? 1);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  let disagree = 0;
  let findings = 0;
  for (let round = 0; round < rounds; round++) {
    const t = Object.fromEntries(names.map((n) => [n, 0]));
    for (let from = 0; from < size; from += CHUNK) {
      const ps = await profiles(from, Math.min(CHUNK, size - from));
      const texts = ps.map((p) => lib.toYaml(p));
      const facts = names.some((n) => n === 'b' || n.startsWith('rules')) ? ps.map((p) => buildFacts(p, catalog)) : [];
      for (const n of round % 2 ? [...names].reverse() : names) {
        const t0 = performance.now();
        if (n in runner) {
          for (const text of texts) findings += (await lib.checkLoaded(lib.loadText(text, 'p.yaml', catalog), 'p.yaml', { rules: runner[n] })).findings.length;
        } else if (n === 'd') {
          for (const p of ps) lib.validateProfile(p);
        } else if (n === 'b') {
          for (const f of facts) await engine.evaluator.run(f);
        } else if (n === 'rulesCompiled') {
          for (const f of facts) compiled.evaluator.runSync(f);
        } else if (n === 'rulesHand') {
          for (const f of facts) hand.evaluator.runSync(f);
        }
        t[n] += performance.now() - t0;
      }
      if (round === 0 && names.includes('b')) {
        // The yardstick must say the same as the rules: compare hits, document by document.
        const key = (hs) => hs.map((h) => `${h.rule.id}:${JSON.stringify(h.facts[h.rule.scope]?.pointer ?? '')}`).sort().join();
        for (const f of facts) {
          const c = key(compiled.evaluator.runSync(f));
          if (c !== key(hand.evaluator.runSync(f)) || c !== key(await engine.evaluator.run(f))) disagree++;
        }
      }
    }
    for (const n of names) times[n].push(t[n]);
  }
  const ru = process.resourceUsage();
  const out = { size, rounds, source: SOURCE, rules: ids.length, rulesLeftOut: all.map((r) => r.id).filter((id) => !HAND[id]), disagree, maxRssMB: Math.round(ru.maxRSS / 1024), variants: {} };
  for (const n of names) {
    const ms = median(times[n]);
    out.variants[n] = { medianMs: Math.round(ms), perSecond: Math.round(size / (ms / 1000)), usPerProfile: +((ms * 1000) / size).toFixed(1), roundsMs: times[n].map(Math.round) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function coldStart(runs = 15) {
  // Interleaved A B A B …, so a drift in the machine's speed hits both; the ratio is the median of pairs.
  const once = (args) => {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    return performance.now() - t0;
  };
  once(['-e', '0']);
  once(['bin/adherence.js', 'check', 'profiles/kazakhstan.yaml']);
  const node = [];
  const check = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    node.push(once(['-e', '0']));
    check.push(once(['bin/adherence.js', 'check', 'profiles/kazakhstan.yaml']));
    ratios.push(check[i] / node[i]);
  }
  return { nodeMs: Math.round(median(node)), checkMs: Math.round(median(check)), ratio: +median(ratios).toFixed(2), runs };
}

async function parent() {
  const sizes = (arg('--sizes') ?? '1000,10000,100000').split(',').filter(Boolean).map(Number);
  const results = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, sizes: [] };
  for (const size of sizes) {
    process.stderr.write(`bench: ${size} profiles…\n`);
    const run = (extra) => {
      const r = spawnSync(process.execPath, ['--max-old-space-size=4096', import.meta.filename, '--size', String(size), ...extra], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`bench child for ${size} failed:\n${r.stderr}`);
      return JSON.parse(r.stdout.trim().split('\n').pop());
    };
    const all = run([]);
    // The check path alone, in a process of its own: its peak memory is what a user's 100k run takes.
    all.checkOnlyMaxRssMB = run(['--only', 'a', '--rounds', '1']).maxRssMB;
    results.sizes.push(all);
  }
  process.stderr.write('bench: cold start…\n');
  results.coldStart = coldStart();
  print(results);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('\nwritten: bench/results/latest.json\n');
}

function print(r) {
  const s0 = r.sizes[0];
  if (!s0) return printColdStart(r.coldStart);
  process.stdout.write(`adherence bench — Node ${r.node}, ${r.cpus} cores; profiles: ${s0.source}; ${s0.rules} rules${s0.rulesLeftOut.length ? ` (left out, no hand-written twin: ${s0.rulesLeftOut.join(', ')})` : ''}\n\n`);
  const cols = r.sizes.map((s) => `${s.size / 1000}k /s (µs)`);
  process.stdout.write(`${'variant'.padEnd(64)}${cols.map((c) => c.padStart(20)).join('')}\n`);
  for (const [n, label] of Object.entries(VARIANTS)) {
    const cells = r.sizes.map((s) => (s.variants[n] ? `${s.variants[n].perSecond} (${s.variants[n].usPerProfile})` : '—'));
    process.stdout.write(`${label.padEnd(64)}${cells.map((c) => c.padStart(20)).join('')}\n`);
  }
  const ratio = (s, x, y) => (s.variants[x] && s.variants[y] ? (s.variants[x].medianMs / s.variants[y].medianMs).toFixed(2) : '—');
  const line = (label, f) => process.stdout.write(`${label.padEnd(64)}${r.sizes.map((s) => String(f(s)).padStart(20)).join('')}\n`);
  line('ratio (a)/(c), end to end (target ≤ 1.5 on 10k)', (s) => ratio(s, 'a', 'c'));
  line('ratio (a′)/(c), end to end, before', (s) => ratio(s, 'aEngine', 'c'));
  line('ratio compiled/hand, rules alone', (s) => ratio(s, 'rulesCompiled', 'rulesHand'));
  line('ratio engine/compiled, rules alone', (s) => ratio(s, 'b', 'rulesCompiled'));
  line('documents where compiled, hand and engine hits differ', (s) => s.disagree);
  line('peak RSS MB, all variants in one process', (s) => s.maxRssMB);
  line('peak RSS MB, check path alone (target < 300 at 100k)', (s) => s.checkOnlyMaxRssMB);
  line('medians of rounds', (s) => s.rounds);
  printColdStart(r.coldStart);
}

function printColdStart(c) {
  process.stdout.write(`\n(e) cold start, median of ${c.runs} interleaved pairs: adherence check one.yaml ${c.checkMs} ms; node -e 0 ${c.nodeMs} ms; ratio ${c.ratio} (target ≤ 3)\n`);
}

if (arg('--size')) await child(Number(arg('--size')), arg('--only'));
else await parent();
