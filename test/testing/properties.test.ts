// The rule set's properties (consistent profiles are clean, each break is found where it is, findings do
// not depend on order, the layout round-trips, check never throws), run with a time budget each.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PROPERTIES, GENERATABLE_RULES, checkerFor } from '../../src/testing/index.js';

// A fixed seed in CI (reproducible logs); elsewhere a fresh one each run, printed by fast-check on failure.
const SEED = process.env.CI ? 20261101 : undefined;
const budget = (numRuns: number, ms = 4000): fc.Parameters<unknown> => ({
  numRuns,
  interruptAfterTimeLimit: ms,
  markInterruptAsFailure: false,
  ...(SEED !== undefined ? { seed: SEED } : {}),
});
const checker = checkerFor();

describe('properties of the rule set', () => {
  it('1. consistent profiles draw no error or warning', async () => {
    await fc.assert(PROPERTIES.consistent.property({ checker }), budget(300));
  });

  it('every rule of the rule set has a generator of profiles that break it', () => {
    expect(checker.set.rules.map((r) => r.id).filter((id) => !GENERATABLE_RULES.includes(id))).toEqual([]);
  });

  describe('2. violating(ruleId) draws that rule at the right row and instruments, and nothing else', () => {
    for (const rule of GENERATABLE_RULES) {
      it(rule, async () => {
        await fc.assert(PROPERTIES.violating.property({ checker, rule }), budget(25, 1500));
      });
    }
  });

  it('3. same input, same findings; reordering rows and keys changes none', async () => {
    await fc.assert(PROPERTIES.order.property({ checker }), budget(150));
  });

  it('4. render∘import is the identity on canonical text, import∘render on imported layouts', async () => {
    await fc.assert(PROPERTIES.roundtrip.property({ checker }), budget(300));
  });

  it('5. check never throws on arbitrary, truncated, spliced or mis-encoded input', async () => {
    await fc.assert(PROPERTIES['no-throw'].property({ checker }), budget(400));
  });
});
