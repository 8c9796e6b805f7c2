// Rules compiled once into plain closures: the one evaluator of `check`, `explain`, the review page
// and the search for a condition that throws. json-rules-engine stays the meaning of a rule (the
// differential test and `evaluator: 'engine'`); this gives the same verdicts without the engine's
// per-run almanac, promises and result objects. No code is generated from data: each condition
// becomes a closure over the engine's own operator functions and the engine's path resolution.
// Each node compiles to two views of the same closures: `test` (the fast verdict) and `trace` (the
// verdict with every value read, for one run of one rule).
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
//   Other rules short-circuit: `all` stops at its first child that is not true, `any` at its first
//   true one. A trace shows that: the children after the decision are read but not evaluated
//   (`held: undefined`). The engine evaluates them all, so a trace's evaluated leaves are a subset
//   of the engine's, with the same verdicts (test/engine/compile.test.ts checks both).
import { createRequire } from 'node:module';
import type { DocumentFacts, Scope } from '../facts/index.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { resolvePath, segments } from './template.js';
import type { Evaluator, Hit } from './run.js';
import type { Explanation, ExplainNode, Rule } from './types.js';
import { conditionFailure, ruleChecks } from './failure.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

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
const engineDefaults = (
  createRequire(import.meta.url)('json-rules-engine/dist/engine-default-operators.js') as {
    default: { name: string; cb: (a: unknown, b: unknown) => unknown; factValueValidator: (a: unknown) => unknown }[];
  }
).default;

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

const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);

/** Thrown, like the engine's UndefinedFactError, when a rule reads a fact the run does not have. */
export class UndefinedFactError extends AdherenceError {
  constructor(readonly fact: string) {
    super(`Undefined fact: ${fact}`, ERROR_CODES.undefinedFact);
  }
}

/** What a node evaluated to (the engine's raw value, undefined if not evaluated) and what it saw. */
type Traced = { value: unknown; node: ExplainNode };

/** One condition node, compiled: the fast verdict, and the same verdict traced (`run` false: read only). */
interface Node {
  test: Test;
  trace(base: Facts, item: unknown, run: boolean): Traced;
}

interface Compiled {
  rule: Rule;
  /** Set to the run's `check` fact before `test` or a trace, for a rule with `checks:`. */
  slot?: CheckSlot;
  test: Test;
  root: Node;
  /** Every fact the rule reads (its leaves' facts and fact-valued values). */
  facts: string[];
}

/** The `check` fact of the run being evaluated, for a rule with check functions (set before each run). */
interface CheckSlot {
  value: unknown;
}

/** One fact read: `fact` (+ `path`), from the scope's item, the run's `check` values or the base facts. */
function reader(fact: string, path: unknown, scope: Scope, slot?: CheckSlot): Test {
  const own = scope !== 'profile' && fact === scope;
  const get: Test = own ? (_b, item) => item : slot && fact === 'check' ? () => slot.value : (base) => base[fact];
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

/** "cwc.bound": a fact and its path as a message template writes it. */
const label = (fact: string, path: unknown) => `${fact}${path ? `.${String(path).replace(/^\$\.?/, '')}` : ''}`;

/** The boolean operator of a node, in the engine's order of precedence. */
function boolOf(c: object): 'any' | 'all' | 'not' | undefined {
  return hasOwn(c, 'any') ? 'any' : hasOwn(c, 'all') ? 'all' : hasOwn(c, 'not') ? 'not' : undefined;
}

/** `strict`: evaluate every leaf, as the engine does (for rules that may throw); `mayThrow` is found out. */
interface Ctx {
  rule: Rule;
  /** Where a rule with `checks:` finds the run's `check` fact. */
  slot?: CheckSlot;
  strict: boolean;
  mayThrow: boolean;
}

/** Compiles a condition tree into closures; `ptr` is the node's JSON pointer in the rule file. */
function compileNode(c: unknown, facts: Set<string>, ctx: Ctx, ptr: string): Node {
  const where = `${ctx.rule.id}: ${ptr}`;
  if (c === null || typeof c !== 'object') throw new Error(`${where}: a condition must be a mapping`);
  const node = c as Record<string, unknown>;
  const bool = boolOf(node);
  if (bool === 'not') {
    if (Array.isArray(node.not)) throw new Error(`${where}: "not" cannot be a list`);
    const inner = compileNode(node.not, facts, ctx, `${ptr}/not`);
    const innerTest = inner.test;
    return {
      test: (b, i) => !innerTest(b, i),
      trace: (b, i, run) => {
        const t = inner.trace(b, i, run);
        return {
          value: run ? !t.value : undefined,
          node: { kind: 'not', pointer: ptr, held: run ? !t.value : undefined, children: [t.node] },
        };
      },
    };
  }
  if (bool) {
    const list = node[bool];
    if (!Array.isArray(list)) throw new Error(`${where}: "${bool}" must be a list`);
    return group(
      bool,
      list.map((x, k) => compileNode(x, facts, ctx, `${ptr}/${bool}/${k}`)),
      ctx,
      ptr,
    );
  }
  if (hasOwn(node, 'condition')) throw new Error(`${where}: condition references are not supported`);
  for (const k of ['fact', 'operator', 'value']) if (!hasOwn(node, k)) throw new Error(`${where}: a condition needs "${k}"`);
  const op = OPERATORS.get(String(node.operator));
  if (!op) throw new Error(`${where}: unknown operator "${String(node.operator)}"`);
  const fact = String(node.fact);
  facts.add(fact);
  const operator = String(node.operator);
  const left = reader(fact, node.path, scope(ctx), ctx.slot);
  const { cb, validator } = op;
  const value = node.value;
  const ref = isFactRef(value);
  if (ref) facts.add(String(value.fact));
  const right: Test = ref ? reader(String(value.fact), value.path, scope(ctx), ctx.slot) : () => value;
  const compare = (a: unknown, r: unknown) => validator(a) && cb(a, r);
  // A throwing leaf names itself: the rule file, the condition, the values (no second evaluator).
  const guarded = (a: unknown, r: unknown) => {
    try {
      return compare(a, r);
    } catch (err) {
      throw conditionFailure(ctx.rule, ptr, operator, a, r, err);
    }
  };
  const trace = (b: Facts, i: unknown, run: boolean): Traced => {
    const a = left(b, i);
    const r = right(b, i);
    const v = run ? guarded(a, r) : undefined;
    const leaf: ExplainNode = {
      kind: 'leaf',
      pointer: ptr,
      fact: label(fact, node.path),
      operator,
      expected: value,
      actual: a,
      compared: r,
      held: run ? v === true : undefined,
    };
    if (ref) leaf.expectedFact = label(String(value.fact), value.path);
    return { value: v, node: leaf };
  };
  if (op.mayThrow(value, ref)) {
    ctx.mayThrow = true;
    return { test: (b, i) => guarded(left(b, i), right(b, i)), trace };
  }
  // The common case, specialised: `equal` has no validator and is `===`.
  if (!ref && operator === 'equal') return { test: (b, i) => left(b, i) === value, trace };
  if (!ref && operator === 'notEqual') return { test: (b, i) => left(b, i) !== value, trace };
  if (ref) return { test: (b, i) => compare(left(b, i), right(b, i)), trace };
  return {
    test: (b, i) => {
      const a = left(b, i);
      return validator(a) && cb(a, value);
    },
    trace,
  };
}

const scope = (ctx: Ctx) => ctx.rule.scope;

function group(kind: 'all' | 'any', kids: Node[], ctx: Ctx, ptr: string): Node {
  const test = combine(
    kind,
    kids.map((k) => k.test),
    ctx,
  );
  // Where the fast path stops, the trace stops evaluating: what follows is read, not judged.
  const decides = (v: unknown) => (kind === 'all' ? v !== true : v === true);
  const trace = (b: Facts, i: unknown, run: boolean): Traced => {
    const children: ExplainNode[] = [];
    const values: unknown[] = [];
    let decided = false;
    for (const k of kids) {
      const t = k.trace(b, i, run && (ctx.strict || !decided));
      children.push(t.node);
      if (run && (ctx.strict || !decided)) {
        values.push(t.value);
        decided ||= decides(t.value);
      }
    }
    // As the engine: 0 children is true, 1 is that child's value, more is every/some `=== true`.
    const value = !run
      ? undefined
      : kids.length === 0
        ? true
        : kids.length === 1
          ? values[0]
          : kind === 'all'
            ? values.every((v) => v === true)
            : values.some((v) => v === true);
    return { value, node: { kind, pointer: ptr, held: run ? value === true : undefined, children } };
  };
  return { test, trace };
}

function combine(bool: 'all' | 'any', kids: Test[], ctx: Ctx): Test {
  if (kids.length === 0) return () => true;
  if (kids.length === 1) return kids[0]!;
  if (ctx.strict) {
    return bool === 'all'
      ? (b, i) => kids.map((k) => k(b, i)).every((r) => r === true)
      : (b, i) => kids.map((k) => k(b, i)).some((r) => r === true);
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

const compiledRules = new WeakMap<Rule, Compiled>();

/** One rule's conditions as a test over (base facts, scope item), compiled once per rule. Throws on a malformed tree. */
export function compileRule(rule: Rule): Compiled {
  const known = compiledRules.get(rule);
  if (known) return known;
  const facts = new Set<string>();
  if (rule.conditions === null || typeof rule.conditions !== 'object' || !boolOf(rule.conditions)) {
    throw new Error(`${rule.id}: /conditions: the root must be "all", "any" or "not"`);
  }
  const slot: CheckSlot | undefined = rule.checks ? { value: undefined } : undefined;
  const ctx: Ctx = { rule, strict: false, mayThrow: false, ...(slot ? { slot } : {}) };
  let root = compileNode(rule.conditions, facts, ctx, '/conditions');
  // Known only once every leaf is compiled: a rule that may throw is compiled again, strictly.
  if (ctx.mayThrow) root = compileNode(rule.conditions, facts, { ...ctx, strict: true, mayThrow: true }, '/conditions');
  const top = root.test;
  // The engine decides a rule by the truthiness of its top-level result.
  const test: Test = (b, i) => !!top(b, i);
  const compiled: Compiled = { rule, test, root, facts: [...facts], ...(slot ? { slot } : {}) };
  compiledRules.set(rule, compiled);
  return compiled;
}

/**
 * One run of one rule, traced: its condition tree with the value every leaf read, the value it was
 * compared with, and whether each leaf and group held. `facts` are that run's facts (`scopeRuns`).
 * The verdicts are those of the compiled test, from the same closures.
 */
export function traceRule(rule: Rule, facts: Record<string, unknown>): Explanation {
  const c = compileRule(rule);
  // A fact the rule reads and the run lacks fails the run, as in check (no `allowUndefinedFacts`).
  for (const f of c.facts) if (!hasOwn(facts, f)) throw new UndefinedFactError(f);
  const item = rule.scope === 'profile' ? undefined : facts[rule.scope];
  if (c.slot) c.slot.value = facts.check;
  const { value, node } = c.root.trace(facts, item, true);
  const fired = !!value;
  node.held = fired;
  return { ruleId: rule.id, fired, tree: node };
}

/**
 * A hit of the compiled evaluator: the run's facts are the document's base facts, the scope's item
 * and the rule's `check` values; the object holding them all (`facts`, as the engine sees them) is
 * built only if someone reads it. Findings read the few facts they name through `fact`.
 */
class RunHit implements Hit {
  #facts: Facts | undefined;
  constructor(
    readonly rule: Rule,
    private readonly base: Facts,
    private readonly item: unknown,
    private readonly check: unknown,
  ) {}

  get facts(): Facts {
    if (!this.#facts) {
      const { scope } = this.rule;
      const merged = scope === 'profile' ? this.base : { ...this.base, [scope]: this.item };
      this.#facts = this.rule.checks ? { ...merged, check: this.check } : merged;
    }
    return this.#facts;
  }

  /** What `facts[name]` holds, own keys only, as `facts` would have it. */
  fact(name: string): unknown {
    const { scope } = this.rule;
    if (name === 'check' && this.rule.checks) return this.check;
    if (name === scope && scope !== 'profile') return this.item;
    return hasOwn(this.base, name) ? this.base[name] : undefined;
  }
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
  const scopes = [...byScope].map(([scope, list]) => ({
    scope,
    list,
    facts: [...new Set(list.flatMap((c) => c.facts))],
    withChecks: list.some((c) => c.slot),
  }));

  const runSync = (doc: DocumentFacts): Hit[] => {
    const hits: Hit[] = [];
    const base = doc.base as unknown as Facts;
    for (const { scope, list, facts, withChecks } of scopes) {
      const items: unknown[] = scope === 'profile' ? [undefined] : ((doc as unknown as Record<string, unknown[]>)[scope] ?? []);
      if (items.length === 0) continue;
      // As in the engine, a fact the run lacks fails the whole run, whichever rule reads it.
      for (const f of facts)
        if (!(hasOwn(base, f) || (scope !== 'profile' && f === scope) || (f === 'check' && withChecks))) throw new UndefinedFactError(f);
      // Each rule's check functions run once per document, over all its runs.
      const checks = list.map((c) => (c.slot ? ruleChecks(c.rule, doc) : undefined));
      for (let k = 0; k < items.length; k++) {
        const item = items[k];
        for (let r = 0; r < list.length; r++) {
          const c = list[r]!;
          const check = checks[r]?.[k];
          if (c.slot) c.slot.value = check;
          if (c.test(base, item)) hits.push(new RunHit(c.rule, base, item, check));
        }
      }
    }
    return hits;
  };
  return { runSync, run: async (doc) => runSync(doc) };
}
