// Explanations agree with what the evaluator reports, for every rule and every example of the rule
// set as it stands (rules are added while this suite exists: nothing here counts them).
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildFacts } from '../../src/facts/index.js';
import { loadRuleSet, ruleRuns, type Rule } from '../../src/engine/index.js';
import { exampleDocument } from '../../src/engine/examples.js';
import { factValue } from '../../src/engine/template.js';
import { explainRule, treeText, type ExplainNode, type ExplainLeaf } from '../../src/review/explain.js';
import { cli } from '../helpers.js';
import { scratch } from './fixtures.js';

const catalog = loadCatalog();
const set = loadRuleSet({ evaluator: 'engine' }, catalog);

const leavesOf = (n: ExplainNode): ExplainLeaf[] => (n.kind === 'leaf' ? [n] : n.children.flatMap(leavesOf));
const pointerOf = (rule: Rule, facts: Record<string, unknown>) =>
  rule.scope === 'profile' ? '' : String((facts[rule.scope] as { pointer?: string }).pointer);

describe('explainRule', () => {
  const cases = set.rules.flatMap((rule) =>
    [...rule.examples.invalid, ...rule.examples.valid].map((ex) => [`${rule.id}: ${ex.name}`, rule, ex] as const),
  );

  it.each(cases)('%s — fires exactly where the evaluator does, with the values it read', async (_name, rule, ex) => {
    const loaded = exampleDocument(ex, catalog);
    if (!loaded.profile || loaded.problems.length) return expect(ex.text, 'only text examples may fail to load').toBeDefined();
    const doc = buildFacts(loaded.profile, catalog);
    const hits = (await set.evaluator.run(doc)).filter((h) => h.rule.id === rule.id).map((h) => pointerOf(rule, h.facts));
    const fired: string[] = [];
    for (const facts of ruleRuns(doc, rule)) {
      const ex2 = await explainRule(rule, facts);
      expect(ex2.tree.held).toBe(ex2.fired);
      if (ex2.fired) fired.push(pointerOf(rule, facts));
      for (const leaf of leavesOf(ex2.tree)) {
        // The left value is the fact's; a right-hand fact reference is resolved, not left as { fact }.
        expect(leaf.actual).toEqual(factValue(facts, leaf.fact));
        if (leaf.expectedFact) expect(leaf.compared).toEqual(factValue(facts, leaf.expectedFact));
      }
    }
    expect(fired.sort()).toEqual(hits.sort());
  });

  it('fills in the right-hand value of a fact reference and the verdict of every group', async () => {
    const rule = {
      id: 'x',
      title: 'x',
      severity: 'warning',
      category: 'temporal',
      basis: 'x',
      description: 'x',
      scope: 'profile',
      message: 'x',
      file: 'x',
      examples: { valid: [], invalid: [] },
      conditions: {
        all: [
          { fact: 'cwc', path: '$.joinedDate', operator: 'dateAfter', value: { fact: 'cwc', path: '$.signedDate' } },
          { not: { fact: 'cwc', path: '$.present', operator: 'equal', value: false } },
        ],
      },
    } as Rule;
    const facts = buildFacts(
      {
        profile: 1,
        state: { name: 'Kazakhstan' },
        entries: [{ instrument: 'cwc', status: 'State Party', signed: '1993-01-14', joined: '2000-03-23' }],
      },
      catalog,
    ).base;
    const { fired, tree } = await explainRule(rule, facts);
    expect(fired).toBe(true);
    expect(tree).toMatchObject({
      kind: 'all',
      held: true,
      children: [
        { kind: 'leaf', fact: 'cwc.joinedDate', expectedFact: 'cwc.signedDate', actual: '2000-03-23', compared: '1993-01-14', held: true },
        { kind: 'not', held: true, children: [{ kind: 'leaf', actual: true, compared: false, held: false }] },
      ],
    });
    expect(treeText(tree).join('\n')).toContain(
      '✓ cwc.joinedDate dateAfter cwc.signedDate  (cwc.joinedDate is 2000-03-23; cwc.signedDate is 1993-01-14)',
    );
  });
});

describe('short-circuiting, as the compiled evaluator does it', () => {
  const base = buildFacts(
    {
      profile: 1,
      state: { name: 'Kazakhstan' },
      entries: [{ instrument: 'cwc', status: 'State Party', signed: '1993-01-14', joined: '2000-03-23' }],
    },
    catalog,
  ).base;
  const ruleWith = (conditions: unknown) =>
    ({
      id: 'sc',
      title: 'x',
      severity: 'warning',
      category: 'temporal',
      basis: 'x',
      description: 'x',
      scope: 'profile',
      message: 'x',
      file: 'x',
      examples: { valid: [], invalid: [] },
      conditions,
    }) as unknown as Rule;

  it('shows the leaves after a decided group as read but not evaluated', () => {
    const { fired, tree } = explainRule(
      ruleWith({
        all: [
          { fact: 'cwc', path: '$.present', operator: 'equal', value: false },
          { fact: 'cwc', path: '$.joinedDate', operator: 'dateAfter', value: { fact: 'cwc', path: '$.signedDate' } },
          { any: [{ fact: 'opcw', path: '$.present', operator: 'equal', value: true }] },
        ],
      }),
      base,
    );
    expect(fired).toBe(false);
    expect(tree).toMatchObject({
      kind: 'all',
      pointer: '/conditions',
      held: false,
      children: [
        { kind: 'leaf', pointer: '/conditions/all/0', actual: true, held: false },
        { kind: 'leaf', pointer: '/conditions/all/1', actual: '2000-03-23', compared: '1993-01-14', held: undefined },
        {
          kind: 'any',
          pointer: '/conditions/all/2',
          held: undefined,
          children: [{ kind: 'leaf', pointer: '/conditions/all/2/any/0', held: undefined }],
        },
      ],
    });
    expect(treeText(tree)).toEqual([
      '✗ all of:',
      '    ✗ cwc.present equal false  (cwc.present is true)',
      '    · cwc.joinedDate dateAfter cwc.signedDate  (cwc.joinedDate is 2000-03-23; cwc.signedDate is 1993-01-14)',
      '    · any of:',
      '        · opcw.present equal true  (opcw.present is false)',
    ]);
  });

  it('evaluates every leaf of a rule with a leaf that may throw (as the engine does), and names a leaf that throws', () => {
    const { tree } = explainRule(
      ruleWith({
        all: [
          { fact: 'cwc', path: '$.present', operator: 'equal', value: false },
          { fact: 'cwc', path: '$.status', operator: 'in', value: { fact: 'cwc', path: '$.status' } },
        ],
      }),
      base,
    );
    expect(leavesOf(tree).map((l) => l.held)).toEqual([false, true]);
    const throws = ruleWith({
      any: [
        { fact: 'cwc', path: '$.present', operator: 'equal', value: true },
        { fact: 'cwc', path: '$.status', operator: 'in', value: { fact: 'cwc', path: '$.joinedYear' } },
      ],
    });
    expect(() => explainRule(throws, base)).toThrow(
      expect.objectContaining({
        code: 'RULE_RUN',
        pointer: '/conditions/any/1',
        message: expect.stringMatching(
          /^x:1:1: rule "sc" failed at run time: "in" cannot compare "State Party" with 2000 \(b.indexOf is not a function\)$/,
        ),
      }),
    );
  });

  it('a fact the run lacks fails as it does in check (no undefined facts allowed)', () => {
    const { cwc: _drop, ...without } = base as Record<string, unknown>;
    expect(() => explainRule(ruleWith({ all: [{ fact: 'cwc', path: '$.present', operator: 'equal', value: true }] }), without)).toThrow(
      expect.objectContaining({ code: 'UNDEFINED_FACT', message: 'Undefined fact: cwc' }),
    );
  });
});

describe('adherence explain', () => {
  const profileRule = set.rules.find((r) => r.scope === 'profile')!;
  const entryRule = set.rules.find((r) => r.scope === 'entry')!;

  it('prints the tests of a profile-scope rule in words, with its verdict', () => {
    const r = cli(['explain', 'profiles/kazakhstan.yaml', '--rule', profileRule.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${profileRule.id}: `));
    expect(r.stdout).toMatch(/(FIRES|does not fire) on the profile:\n {2}[✓✗·] [A-Z]/);
  });

  it('entry-scope rules: --all shows every run, --at one; json has the same tree', () => {
    const all = cli(['explain', 'profiles/kazakhstan.yaml', '--rule', entryRule.id, '--all', '-f', 'json']);
    expect(all.code).toBe(0);
    const j = JSON.parse(all.stdout);
    expect(j.shown).toHaveLength(j.runs);
    const at = cli(['explain', 'profiles/kazakhstan.yaml', '--rule', entryRule.id, '--at', '/entries/0', '-f', 'json']);
    expect(JSON.parse(at.stdout).shown).toEqual([j.shown[0]]);
  });

  it('usage errors exit 2 with one line; a broken profile exits 1 naming file:line:column', () => {
    for (const args of [
      ['explain', 'profiles/kazakhstan.yaml'],
      ['explain', 'profiles/kazakhstan.yaml', '--rule', 'no-such-rule'],
      ['explain', '--rule', profileRule.id],
      ['explain', 'profiles/kazakhstan.yaml', '--rule', entryRule.id, '--at', '/nowhere'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const bad = join(scratch(), 'bad.yaml');
    writeFileSync(bad, 'profile: 1\nstate:\n  name: 42\nentries: []\n');
    const r = cli(['explain', bad, '--rule', profileRule.id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3:9:`);
    expect(cli(['explain', '--help']).stdout).toMatch(/^Usage: adherence explain/);
  });
});
