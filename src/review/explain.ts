// Why a rule fired (or did not): its condition tree with the value at every leaf and whether it held.
// The values come from json-rules-engine's own results (`factResult`, `valueResult`, `result`), so the
// explanation is what the engine saw; what it leaves out (a right-hand fact reference it did not
// resolve, a leaf it never reached) is filled in from the same facts.
import { Engine } from 'json-rules-engine';
import { registerOperators } from '../engine/operators.js';
import { resolvePath, factValue } from '../engine/template.js';
import { isLeaf, type Condition, type Rule } from '../engine/types.js';

export interface ExplainLeaf {
  kind: 'leaf';
  /** "cwc.bound": the fact and path, as a message template would write it. */
  fact: string;
  operator: string;
  /** The right-hand side as written: a constant, or `{ fact }` for a fact reference. */
  expected: unknown;
  /** The right-hand fact reference ("cwc.entryIntoForce"), when it is one. */
  expectedFact?: string;
  /** The value the fact had. */
  actual: unknown;
  /** The right-hand value compared (the constant, or the referenced fact's value). */
  compared: unknown;
  /** Whether the leaf held; undefined when the engine did not evaluate it. */
  held: boolean | undefined;
}

export interface ExplainGroup {
  kind: 'all' | 'any' | 'not';
  held: boolean | undefined;
  children: ExplainNode[];
}

export type ExplainNode = ExplainLeaf | ExplainGroup;

export interface Explanation {
  ruleId: string;
  fired: boolean;
  tree: ExplainNode;
}

/** "$.a.b" → "a.b" after the fact name. */
const ref = (fact: string, path?: string) => `${fact}${path ? `.${path.replace(/^\$\.?/, '')}` : ''}`;

type EngineCondition = Record<string, unknown> & { result?: boolean; factResult?: unknown; valueResult?: unknown };

function convert(c: EngineCondition, facts: Record<string, unknown>): ExplainNode {
  for (const kind of ['all', 'any'] as const) {
    if (Array.isArray(c[kind])) return { kind, held: c.result, children: (c[kind] as EngineCondition[]).map((x) => convert(x, facts)) };
  }
  if (c.not && typeof c.not === 'object') return { kind: 'not', held: c.result, children: [convert(c.not as EngineCondition, facts)] };
  const fact = ref(String(c.fact), c.path as string | undefined);
  const v = c.value as { fact?: unknown; path?: string } | null;
  const isRef = !!v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string';
  const expectedFact = isRef ? ref(v!.fact as string, v!.path) : undefined;
  // The engine records values only for leaves it evaluated; read the rest from the same facts.
  const actual = 'factResult' in c ? c.factResult : factValue(facts, fact);
  const compared = 'valueResult' in c && c.valueResult !== undefined ? c.valueResult : isRef ? factValue(facts, expectedFact!) : c.value;
  return { kind: 'leaf', fact, operator: String(c.operator), expected: c.value, ...(expectedFact ? { expectedFact } : {}), actual, compared, held: c.result };
}

// One engine per rule, kept: explanations are asked for one rule at a time, and runs are awaited.
const engines = new WeakMap<Rule, Engine>();

function engineFor(rule: Rule): Engine {
  let e = engines.get(rule);
  if (!e) {
    e = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
    registerOperators(e);
    e.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
    engines.set(rule, e);
  }
  return e;
}

/** Runs one rule on one scope run's facts and returns its tree with every value. */
export async function explainRule(rule: Rule, facts: Record<string, unknown>): Promise<Explanation> {
  const { results, failureResults } = await engineFor(rule).run(facts);
  const r = (results[0] ?? failureResults[0]) as unknown as { result: boolean; conditions: EngineCondition } | undefined;
  if (!r) return { ruleId: rule.id, fired: false, tree: settle(fromRule(rule.conditions, facts)) };
  const tree = settle(convert(r.conditions, facts));
  // The engine judges the top-level group itself without recording it on the tree: take the rule's result.
  if (tree.kind !== 'leaf') tree.held = r.result;
  return { ruleId: rule.id, fired: r.result, tree };
}

/** Fills in a group's verdict from its children where the engine left it out (and all it needs is known). */
function settle(n: ExplainNode): ExplainNode {
  if (n.kind === 'leaf' || n.held !== undefined) {
    if (n.kind !== 'leaf') n.children.forEach(settle);
    return n;
  }
  const held = n.children.map((c) => settle(c).held);
  if (n.kind === 'not') n.held = held[0] === undefined ? undefined : !held[0];
  else if (n.kind === 'all') n.held = held.includes(false) ? false : held.every((h) => h === true) ? true : undefined;
  else n.held = held.includes(true) ? true : held.every((h) => h === false) ? false : undefined;
  return n;
}

/** The tree from the rule itself, when the engine returned no result: values read, nothing judged. */
function fromRule(c: Condition, facts: Record<string, unknown>): ExplainNode {
  if (isLeaf(c)) return convert({ ...c } as unknown as EngineCondition, facts);
  if ('all' in c) return { kind: 'all', held: undefined, children: c.all.map((x) => fromRule(x, facts)) };
  if ('any' in c) return { kind: 'any', held: undefined, children: c.any.map((x) => fromRule(x, facts)) };
  return { kind: 'not', held: undefined, children: [fromRule(c.not, facts)] };
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
