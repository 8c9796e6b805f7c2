// One fix of one finding, named so that a person can apply exactly it (`check --fix --fix-id ID`,
// the commands the review page shows): the finding's fingerprint, then `#fix` for its safe fix or
// `#suggestion-N` for its N-th suggestion. Fingerprints are stable across runs (baselines use them).
import type { Finding } from '../model/finding.js';
import type { Fix } from './types.js';

export interface NamedFix {
  id: string;
  kind: 'fix' | 'suggestion';
  fix: Fix;
}

/** A finding's fix and suggestions, each with its id; none for a waived finding (its text is kept on purpose). */
export function namedFixes(f: Finding): NamedFix[] {
  if (f.suppressed) return [];
  return [
    ...(f.fix ? [{ id: `${f.fingerprint}#fix`, kind: 'fix' as const, fix: f.fix }] : []),
    ...(f.suggestions ?? []).map((fix, k) => ({ id: `${f.fingerprint}#suggestion-${k + 1}`, kind: 'suggestion' as const, fix })),
  ];
}

/** The fix of a finding that one of `ids` names, if any. */
export function fixNamed(f: Finding, ids: readonly string[]): Fix | undefined {
  return namedFixes(f).find((n) => ids.includes(n.id))?.fix;
}
