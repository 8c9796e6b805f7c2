// The compiled evaluator against json-rules-engine, the reference: same hits, same findings, same
// failures, on every example of every rule, the bundled profiles, generated profiles, and random
// condition trees over random facts (every operator, fact-valued values, paths, missing facts).
// Its traces (what `explain` and the review page show) agree with the engine too: the same verdict
// per run, and each leaf the trace evaluated has the verdict the engine gave it.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { Engine } from 'json-rules-engine';
import {
  loadRuleSet,
  toFindings,
  compiledEvaluator,
  engineEvaluator,
  compileRule,
  traceRule,
  scopeRuns,
  ruleRuns,
  KNOWN_OPERATORS,
  type Rule,
  type ExplainNode,
  type ExplainLeaf,
} from '../../src/engine/index.js';
import { registerOperators } from '../../src/engine/operators.js';
import { resolvePath } from '../../src/engine/template.js';
import { exampleDocument } from '../../src/engine/examples.js';
import { buildFacts, type DocumentFacts, type Scope } from '../../src/facts/index.js';
import { loadFile } from '../../src/load/index.js';
import { validateProfile } from '../../src/schema/index.js';
import type { Loaded } from '../../src/load/types.js';
import type { Profile } from '../../src/model/profile.js';
import { consistentProfile, violating, GENERATABLE_RULES } from '../../src/testing/index.js';
import { root } from '../helpers.js';

const catalog = loadCatalog();
const rules = loadRuleSet({}, catalog).rules;
const compiled = compiledEvaluator(rules);
const engine = engineEvaluator(rules);

/** Findings of one document by both evaluators, in a stable order. */
async function both(loaded: Loaded, file = 'doc') {
  const facts = buildFacts(loaded.profile as Profile, catalog, { format: loaded.format });
  const sort = (fs: ReturnType<typeof toFindings>) => fs.map((f) => JSON.stringify(f)).sort();
  return {
    compiled: sort(toFindings(await compiled.run(facts), loaded, file)),
    engine: sort(toFindings(await engine.run(facts), loaded, file)),
  };
}

/** The engine's verdict on one run of one rule: fired, and each leaf's result by its pointer in the rule. */
async function engineVerdicts(
  rule: Rule,
  facts: Record<string, unknown>,
): Promise<{ fired: boolean; leaves: Map<string, unknown> } | 'throws'> {
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolvePath });
  registerOperators(engine);
  engine.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
  let out;
  try {
    out = await engine.run(facts);
  } catch {
    return 'throws';
  }
  const r = (out.results[0] ?? out.failureResults[0]) as unknown as { result: boolean; conditions: Record<string, unknown> };
  const leaves = new Map<string, unknown>();
  const walk = (c: Record<string, unknown>, ptr: string) => {
    for (const k of ['all', 'any'] as const)
      if (Array.isArray(c[k])) return (c[k] as Record<string, unknown>[]).forEach((x, i) => walk(x, `${ptr}/${k}/${i}`));
    if (c.not && typeof c.not === 'object' && !Array.isArray(c.not)) return walk(c.not as Record<string, unknown>, `${ptr}/not`);
    if ('result' in c) leaves.set(ptr, c.result);
  };
  walk(r.conditions, '/conditions');
  return { fired: r.result, leaves };
}

const leavesOf = (n: ExplainNode): ExplainLeaf[] => (n.kind === 'leaf' ? [n] : n.children.flatMap(leavesOf));

/** A trace of one run against the engine's verdicts: same outcome, same verdict on every evaluated leaf. */
async function traceAgrees(rule: Rule, facts: Record<string, unknown>, label: string): Promise<number> {
  const want = await engineVerdicts(rule, facts);
  let trace;
  try {
    trace = traceRule(rule, facts);
  } catch {
    expect(want, `${label}: the trace throws, so must the engine`).toBe('throws');
    return 0;
  }
  expect(want, `${label}: the engine throws, so must the trace`).not.toBe('throws');
  if (want === 'throws') return 0;
  expect(trace.fired, `${label}: fired`).toBe(want.fired);
  expect(trace.tree.held, `${label}: the root's verdict is the rule's`).toBe(trace.fired);
  let evaluated = 0;
  for (const leaf of leavesOf(trace.tree)) {
    if (leaf.held === undefined) continue;
    expect(want.leaves.has(leaf.pointer!), `${label}: ${leaf.pointer} evaluated by the engine too`).toBe(true);
    expect(leaf.held, `${label}: ${leaf.pointer}`).toBe(want.leaves.get(leaf.pointer!) === true);
    evaluated++;
  }
  return evaluated;
}

const wellFormed = (l: Loaded) => l.problems.length === 0 && l.profile !== undefined && validateProfile(l.profile).length === 0;

describe('compiled rules ≡ json-rules-engine', () => {
  it('on every example of every rule', async () => {
    let n = 0;
    for (const rule of rules) {
      for (const ex of [...rule.examples.valid, ...rule.examples.invalid]) {
        const loaded = exampleDocument(ex, catalog);
        if (!wellFormed(loaded)) continue;
        const r = await both(loaded);
        expect(r.compiled, `${rule.id}: ${ex.name}`).toEqual(r.engine);
        // The example's own rule, traced on each of its runs, says what the engine says.
        for (const facts of ruleRuns(buildFacts(loaded.profile as Profile, catalog), rule))
          await traceAgrees(rule, facts, `${rule.id}: ${ex.name}`);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(rules.length * 2);
  }, 600_000);

  const bundled = readdirSync(join(root, 'profiles'))
    .filter((f) => /\.(ya?ml|json|txt)$/.test(f))
    .map((f) => join(root, 'profiles', f));
  it('on the bundled profiles', async () => {
    expect(bundled.length).toBeGreaterThan(0);
    for (const file of bundled) {
      const loaded = loadFile(file, catalog);
      expect(wellFormed(loaded), file).toBe(true);
      const r = await both(loaded, file);
      expect(r.compiled, file).toEqual(r.engine);
    }
  });

  it("gives each hit the facts of the engine's run, built only when read, and the same fact by name", async () => {
    let hits = 0;
    for (const file of bundled) {
      const doc = buildFacts(loadFile(file, catalog).profile as Profile, catalog);
      const got = compiled.runSync(doc);
      for (const rule of rules) {
        const runs = ruleRuns(doc, rule);
        for (const hit of got.filter((h) => h.rule === rule)) {
          hits++;
          // Read one by one first: what findings do, without the whole set built.
          const names = [...new Set([...Object.keys(runs[0]!), 'check', 'constructor', 'toString', 'no-such-fact'])];
          const byName = names.map((n) => hit.fact!(n));
          const run = runs.find((r) => rule.scope === 'profile' || r[rule.scope] === hit.facts[rule.scope]);
          expect(hit.facts, `${file} ${rule.id}`).toEqual(run);
          expect(byName).toEqual(names.map((n) => (Object.hasOwn(hit.facts, n) ? hit.facts[n] : undefined)));
        }
      }
    }
    expect(hits).toBeGreaterThan(5);
  });

  it('traces every rule on every run of the bundled profiles as the engine evaluates it', async () => {
    let leavesJudged = 0;
    for (const file of bundled) {
      const doc = buildFacts(loadFile(file, catalog).profile as Profile, catalog);
      for (const rule of rules)
        for (const facts of ruleRuns(doc, rule)) leavesJudged += await traceAgrees(rule, facts, `${file} ${rule.id}`);
    }
    expect(leavesJudged).toBeGreaterThan(1000);
  }, 600_000);

  it('on profiles generated from the bundled ones (statuses, dates, rows, footnotes changed)', async () => {
    const bases = bundled.map((f) => loadFile(f, catalog).profile as Profile);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(mutatedProfile(bases), async (p) => {
        if (validateProfile(p).length) return; // the rules run only on schema-valid profiles
        const loaded: Loaded = { profile: p, positions: { get: () => undefined }, problems: [], format: 'yaml' };
        const r = await both(loaded);
        expect(r.compiled).toEqual(r.engine);
        checked++;
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(checked).toBeGreaterThan(50);
  }, 600_000);

  const asLoaded = (p: Profile): Loaded => ({ profile: p, positions: { get: () => undefined }, problems: [], format: 'yaml' });
  it("on the testing kit's consistent profiles", async () => {
    await fc.assert(
      fc.asyncProperty(consistentProfile(), async (p) => {
        const r = await both(asLoaded(p));
        expect(r.compiled).toEqual(r.engine);
      }),
      { numRuns: 60, seed: 11 },
    );
  }, 600_000);

  it("on the testing kit's violations of every generatable rule", async () => {
    expect(GENERATABLE_RULES.length).toBeGreaterThan(0);
    for (const id of GENERATABLE_RULES) {
      await fc.assert(
        fc.asyncProperty(violating(id), async ({ profile }) => {
          const r = await both(asLoaded(profile));
          expect(r.compiled, id).toEqual(r.engine);
          expect(
            r.compiled.some((f) => f.includes(`"ruleId":"${id}"`)),
            `${id} fires`,
          ).toBe(true);
        }),
        { numRuns: 5, seed: 5 },
      );
    }
  }, 600_000);
});

// ---- generated profiles: the bundled ones with random changes ----

const ids = catalog.instruments.map((i) => i.id);
const statusWords = [...new Set(Object.values(catalog.kinds).flatMap((k) => k.statuses))];
const isoDate = fc
  .date({ min: new Date('1940-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateText = fc.oneof(
  isoDate,
  isoDate.map((d) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(2, 4)}`),
  fc.constantFrom('13/13/13', '02/30/99'),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const entryChange = fc.record({
  at: fc.nat(),
  instrument: maybe(fc.constantFrom(...ids, 'no-such-instrument')),
  status: maybe(fc.constantFrom(...statusWords)),
  signed: maybe(dateText),
  joined: maybe(dateText),
  inForce: maybe(dateText),
  withdrawn: maybe(dateText),
  notes: maybe(fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 2 })),
  reports: maybe(fc.array(fc.record({ addendum: maybe(fc.integer({ min: 1, max: 3 })), date: maybe(dateText) }), { maxLength: 3 })),
  years: maybe(fc.array(fc.integer({ min: 1985, max: 2012 }), { maxLength: 3 })),
  op: fc.constantFrom('edit', 'edit', 'edit', 'remove', 'duplicate'),
});

function mutatedProfile(bases: Profile[]): fc.Arbitrary<Profile> {
  return fc
    .record({
      base: fc.nat({ max: bases.length - 1 }),
      changes: fc.array(entryChange, { maxLength: 8 }),
      state: maybe(fc.constantFrom(...catalog.states.map((s) => ({ name: s.name, iso3: s.iso3 })))),
      asOf: maybe(isoDate),
      dateOrder: maybe(fc.constantFrom('month-first' as const, 'day-first' as const)),
      footnotes: maybe(
        fc.array(fc.record({ marker: fc.integer({ min: 1, max: 9 }), text: fc.constantFrom('Soviet Union', 'As the USSR', 'A note') }), {
          maxLength: 4,
        }),
      ),
    })
    .map(({ base, changes, state, asOf, dateOrder, footnotes }) => {
      const p = structuredClone(bases[base]!);
      for (const c of changes) {
        if (p.entries.length === 0) break;
        const i = c.at % p.entries.length;
        if (c.op === 'remove') p.entries.splice(i, 1);
        else if (c.op === 'duplicate') p.entries.push(structuredClone(p.entries[i]!));
        else {
          const e = p.entries[i]!;
          delete e.text;
          for (const k of ['instrument', 'status', 'signed', 'joined', 'inForce', 'withdrawn', 'notes', 'reports', 'years'] as const) {
            if (c[k] !== undefined) (e as unknown as Record<string, unknown>)[k] = c[k];
          }
        }
      }
      if (state) p.state = state;
      if (asOf) p.asOf = asOf;
      if (dateOrder) p.dateOrder = dateOrder;
      if (footnotes) p.footnotes = footnotes;
      return p;
    });
}

// ---- random condition trees over random facts: every operator, compiled vs the engine ----

const scalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, -1, 2.5, '', 'a', 'b', '1', '10', '2004-04-28', '2010-06-08', 'x2'),
  fc.integer({ min: -3, max: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  {
    weight: 2,
    arbitrary: fc.dictionary(
      fc.constantFrom('a', 'b', 'c'),
      fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.record({ a: scalar })),
      { maxKeys: 3 },
    ),
  },
);
const FACTS = ['f1', 'f2', 'f3', 'entry'];
const factName = fc.constantFrom(...FACTS, 'ghost');
const path = maybe(fc.constantFrom('$.a', '$.b', '$.c', '$.a.a', 'a', '$', '$.a.b.c'));
const leaf = fc
  .record({
    fact: factName,
    path,
    operator: fc.constantFrom(...KNOWN_OPERATORS),
    // A rule file's mappings (YAML, JSON) have Object's prototype; the engine calls value.hasOwnProperty,
    // which a null-prototype object lacks. Rule values are cloned into plain objects, as a file gives them.
    value: fc
      .oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.record({ fact: factName, path }) })
      .map((v) => structuredClone(v)),
  })
  .map((l) => (l.path === undefined ? { fact: l.fact, operator: l.operator, value: l.value } : l));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('tree'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('tree'), { maxLength: 3 }) }),
    fc.record({ not: tie('tree') }),
  ),
}));
const topLevel = fc.oneof(
  fc.record({ all: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ any: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ not: tree }),
);

const ruleOf = (conditions: unknown, scope: Scope, id = 'r'): Rule =>
  ({
    id,
    scope,
    conditions,
    severity: 'error',
    category: 'consistency',
    message: '',
    examples: { valid: [], invalid: [] },
  }) as unknown as Rule;

/** What one evaluator makes of a document: the hits as rule@item, or that it failed. */
async function outcome(ev: { run(d: DocumentFacts): Promise<{ rule: Rule; facts: Record<string, unknown> }[]> }, doc: DocumentFacts) {
  try {
    const hits = await ev.run(doc);
    return hits.map((h) => `${h.rule.id}@${h.rule.scope === 'profile' ? '-' : doc.entry.indexOf(h.facts.entry as never)}`).sort();
  } catch {
    return 'throws';
  }
}

describe('random condition trees ≡ json-rules-engine', () => {
  it('gives the same verdicts, and fails where the engine fails', async () => {
    const base = fc.record({ f1: value, f2: value, f3: value }, { requiredKeys: ['f1', 'f2'] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(topLevel, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<Scope>('profile', 'entry'),
        base,
        fc.array(value, { maxLength: 3 }),
        async (trees, scope, b, items) => {
          const rs = trees.map((t, k) => ruleOf(t, scope, `r${k}`));
          const doc = { base: b, entry: items, report: [], footnote: [], note: [], date: [] } as unknown as DocumentFacts;
          expect(await outcome(compiledEvaluator(rs), doc)).toEqual(await outcome(engineEvaluator(rs), doc));
          for (const rule of rs) for (const facts of scopeRuns(doc, scope)) await traceAgrees(rule, facts, JSON.stringify(rule.conditions));
        },
      ),
      { numRuns: 600, seed: 42 },
    );
  });

  it('covers every operator, in single leaves against every kind of value', async () => {
    for (const operator of KNOWN_OPERATORS) {
      await fc.assert(
        fc.asyncProperty(value, value, async (a, v) => {
          const rs = [ruleOf({ all: [{ fact: 'f1', operator, value: v }] }, 'profile')];
          const doc = { base: { f1: a }, entry: [], report: [], footnote: [], note: [], date: [] } as unknown as DocumentFacts;
          expect(await outcome(compiledEvaluator(rs), doc), `${operator}(${JSON.stringify(a)}, ${JSON.stringify(v)})`).toEqual(
            await outcome(engineEvaluator(rs), doc),
          );
        }),
        { numRuns: 150, seed: 3 },
      );
    }
  });

  it('refuses trees the engine would refuse, naming the rule and where', () => {
    expect(() => compileRule(ruleOf({ all: [{ fact: 'f1', operator: 'nope', value: 1 }] }, 'profile', 'bad'))).toThrow(
      /bad: \/conditions\/all\/0: unknown operator "nope"/,
    );
    expect(() => compileRule(ruleOf({ any: { fact: 'f1', operator: 'equal', value: 1 } }, 'profile'))).toThrow(/"any" must be a list/);
    expect(() => compileRule(ruleOf({ fact: 'f1', operator: 'equal', value: 1 }, 'profile'))).toThrow(/root must be/);
    expect(() => compileRule(ruleOf({ all: [{ fact: 'f1', operator: 'equal' }] }, 'profile'))).toThrow(/needs "value"/);
  });
});
