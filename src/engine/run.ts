// Running the rules with json-rules-engine: one Engine per scope, built once per rule set and run
// one document at a time (concurrent runs on one Engine can silently skip rules).
import type { Engine } from 'json-rules-engine';
import type { DocumentFacts, Scope } from '../facts/index.js';
import { registerOperators } from './operators.js';
import { resolvePath } from './template.js';
import type { Rule } from './types.js';
import { ruleChecks } from './failure.js';

export interface Hit {
  rule: Rule;
  /** The facts the rule saw: the document's base facts plus the scope's item. */
  readonly facts: Record<string, unknown>;
  /**
   * One of those facts by name (undefined when there is none), without building `facts`: the
   * compiled evaluator's hits build that object only when it is read (a copy of some fifty base
   * facts a hit was most of the evaluator's time). Absent: read `facts`.
   */
  fact?(name: string): unknown;
}

export interface Evaluator {
  run(doc: DocumentFacts): Promise<Hit[]>;
}

/** Facts each run of a scope sees. */
export function scopeRuns(doc: DocumentFacts, scope: Scope): Record<string, unknown>[] {
  if (scope === 'profile') return [doc.base];
  return (doc[scope] as unknown[]).map((item) => ({ ...doc.base, [scope]: item }));
}

/** Facts each run of one rule sees: its scope's runs, plus the `check` fact when it names check functions. */
export function ruleRuns(doc: DocumentFacts, rule: Rule): Record<string, unknown>[] {
  const runs = scopeRuns(doc, rule.scope);
  const checks = ruleChecks(rule, doc);
  return checks ? runs.map((facts, k) => ({ ...facts, check: checks[k] })) : runs;
}

export function engineEvaluator(rules: Rule[]): Evaluator {
  // A rule with check functions has a `check` fact of its own: it runs on an Engine of its own.
  const byScope = new Map<Scope | Rule, { engine: Engine; rules: Map<string, Rule> }>();
  // Loaded on first run, not at import: the CLI's default (compiled) path never needs the engine.
  let ready: Promise<void> | undefined;
  const build = async () => {
    const { Engine } = await import('json-rules-engine');
    for (const rule of rules) {
      const key = rule.checks ? rule : rule.scope;
      let slot = byScope.get(key);
      if (!slot) {
        const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolvePath });
        registerOperators(engine);
        slot = { engine, rules: new Map() };
        byScope.set(key, slot);
      }
      slot.engine.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
      slot.rules.set(rule.id, rule);
    }
  };
  return {
    async run(doc) {
      await (ready ??= build());
      const hits: Hit[] = [];
      for (const [key, { engine, rules: map }] of byScope) {
        for (const facts of typeof key === 'string' ? scopeRuns(doc, key) : ruleRuns(doc, key)) {
          const { events } = await engine.run(facts);
          for (const e of events) hits.push({ rule: map.get(e.type)!, facts });
        }
      }
      return hits;
    },
  };
}
