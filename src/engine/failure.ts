// A rule whose condition throws while it runs (say `in` against a value that turned out to be a
// number): the rule set's fault, reported as one line naming the rule file and the condition, exit 2.
// Shared by every evaluator: each catches what a rule throws and passes it here.
import { createRequire } from 'node:module';
import { RuleSetError, rulePlace } from './load.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { resolvePath } from './template.js';
import type { Condition, Rule } from './types.js';
import type { DocumentFacts } from '../facts/index.js';
import { scopeRuns } from './run.js';
import { isLeaf } from './types.js';

export class RuleRunError extends RuleSetError {
  override name = 'RuleSetError';
  constructor(
    message: string,
    readonly rule: Rule,
  ) {
    super(message);
  }
}

type Op = { cb: (a: unknown, b: unknown) => unknown; validator: (a: unknown) => unknown };
let operators: Map<string, Op> | undefined;
/** json-rules-engine's own operator functions (loaded only on this error path), then ours. */
function operator(name: string): Op | undefined {
  if (!operators) {
    const defaults = (createRequire(import.meta.url)('json-rules-engine/dist/engine-default-operators.js') as {
      default: { name: string; cb: Op['cb']; factValueValidator: Op['validator'] }[];
    }).default;
    operators = new Map(defaults.map((o) => [o.name, { cb: o.cb, validator: o.factValueValidator }]));
    for (const [n, cb] of Object.entries(CUSTOM_OPERATORS)) operators.set(n, { cb, validator: () => true });
  }
  return operators.get(name);
}

const read = (facts: Record<string, unknown>, fact: string, path: unknown) => {
  const v = facts[fact];
  return path && v !== null && typeof v === 'object' ? resolvePath(v, String(path)) : v;
};
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v));

/** The first leaf that throws on these facts, as the engine evaluates it, with what it compared. */
export function throwingLeaf(rule: Rule, facts: Record<string, unknown>): { pointer: string; detail: string } | undefined {
  const walk = (c: Condition, ptr: string): { pointer: string; detail: string } | undefined => {
    if (!isLeaf(c)) {
      const [key, kids] = 'all' in c ? ['all', c.all] : 'any' in c ? ['any', c.any] : ['not', [c.not]];
      for (let i = 0; i < kids.length; i++) {
        const found = walk(kids[i]!, key === 'not' ? `${ptr}/not` : `${ptr}/${key}/${i}`);
        if (found) return found;
      }
      return undefined;
    }
    const op = operator(c.operator);
    if (!op) return undefined;
    const a = read(facts, c.fact, c.path);
    const ref = c.value as { fact?: unknown; path?: unknown } | null;
    const b = ref && typeof ref === 'object' && !Array.isArray(ref) && typeof ref.fact === 'string' ? read(facts, ref.fact, ref.path) : c.value;
    try {
      if (op.validator(a)) op.cb(a, b);
      return undefined;
    } catch (err) {
      return { pointer: ptr, detail: `"${c.operator}" cannot compare ${show(a)} with ${show(b)} (${(err as Error).message})` };
    }
  };
  return walk(rule.conditions, '/conditions');
}

/** The one-line error for a rule that threw: rule file, line and column of the condition at fault. */
export function ruleRunError(rule: Rule, facts: Record<string, unknown>, err: unknown): RuleRunError {
  const leaf = throwingLeaf(rule, facts);
  const why = leaf?.detail ?? (err instanceof Error ? err.message : String(err));
  return new RuleRunError(`${rulePlace(rule.file, leaf?.pointer ?? '/conditions')}: rule "${rule.id}" failed at run time: ${why}`, rule);
}

/**
 * After an evaluator failed on a document: the rule at fault, found by trying each rule's leaves on
 * each of its runs' facts. Works whichever evaluator ran (engine or compiled); `err` if none throws.
 */
export function findFailure(rules: Iterable<Rule>, doc: DocumentFacts, err: unknown): unknown {
  if (err instanceof RuleRunError) return err;
  for (const rule of rules) {
    for (const facts of scopeRuns(doc, rule.scope)) if (throwingLeaf(rule, facts)) return ruleRunError(rule, facts, err);
  }
  return err;
}
