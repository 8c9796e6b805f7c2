// The checks that are not rule files, registered like rules: id, severity, category, title,
// description and what to do. SARIF metadata, JUnit, `adherence rules`, waivers and the configuration
// read them from here; their ids are these constants, never string literals elsewhere.
import type { Category, Finding, Severity } from './finding.js';

export const PARSE = 'parse';
export const SCHEMA = 'schema';
export const WAIVER_EXPIRED = 'waiver-expired';
export const WAIVER_UNUSED = 'waiver-unused';
export const REFERENCE_MISMATCH = 'reference-mismatch';

export type BuiltinId = typeof PARSE | typeof SCHEMA | typeof WAIVER_EXPIRED | typeof WAIVER_UNUSED | typeof REFERENCE_MISMATCH;

export interface BuiltinCheck {
  id: BuiltinId;
  title: string;
  severity: Severity;
  category: Category;
  description: string;
  /** What the check rests on, where it rests on a document. */
  basis?: string;
  /** What to do about a finding. */
  help: string;
  /** What makes its findings: the profile document itself, the waivers file, or `review --reference`. */
  origin: 'document' | 'waivers' | 'review';
  /**
   * Why the configuration's `rules:` may not change its severity or turn it off; absent when it may.
   * `parse` and `schema` are fixed because rules run only on a document that passes both: a failure
   * hidden there would show an unchecked file as clean. `reference-mismatch` comes from `review`,
   * and its severity follows the disagreement, not a setting.
   */
  fixed?: string;
}

export const BUILTIN_CHECKS: Readonly<Record<BuiltinId, BuiltinCheck>> = {
  [PARSE]: {
    id: PARSE,
    title: 'The file can be read as a profile',
    severity: 'error',
    category: 'parse',
    description: 'The file is YAML, JSON or the published text layout, within the size and alias limits, and holds one document.',
    help: 'Fix the file at the line and column given; rules run only once it reads.',
    origin: 'document',
    fixed: 'rules run only on a document that passes it, so hiding it would show an unchecked file as clean',
  },
  [SCHEMA]: {
    id: SCHEMA,
    title: 'The profile matches the profile schema',
    severity: 'error',
    category: 'schema',
    description: 'The profile document matches schemas/profile.schema.json: known keys, status words, dates of the right form.',
    basis: 'schemas/profile.schema.json',
    help: 'Fix the node named; rules run only on a profile that matches the schema.',
    origin: 'document',
    fixed: 'rules run only on a document that passes it, so hiding it would show an unchecked file as clean',
  },
  [WAIVER_EXPIRED]: {
    id: WAIVER_EXPIRED,
    title: 'A waiver has expired',
    severity: 'warning',
    category: 'waiver',
    description: 'A waiver past its `expires` date no longer suppresses the findings it covered; they are reported again.',
    help: 'Renew the waiver with a new approval and date, or fix the profile.',
    origin: 'waivers',
  },
  [WAIVER_UNUSED]: {
    id: WAIVER_UNUSED,
    title: 'A waiver matches no finding',
    severity: 'warning',
    category: 'waiver',
    description:
      'The profile a waiver names was checked, the rule ran, and nothing matched: what was waived is gone (or the waiver names a rule that does not exist).',
    help: 'Remove the waiver so it cannot hide a later regression.',
    origin: 'waivers',
  },
  [REFERENCE_MISMATCH]: {
    id: REFERENCE_MISMATCH,
    title: 'The profile disagrees with the depositary',
    severity: 'error',
    category: 'reference',
    description:
      "A row's status or dates differ from the depositary's participant table (`review --reference`); a different kind of consent is a warning.",
    help: "Correct the row, or check the depositary's record and its date.",
    origin: 'review',
    fixed: 'its severity follows the disagreement (a different kind of consent is a warning), not a setting',
  },
};

export const isBuiltin = (id: string): id is BuiltinId => Object.hasOwn(BUILTIN_CHECKS, id);

/** The checks of the document itself: the rules run only on a document that passes both. */
export const DOCUMENT_CHECKS: readonly BuiltinId[] = [PARSE, SCHEMA];

/** The checks of the waivers file. */
export const WAIVER_CHECKS: readonly BuiltinId[] = [WAIVER_EXPIRED, WAIVER_UNUSED];

/** Whether a file failed a document check, so that no rule ran on it. */
export const documentFailed = (findings: readonly Finding[]) =>
  findings.some((f) => (DOCUMENT_CHECKS as readonly string[]).includes(f.ruleId));
