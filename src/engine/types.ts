import type { Finding, Severity } from '../model/finding.js';
import type { Scope } from '../facts/index.js';
import type { Profile } from '../model/profile.js';
import type { Loaded } from '../load/types.js';
import type { FixDeclaration } from '../model/fix.js';
import type { Checks } from './checks.js';

export interface Leaf {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}
export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type TopLevel = { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** A finding an invalid example expects: a row named by its instrument id (and `at` inside it), or a pointer outside the rows. */
export interface ExpectedFinding {
  instruments?: string[];
  row?: string;
  nth?: number;
  at?: string;
  pointer?: string;
  message?: string;
}

export interface RuleExample {
  name: string;
  base?: 'kazakhstan' | 'seed' | 'minimal';
  state?: Record<string, unknown>;
  set?: Record<string, Record<string, unknown> | null>;
  profile?: Record<string, unknown>;
  text?: string;
  findings?: ExpectedFinding[];
  /** The profile after the rule's fix: the example's own profile with these rows and keys changed. */
  fixed?: { set?: RuleExample['set']; profile?: Record<string, unknown> };
}

/** A rule as written in rules/<id>.yaml. */
export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  category: 'consistency' | 'obligation' | 'vocabulary' | 'temporal' | 'editorial';
  basis: string;
  confidence?: 'confirmed' | 'unconfirmed';
  description: string;
  scope: Scope;
  instruments?: string[];
  at?: string[];
  field?: string;
  message: string;
  /** Values computed by check functions (src/engine/checks.ts), read by the conditions as the fact `check`. */
  checks?: Checks;
  conditions: TopLevel;
  /** A safe fix: one right answer, applied by --fix. */
  fix?: FixDeclaration;
  /** Answers a person chooses among: shown, applied only when asked. */
  suggestions?: FixDeclaration[];
  examples: { valid: RuleExample[]; invalid: RuleExample[] };
  /** The file it was read from. */
  file: string;
}

export const isLeaf = (c: Condition): c is Leaf => typeof (c as Leaf).fact === 'string';

/** Every leaf of a condition tree, in order. */
export function leaves(c: Condition, out: Leaf[] = []): Leaf[] {
  if (isLeaf(c)) out.push(c);
  else if ('all' in c) c.all.forEach((x) => leaves(x, out));
  else if ('any' in c) c.any.forEach((x) => leaves(x, out));
  else leaves(c.not, out);
  return out;
}

// ---- A rule's trace: its condition tree as one run evaluated it (`explain`, the review page) ----

export interface ExplainLeaf {
  kind: 'leaf';
  /** Where the condition stands in the rule file ("/conditions/all/2"); absent in trees not from a rule. */
  pointer?: string;
  /** "cwc.bound": the fact and path, as a message template would write it. */
  fact: string;
  operator: string;
  /** The right-hand side as written: a constant, or `{ fact }` for a fact reference. */
  expected: unknown;
  /** The right-hand fact reference ("cwc.entryIntoForce"), when it is one. */
  expectedFact?: string;
  /** The value the fact had (read even where the leaf was not evaluated). */
  actual: unknown;
  /** The right-hand value compared (the constant, or the referenced fact's value). */
  compared: unknown;
  /** Whether the leaf held; undefined when it was not evaluated (a group before it had decided). */
  held: boolean | undefined;
}

export interface ExplainGroup {
  kind: 'all' | 'any' | 'not';
  pointer?: string;
  /** Whether the group held; undefined when it was not evaluated. */
  held: boolean | undefined;
  children: ExplainNode[];
}

export type ExplainNode = ExplainLeaf | ExplainGroup;

export interface Explanation {
  ruleId: string;
  fired: boolean;
  tree: ExplainNode;
}

/**
 * What a later stage adds to each finding from the hit that drew it (the fix stage fills in the
 * rule's fixes): passed in, so that the engine imports no stage after it.
 */
export type FindingHook = (finding: Finding, hit: { rule: Rule; facts: Record<string, unknown> }, profile: Profile) => Finding;

/** Runs the rules on a schema-valid profile; supplied by the rules stage to the pipeline. */
export type RuleRunner = (profile: Profile, loaded: Loaded, file: string) => Promise<Finding[]>;
