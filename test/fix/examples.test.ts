// Every fix a rule declares runs on the rule's own examples: the fixed profile is what the example's
// `fixed` says, and the rule no longer fires where it fixed something.
import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { exampleText, exampleFixed } from '../../src/engine/examples.js';
import { fixText, withFixes } from '../../src/fix/index.js';

const catalog = loadCatalog();
const rules = loadRuleSet({}, catalog).rules;
const fixable = rules.filter((r) => r.fix || r.suggestions);

describe('rules that declare a fix', () => {
  it('include the fixes the issue asks for', () => {
    expect(fixable.filter((r) => r.fix).map((r) => r.id)).toEqual(
      expect.arrayContaining(['instrument-name', 'status-vocabulary', 'party-before-entry-into-force', 'footnote-duplicate']),
    );
  });
  for (const rule of fixable) {
    it(`${rule.id} shows its fix on at least one example`, () => {
      expect(rule.examples.invalid.some((ex) => ex.fixed && Object.keys(ex.fixed).length > 0)).toBe(true);
    });
  }
});

for (const rule of fixable) {
  describe(`${rule.id}: fix`, () => {
    const run = ruleRunner(loadRuleSet({ only: [rule.id] }, catalog), {}, withFixes);
    for (const ex of rule.examples.invalid.filter((e) => e.fixed)) {
      it(ex.name, async () => {
        const { text, path } = exampleText(ex, catalog);
        const out = await fixText(text, path, { rules: run, catalog, types: rule.fix ? ['fix'] : ['suggestion'] });
        expect(JSON.parse(out.output)).toEqual(exampleFixed(ex, catalog));
        expect(out.refused).toEqual([]);
        if (out.applied.length) expect(out.after.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
        else expect(out.output).toBe(text);
      });
    }
  });
}
