// Like ESLint's RuleTester: every example of every rule runs, and must draw exactly what it says.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { exampleDocument } from '../../src/engine/examples.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { root } from '../helpers.js';

const catalog = loadCatalog();
const all = loadRuleSet({}, catalog).rules;

describe('rule set', () => {
  it('has one file per rule, each with valid and invalid examples', () => {
    const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml'));
    expect(all.map((r) => `${r.id}.yaml`)).toEqual(files.sort());
    for (const r of all) {
      expect(r.examples.invalid.length, r.id).toBeGreaterThan(0);
      expect(r.examples.valid.length, r.id).toBeGreaterThan(0);
    }
  });
});

for (const rule of all) {
  describe(rule.id, () => {
    const run = ruleRunner(loadRuleSet({ only: [rule.id] }, catalog));
    const findingsOf = async (ex: (typeof rule.examples.valid)[number]) => {
      const loaded = exampleDocument(ex, catalog);
      const report = await checkLoaded(loaded, 'example', { rules: run });
      expect(
        report.findings.filter((f) => f.ruleId === 'parse' || f.ruleId === 'schema'),
        'the example itself is well formed',
      ).toEqual([]);
      return report.findings.filter((f) => f.ruleId === rule.id);
    };
    for (const ex of rule.examples.valid) {
      it(`valid: ${ex.name}`, async () => {
        expect(await findingsOf(ex)).toEqual([]);
      });
    }
    for (const ex of rule.examples.invalid) {
      it(`invalid: ${ex.name}`, async () => {
        const got = await findingsOf(ex);
        expect(got, got.map((f) => `${f.pointer}: ${f.message}`).join('\n')).toHaveLength(ex.findings!.length);
        ex.findings!.forEach((want, k) => {
          const f = got[k]!;
          expect(f.severity).toBe(rule.severity);
          if (want.pointer !== undefined) expect(f.pointer).toBe(want.pointer);
          if (want.instruments) expect(f.instruments).toEqual(want.instruments);
          if (want.message) expect(f.message).toContain(want.message);
          expect(f.basis).toBeTruthy();
        });
      });
    }
  });
}
