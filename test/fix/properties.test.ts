// Properties of --fix on generated profiles that break a fixable rule, in each of the three formats:
// fixing is idempotent, never draws a finding that was not there, leaves a document that passes the
// schema, removes the finding it fixes, and (published text) keeps every untouched row byte for byte.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { violating, checkerFor } from '../../src/testing/index.js';
import { fixText, chosenFix, newFindings } from '../../src/fix/index.js';
import { toYaml, toJson } from '../../src/load/serialize.js';
import { loadText, renderPublishedText, parsePublishedText } from '../../src/load/index.js';
import { validateProfile } from '../../src/schema/index.js';
import type { Profile } from '../../src/model/profile.js';

const SEED = process.env.CI ? 20261201 : undefined;
const budget = (numRuns: number, ms = 6000): fc.Parameters<unknown> => ({
  numRuns,
  interruptAfterTimeLimit: ms,
  markInterruptAsFailure: false,
  ...(SEED !== undefined ? { seed: SEED } : {}),
});
const checker = checkerFor();
const { catalog, rules } = checker;
const FIXABLE = checker.set.rules.filter((r) => r.fix).map((r) => r.id);

const FORMATS: Record<string, (p: Profile) => string> = {
  // A comment between two keys: it must survive every fix.
  'k.yaml': (p) => toYaml(p, '../schemas/profile.schema.json').replace(/^entries:$/m, '# rows as published\nentries:'),
  'k.json': (p) => toJson(p),
  'k.txt': (p) => renderPublishedText(p, catalog),
};
const key = (f: { ruleId: string; fingerprint: string }) => `${f.ruleId} ${f.fingerprint}`;

describe('fixing generated violations', () => {
  it('covers the rules with a fix', () => {
    expect(FIXABLE).toEqual(
      expect.arrayContaining(['instrument-name', 'status-vocabulary', 'party-before-entry-into-force', 'footnote-duplicate']),
    );
  });
  for (const ruleId of FIXABLE) {
    for (const [file, write] of Object.entries(FORMATS)) {
      it(`${ruleId}, ${file.slice(2)}`, async () => {
        await fc.assert(
          fc.asyncProperty(violating(ruleId, { catalog }), async ({ profile, finding }) => {
            const text = write(profile);
            const once = await fixText(text, file, { rules, catalog });
            // Idempotent: a second run changes nothing.
            const twice = await fixText(once.output, file, { rules, catalog });
            expect(twice.output).toBe(once.output);
            expect(twice.applied).toEqual([]);
            // No finding that was not there (a footnote renumbered keeps its identity); the document
            // still passes the schema. Only a status word can be held back for drawing another finding:
            // "Member" of a treaty means State Party, and other rules then read the state as bound.
            expect(newFindings(once.before.findings, once.after.findings)).toEqual([]);
            expect(once.refused.filter((r) => r.ruleId !== 'status-vocabulary')).toEqual([]);
            const loaded = loadText(once.output, file, catalog);
            expect(loaded.problems).toEqual([]);
            expect(validateProfile(loaded.profile)).toEqual([]);
            // The finding the violation drew is gone when it had a fix (unless the fix would have drawn another).
            const drawn = once.before.findings.find((f) => f.ruleId === ruleId && f.pointer.startsWith(finding.pointer ?? ''));
            if (drawn && chosenFix(drawn)) {
              const left = once.after.findings.some((f) => key(f) === key(drawn));
              expect(left && !once.refused.some((r) => r.ruleId === ruleId)).toBe(false);
            }
            if (file.endsWith('.yaml') && once.output !== text) expect(once.output).toContain('# rows as published\nentries:');
            if (file.endsWith('.txt')) expectUntouchedRows(text, once.output);
          }),
          budget(15, 4000),
        );
      });
    }
  }
});

/** fix ∘ import ∘ render: every row whose data the fix left alone is printed byte for byte as it was. */
function expectUntouchedRows(before: string, after: string): void {
  const [a, b] = [parsePublishedText(before, catalog), parsePublishedText(after, catalog)];
  const [la, lb] = [before.split(/\r\n|\r|\n/), after.split(/\r\n|\r|\n/)];
  const [pa, pb] = [a.profile!, b.profile!];
  expect(pb.entries.length).toBe(pa.entries.length);
  pa.entries.forEach((e, i) => {
    if (JSON.stringify(e) !== JSON.stringify(pb.entries[i])) return;
    const [x, y] = [a.positions.get(`/entries/${i}`)!.line, b.positions.get(`/entries/${i}`)!.line];
    expect(lb[y - 1], `row ${i}`).toBe(la[x - 1]);
  });
  expect(lb[(b.positions.get('/state')?.line ?? 1) - 1]).toBe(la[(a.positions.get('/state')?.line ?? 1) - 1]);
}
