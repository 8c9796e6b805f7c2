// The evaluators side by side, in process (`npm run bench -- --evaluators` or
// `node bench/evaluators.js --size 1000 [--rounds N] [--only a,c]`): compiled rules, json-rules-engine
// and the rules written by hand over the same facts (evaluators-hand.js). These variants share parse,
// schema, facts and findings, so their ratios measure the evaluators only; the whole path is measured
// by run.js. Profiles are made and dropped 1,000 at a time; one JSON line on stdout, progress on stderr.
import { performance } from 'node:perf_hooks';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
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
  const { HAND, handEvaluator } = await import('./evaluators-hand.js');
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
  let _findings = 0;
  for (let round = 0; round < rounds; round++) {
    const t = Object.fromEntries(names.map((n) => [n, 0]));
    for (let from = 0; from < size; from += CHUNK) {
      const ps = await profiles(from, Math.min(CHUNK, size - from));
      const texts = ps.map((p) => lib.toYaml(p));
      const facts = names.some((n) => n === 'b' || n.startsWith('rules')) ? ps.map((p) => buildFacts(p, catalog)) : [];
      for (const n of round % 2 ? [...names].reverse() : names) {
        const t0 = performance.now();
        if (n in runner) {
          for (const text of texts)
            _findings += (await lib.checkLoaded(lib.loadText(text, 'p.yaml', catalog), 'p.yaml', { rules: runner[n] })).findings.length;
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
        const key = (hs) =>
          hs
            .map((h) => `${h.rule.id}:${JSON.stringify(h.facts[h.rule.scope]?.pointer ?? '')}`)
            .sort()
            .join();
        for (const f of facts) {
          const c = key(compiled.evaluator.runSync(f));
          if (c !== key(hand.evaluator.runSync(f)) || c !== key(await engine.evaluator.run(f))) disagree++;
        }
      }
    }
    for (const n of names) times[n].push(t[n]);
    process.stderr.write(
      `bench:   evaluators, ${size} profiles, round ${round + 1}/${rounds}: ${names.map((n) => `${n} ${Math.round(t[n])} ms`).join(', ')}\n`,
    );
  }
  const ru = process.resourceUsage();
  const out = {
    size,
    rounds,
    source: SOURCE,
    rules: ids.length,
    rulesLeftOut: all.map((r) => r.id).filter((id) => !HAND[id]),
    disagree,
    maxRssMB: Math.round(ru.maxRSS / 1024),
    variants: {},
  };
  for (const n of names) {
    const ms = median(times[n]);
    out.variants[n] = {
      medianMs: Math.round(ms),
      perSecond: Math.round(size / (ms / 1000)),
      usPerProfile: +((ms * 1000) / size).toFixed(1),
      roundsMs: times[n].map(Math.round),
    };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await child(Number(arg('--size') ?? 1000), arg('--only'));
