import type { Severity } from '../model/finding.js';
import type { Scope } from '../facts/index.js';

export interface Leaf {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}
export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type TopLevel = { all: Condition[] } | { any: Condition[] } | { not: Condition };

export interface RuleExample {
  name: string;
  base?: 'kazakhstan' | 'seed' | 'minimal';
  state?: Record<string, unknown>;
  set?: Record<string, Record<string, unknown> | null>;
  profile?: Record<string, unknown>;
  text?: string;
  findings?: { instruments?: string[]; pointer?: string; message?: string }[];
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
  conditions: TopLevel;
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
