// Like ESLint's RuleTester: every example of every rule runs, and must draw exactly what it says.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { exampleDocument, expectedPointer } from '../../src/engine/examples.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { root } from '../helpers.js';
import { validateAgainst } from '../../src/schema/index.js';

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
      return { findings: report.findings.filter((f) => f.ruleId === rule.id), profile: loaded.profile! };
    };
    for (const ex of rule.examples.valid) {
      it(`valid: ${ex.name}`, async () => {
        expect((await findingsOf(ex)).findings).toEqual([]);
      });
    }
    for (const ex of rule.examples.invalid) {
      it(`invalid: ${ex.name}`, async () => {
        const { findings: got, profile } = await findingsOf(ex);
        expect(got, got.map((f) => `${f.pointer}: ${f.message}`).join('\n')).toHaveLength(ex.findings!.length);
        ex.findings!.forEach((want, k) => {
          const f = got[k]!;
          expect(f.severity).toBe(rule.severity);
          // A row is named by instrument id and found in the profile the example checked.
          const pointer = expectedPointer(want, profile);
          if (pointer !== undefined) expect(f.pointer).toBe(pointer);
          if (want.instruments) expect(f.instruments).toEqual(want.instruments);
          if (want.message) expect(f.message).toContain(want.message);
          expect(f.basis).toBeTruthy();
        });
      });
    }
  });
}

describe('expected findings name rows, not positions', () => {
  const profile = (ids: string[]) => ({
    profile: 1 as const,
    state: { name: 'Kazakhstan', iso3: 'KAZ' },
    entries: ids.map((instrument) => ({ instrument, status: 'State Party' })),
  });
  it('find the row an instrument id names wherever the profile puts it', () => {
    expect(expectedPointer({ row: 'mtcr', at: 'notes/0' }, profile(['cwc', 'mtcr']))).toBe('/entries/1/notes/0');
    expect(expectedPointer({ row: 'mtcr', at: 'notes/0' }, profile(['mtcr', 'cwc', 'btwc']))).toBe('/entries/0/notes/0');
    expect(expectedPointer({ row: 'cwc', nth: 2, at: 'name' }, profile(['cwc', 'btwc', 'cwc']))).toBe('/entries/2/name');
    expect(expectedPointer({ pointer: '/footnotes/5' }, profile([]))).toBe('/footnotes/5');
  });
  it('fail an example that names a row its profile does not have', () => {
    expect(() => expectedPointer({ row: 'nsg' }, profile(['cwc']))).toThrow(/names row "nsg"/);
    expect(() => expectedPointer({ row: 'cwc', nth: 2 }, profile(['cwc']))).toThrow(/number 2/);
  });
  it('the rule schema refuses a row given by position', () => {
    const rule = all.find((r) => r.id === 'opcw-requires-cwc')!;
    const broken = structuredClone({ ...rule, file: undefined }) as Record<string, unknown> & typeof rule;
    broken.examples.invalid[0]!.findings = [{ pointer: '/entries/14/status' }];
    delete (broken as { file?: string }).file;
    expect(validateAgainst('rule.schema.json', broken).map((p) => p.pointer)).toContain('/examples/invalid/0/findings/0/pointer');
    broken.examples.invalid[0]!.findings = [{ row: 'cwc', at: 'status' }];
    expect(validateAgainst('rule.schema.json', broken)).toEqual([]);
  });
});
