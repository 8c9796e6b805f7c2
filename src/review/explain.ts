// Why a rule fired (or did not): its condition tree with the value at every leaf and whether it held.
// The tree is the compiled evaluator's trace (src/engine/compile.ts), so an explanation is what
// `check` decided, from the same code; this module only puts it in words.
import { traceRule } from '../engine/compile.js';
import type { Explanation, ExplainNode, ExplainLeaf, Rule } from '../engine/types.js';

export type { Explanation, ExplainNode, ExplainLeaf, ExplainGroup } from '../engine/types.js';

/** "$.a.b" → "a.b" after the fact name. */
const ref = (fact: string, path?: string) => `${fact}${path ? `.${path.replace(/^\$\.?/, '')}` : ''}`;

/**
 * Runs one rule on one scope run's facts (`scopeRuns`) and returns its tree with every value. A leaf
 * after the point where its group was decided is shown with its values but not evaluated.
 */
export function explainRule(rule: Rule, facts: Record<string, unknown>): Explanation {
  return traceRule(rule, facts);
}

/** A value as a reader sees it: strings bare, missing as "—". */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (Array.isArray(v)) return v.length ? `[${v.map(showValue).join(', ')}]` : '[]';
  if (typeof v === 'object') {
    const o = v as { fact?: string; path?: string };
    if (typeof o.fact === 'string') return ref(o.fact, o.path);
    return JSON.stringify(v);
  }
  return String(v);
}

const GROUP_WORDS = { all: 'all of', any: 'any of', not: 'not' } as const;

/** What a group or leaf says, in words ("cwc.bound equal false"). */
export function describeNode(n: ExplainNode): string {
  if (n.kind !== 'leaf') return GROUP_WORDS[n.kind];
  return `${n.fact} ${n.operator} ${n.expectedFact ?? showValue(n.expected)}`;
}

/** The values a leaf compared ("is true", "is 2000-03-23, compared with 1997-04-29"). */
export function describeValues(n: ExplainLeaf): string {
  const right = n.expectedFact ? `; ${n.expectedFact} is ${showValue(n.compared)}` : '';
  return `${n.fact} is ${showValue(n.actual)}${right}`;
}

export const heldMark = (held: boolean | undefined) => (held === true ? '✓' : held === false ? '✗' : '·');
export const heldWord = (held: boolean | undefined) => (held === true ? 'holds' : held === false ? 'fails' : 'not evaluated');

/** The tree as indented plain text, one node a line. */
export function treeText(n: ExplainNode, indent = ''): string[] {
  if (n.kind === 'leaf') return [`${indent}${heldMark(n.held)} ${describeNode(n)}  (${describeValues(n)})`];
  return [`${indent}${heldMark(n.held)} ${describeNode(n)}:`, ...n.children.flatMap((c) => treeText(c, `${indent}    `))];
}
