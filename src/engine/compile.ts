// Rules compiled once into plain closures: the bulk path. json-rules-engine stays the meaning of a
// rule (and `explain` runs it); this evaluator gives the same verdicts without the engine's per-run
// almanac, promises and result objects. No code is generated from data: each condition becomes a
// closure over the engine's own operator functions and the engine's path resolution.
//
// What json-rules-engine 7 does, and this copies (test/engine/compile.test.ts checks it):
// - a fact is looked up among the run's facts; a missing one rejects the whole run ("Undefined fact");
// - with a `path`, an object fact is resolved by the pathResolver, any other value is used as is;
// - a `value` that is an object with an own `fact` key is itself a fact lookup;
// - a leaf is `validator(factValue) && operator(factValue, value)`;
// - `all`/`any` of 0 conditions is true, of 1 is that condition, of more uses `=== true` per child;
// - every leaf of a rule is evaluated (no short-circuit within one priority), so a leaf that throws
//   rejects the run even where the result was already known. Only `in`/`notIn` can throw (on a
//   value that is neither a list nor a string); rules with such a leaf are run without short-circuit.
import { createRequire } from 'node:module';
import type { DocumentFacts, Scope } from '../facts/index.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { resolvePath, segments } from './template.js';
import type { Evaluator, Hit } from './run.js';
import type { Rule } from './types.js';

type Facts = Record<string, unknown>;
/** A compiled condition: the document's base facts and the scope's item (undefined for profile). */
type Test = (base: Facts, item: unknown) => unknown;

interface Operator {
  cb: (a: unknown, b: unknown) => unknown;
  validator: (a: unknown) => unknown;
  /** Whether the operator can throw on some value (the engine's `in`/`notIn` call `b.indexOf`). */
  mayThrow: (value: unknown, isFactRef: boolean) => boolean;
}

// The engine's default operators themselves (name, cb, factValueValidator), not copies of them.
const engineDefaults = (createRequire(import.meta.url)('json-rules-engine/dist/engine-default-operators.js') as {
  default: { name: string; cb: (a: unknown, b: unknown) => unknown; factValueValidator: (a: unknown) => unknown }[];
}).default;

const indexable = (v: unknown) => typeof v === 'string' || Array.isArray(v);

export const OPERATORS: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ...engineDefaults.map((o): [string, Operator] => [
    o.name,
    {
      cb: o.cb,
      validator: o.factValueValidator,
      mayThrow: o.name === 'in' || o.name === 'notIn' ? (v, ref) => ref || !indexable(v) : () => false,
    },
  ]),
  ...Object.entries(CUSTOM_OPERATORS).map(([name, cb]): [string, Operator] => [name, { cb, validator: () => true, mayThrow: () => false }]),
]);

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Thrown, like the engine's UndefinedFactError, when a rule reads a fact the run does not have. */
export class UndefinedFactError extends Error {
  code = 'UNDEFINED_FACT';
}

interface Compiled {
  rule: Rule;
  test: Test;
  /** Every fact the rule reads (its leaves' facts and fact-valued values). */
  facts: string[];
}

/** One fact read: `fact` (+ `path`), from the scope's item or the base facts. */
function reader(fact: string, path: unknown, scope: Scope): Test {
  const own = scope !== 'profile' && fact === scope;
  const get: Test = own ? (_b, item) => item : (base) => base[fact];
  if (!path) return get;
  const p = String(path);
  const segs = segments(p);
  // A direct read is the fast path; a name Object or Array has (`constructor`) goes the own-key way.
  if (segs.length === 1 && !(segs[0]! in Object.prototype) && !(segs[0]! in Array.prototype)) {
    const s = segs[0]!;
    return (b, i) => {
      const v = get(b, i);
      return v !== null && typeof v === 'object' ? (v as Facts)[s] : v;
    };
  }
  return (b, i) => {
    const v = get(b, i);
    return v !== null && typeof v === 'object' ? resolvePath(v, p) : v;
  };
}

const isFactRef = (v: unknown): v is { fact: string; path?: string } => v !== null && typeof v === 'object' && hasOwn(v, 'fact');

/** The boolean operator of a node, in the engine's order of precedence. */
function boolOf(c: object): 'any' | 'all' | 'not' | undefined {
  return hasOwn(c, 'any') ? 'any' : hasOwn(c, 'all') ? 'all' : hasOwn(c, 'not') ? 'not' : undefined;
}

/** `strict`: evaluate every leaf, as the engine does (for rules that may throw); `mayThrow` is found out. */
interface Ctx {
  strict: boolean;
  mayThrow: boolean;
}

/** Compiles a condition tree into one closure. */
function compileNode(c: unknown, scope: Scope, facts: Set<string>, ctx: Ctx, where: string): Test {
  if (c === null || typeof c !== 'object') throw new Error(`${where}: a condition must be a mapping`);
  const node = c as Record<string, unknown>;
  const bool = boolOf(node);
  if (bool === 'not') {
    if (Array.isArray(node.not)) throw new Error(`${where}: "not" cannot be a list`);
    const inner = compileNode(node.not, scope, facts, ctx, `${where}/not`);
    return (b, i) => !inner(b, i);
  }
  if (bool) {
    const list = node[bool];
    if (!Array.isArray(list)) throw new Error(`${where}: "${bool}" must be a list`);
    return combine(bool, list.map((x, k) => compileNode(x, scope, facts, ctx, `${where}/${bool}/${k}`)), ctx);
  }
  if (hasOwn(node, 'condition')) throw new Error(`${where}: condition references are not supported`);
  for (const k of ['fact', 'operator', 'value']) if (!hasOwn(node, k)) throw new Error(`${where}: a condition needs "${k}"`);
  const op = OPERATORS.get(String(node.operator));
  if (!op) throw new Error(`${where}: unknown operator "${String(node.operator)}"`);
  const fact = String(node.fact);
  facts.add(fact);
  const left = reader(fact, node.path, scope);
  const { cb, validator } = op;
  const value = node.value;
  const ref = isFactRef(value);
  if (op.mayThrow(value, ref)) ctx.mayThrow = true;
  if (ref) {
    facts.add(String(value.fact));
    const right = reader(String(value.fact), value.path, scope);
    return (b, i) => {
      const a = left(b, i);
      const r = right(b, i);
      return validator(a) && cb(a, r);
    };
  }
  // The common case, specialised: `equal` has no validator and is `===`.
  if (node.operator === 'equal') return (b, i) => left(b, i) === value;
  if (node.operator === 'notEqual') return (b, i) => left(b, i) !== value;
  return (b, i) => {
    const a = left(b, i);
    return validator(a) && cb(a, value);
  };
}

function combine(bool: 'all' | 'any', kids: Test[], ctx: Ctx): Test {
  if (kids.length === 0) return () => true;
  if (kids.length === 1) return kids[0]!;
  if (ctx.strict) {
    return bool === 'all' ? (b, i) => kids.map((k) => k(b, i)).every((r) => r === true) : (b, i) => kids.map((k) => k(b, i)).some((r) => r === true);
  }
  if (bool === 'all') {
    return (b, i) => {
      for (const k of kids) if (k(b, i) !== true) return false;
      return true;
    };
  }
  return (b, i) => {
    for (const k of kids) if (k(b, i) === true) return true;
    return false;
  };
}

/** One rule's conditions as a test over (base facts, scope item). Throws on a malformed tree. */
export function compileRule(rule: Rule): Compiled {
  const facts = new Set<string>();
  const where = `${rule.id}: /conditions`;
  if (rule.conditions === null || typeof rule.conditions !== 'object' || !boolOf(rule.conditions)) {
    throw new Error(`${where}: the root must be "all", "any" or "not"`);
  }
  const ctx: Ctx = { strict: false, mayThrow: false };
  let root = compileNode(rule.conditions, rule.scope, facts, ctx, where);
  // Known only once every leaf is compiled: a rule that may throw is compiled again, strictly.
  if (ctx.mayThrow) root = compileNode(rule.conditions, rule.scope, facts, { strict: true, mayThrow: true }, where);
  // The engine decides a rule by the truthiness of its top-level result.
  const test: Test = (b, i) => !!root(b, i);
  return { rule, test, facts: [...facts] };
}

/** The compiled evaluator: same hits as `engineEvaluator(rules)`, in rule order per run. */
export function compiledEvaluator(rules: Rule[]): Evaluator & { runSync(doc: DocumentFacts): Hit[] } {
  const byScope = new Map<Scope, Compiled[]>();
  for (const rule of rules) {
    const c = compileRule(rule);
    const list = byScope.get(rule.scope) ?? [];
    list.push(c);
    byScope.set(rule.scope, list);
  }
  const scopes = [...byScope].map(([scope, list]) => ({ scope, list, facts: [...new Set(list.flatMap((c) => c.facts))] }));

  const runSync = (doc: DocumentFacts): Hit[] => {
    const hits: Hit[] = [];
    const base = doc.base as unknown as Facts;
    for (const { scope, list, facts } of scopes) {
      const items: unknown[] = scope === 'profile' ? [undefined] : ((doc as unknown as Record<string, unknown[]>)[scope] ?? []);
      if (items.length === 0) continue;
      // As in the engine, a fact the run lacks fails the whole run, whichever rule reads it.
      for (const f of facts) {
        if (!(hasOwn(base, f) || (scope !== 'profile' && f === scope))) throw new UndefinedFactError(`Undefined fact: ${f}`);
      }
      for (const item of items) {
        let merged: Facts | undefined;
        for (const c of list) {
          if (c.test(base, item)) {
            // Built only for a hit: the facts the engine would have seen, for messages and evidence.
            merged ??= scope === 'profile' ? base : { ...base, [scope]: item };
            hits.push({ rule: c.rule, facts: merged });
          }
        }
      }
    }
    return hits;
  };
  return { runSync, run: async (doc) => runSync(doc) };
}
