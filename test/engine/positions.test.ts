// The prebuilt rule set keeps where each condition stands in its rule file, so that a run-time error
// of a bundled rule names the condition's file:line:column, not the file's first line. This file
// never reads a rule file as a rule (test files run in their own module graph): every position comes
// from the build's dist/prebuilt.json.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadRuleSet, ruleRunner, compiledEvaluator, engineEvaluator, type Rule, type Condition } from '../../src/engine/index.js';
import { rulePlace } from '../../src/engine/load.js';
import { parseYamlDocument } from '../../src/load/yaml.js';
import { loadFile } from '../../src/load/index.js';
import { prebuilt } from '../../src/prebuilt.js';
import { root } from '../helpers.js';

const catalog = loadCatalog();
const rules = loadRuleSet({}, catalog).rules;

/** Every condition node's pointer in a rule. */
function pointers(c: Condition, ptr = '/conditions'): string[] {
  if ('fact' in c) return [ptr];
  const kids =
    'all' in c
      ? c.all.map((x, i) => pointers(x, `${ptr}/all/${i}`))
      : 'any' in c
        ? c.any.map((x, i) => pointers(x, `${ptr}/any/${i}`))
        : [pointers(c.not, `${ptr}/not`)];
  return [ptr, ...kids.flat()];
}

describe('rule positions in the prebuilt rule set', () => {
  it('the rules come from the build, positions included', () => {
    expect(prebuilt<unknown[]>('rules')).toHaveLength(rules.length);
    expect(Object.keys(prebuilt<Record<string, unknown>>('rulePositions') ?? {})).toHaveLength(rules.length);
  });

  it('every condition of every bundled rule is placed where the file has it', () => {
    let n = 0;
    for (const rule of rules) {
      // The file's own positions, read here from its text (not through the rule loader).
      const own = parseYamlDocument(readFileSync(rule.file, 'utf8'), 'yaml').positions;
      for (const ptr of pointers(rule.conditions as Condition)) {
        const pos = own.get(ptr)!;
        expect(rulePlace(rule.file, ptr), `${rule.id} ${ptr}`).toBe(`${rule.file}:${pos.line}:${pos.column}`);
        expect(pos.line, `${rule.id} ${ptr}`).toBeGreaterThan(1);
        n++;
      }
    }
    expect(n).toBeGreaterThan(rules.length * 2);
  });

  it('a bundled rule that fails at run time names its condition, whichever evaluator runs it', async () => {
    const bundled = rules.find((r) => r.id === 'opcw-requires-cwc')!;
    expect(bundled.file).toBe(join(root, 'rules/opcw-requires-cwc.yaml'));
    // The same rule (same file, same tree shape) with its second condition made to throw: `in`
    // against a number read from a fact.
    const all = [...(bundled.conditions as { all: Condition[] }).all];
    all[1] = { fact: 'cwc', path: '$.present', operator: 'in', value: { fact: 'cwc', path: '$.joinedYear' } };
    const broken: Rule = { ...bundled, conditions: { all } };
    const loaded = loadFile(join(root, 'profiles/kazakhstan.yaml'), catalog);
    for (const evaluator of [compiledEvaluator([broken]), engineEvaluator([broken])]) {
      const run = ruleRunner({ rules: [broken], catalog, evaluator });
      await expect(run(loaded.profile!, loaded, 'kaz.yaml')).rejects.toThrow(
        `${bundled.file}:20:7: rule "opcw-requires-cwc" failed at run time: "in" cannot compare true with null`,
      );
    }
  });
});
