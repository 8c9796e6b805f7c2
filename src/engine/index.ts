// The rules stage: rule files → evaluator → findings with message, location, basis and evidence.
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import { buildFacts, type FactOptions } from '../facts/index.js';
import type { Finding, Severity } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import type { Loaded } from '../load/types.js';
import { locate, stateKey } from '../findings/index.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, rulesDir } from '../paths.js';
import { prebuilt } from '../prebuilt.js';
import { readRules, RuleSetError } from './load.js';
import { engineEvaluator, type Evaluator, type Hit } from './run.js';
import { RuleRunError, findFailure } from './failure.js';
import { compiledEvaluator } from './compile.js';
import { fill, factValue, templateRefs } from './template.js';
import { leaves, type Rule } from './types.js';
import type { RuleRunner } from '../check.js';

export { RuleSetError } from './load.js';
export type { Rule, RuleExample, Condition, Leaf } from './types.js';
export { engineEvaluator, scopeRuns, type Evaluator, type Hit } from './run.js';
export { compiledEvaluator, compileRule } from './compile.js';
export { CUSTOM_OPERATORS, KNOWN_OPERATORS } from './operators.js';

export interface RuleSelection {
  /** Only these rule ids (all when empty). */
  only?: string[];
  ignore?: string[];
  /** Severity overrides by rule id; "off" drops the rule. */
  severity?: Record<string, Severity | 'off'>;
  /** Folder of rule files (default: the bundled rules/). */
  dir?: string;
  /**
   * How the rules run: `compiled` (default) turns each rule's conditions into plain functions once;
   * `engine` runs them with json-rules-engine, the reference (same findings, 10–100× slower).
   */
  evaluator?: 'compiled' | 'engine';
}

export interface RuleSet {
  rules: Rule[];
  catalog: Catalog;
  evaluator: Evaluator;
}

/** The bundled rules as the build checked them, while no rule, catalogue or rule schema file changed. */
function prebuiltRules(catalog: Catalog): Rule[] | undefined {
  if (catalog !== loadCatalog()) return undefined;
  let names: string[];
  try {
    names = readdirSync(rulesDir).filter((n) => /\.ya?ml$/.test(n));
  } catch {
    return undefined;
  }
  const sources = [...names.map((n) => `rules/${n}`), 'rules/catalog/instruments.yaml', 'rules/catalog/states.yaml', 'schemas/rule.schema.json'];
  return prebuilt<Rule[]>('rules', sources)?.map((r) => ({ ...r, file: join(packageRoot, r.file) }));
}

export function loadRuleSet(sel: RuleSelection = {}, catalog: Catalog = loadCatalog()): RuleSet {
  const all = (sel.dir === undefined ? prebuiltRules(catalog) : undefined) ?? readRules(sel.dir ?? rulesDir, catalog);
  const ids = new Set(all.map((r) => r.id));
  // Own keys only: a rule named like an Object.prototype member must not read one.
  const severityOf = (id: string) => (sel.severity && Object.hasOwn(sel.severity, id) ? sel.severity[id] : undefined);
  for (const id of [...(sel.only ?? []), ...(sel.ignore ?? []), ...Object.keys(sel.severity ?? {})]) {
    if (!ids.has(id)) throw new RuleSetError(`unknown rule "${id}" (adherence rules lists them)`);
  }
  const rules = all
    .filter((r) => (sel.only?.length ? sel.only.includes(r.id) : true) && !sel.ignore?.includes(r.id) && severityOf(r.id) !== 'off')
    .map((r) => {
      const s = severityOf(r.id);
      return s && s !== 'off' ? { ...r, severity: s } : r;
    });
  return { rules, catalog, evaluator: sel.evaluator === 'engine' ? engineEvaluator(rules) : compile(rules) };
}

function compile(rules: Rule[]): Evaluator {
  try {
    return compiledEvaluator(rules);
  } catch (err) {
    // The loader has checked every rule; a tree it let through but cannot compile is still the set's fault.
    throw new RuleSetError(`cannot compile the rules: ${(err as Error).message}`);
  }
}

/** Turns what fired into findings: message filled in, the row at fault located, the evidence kept. */
export function toFindings(hits: Hit[], loaded: Loaded, file: string): Finding[] {
  return hits.map(({ rule, facts }) => {
    const item = rule.scope === 'profile' ? undefined : (facts[rule.scope] as Record<string, unknown>);
    const at = rule.at ?? (item ? [rule.scope] : []);
    const pointers = at.map((a) => factValue(facts, `${a}.pointer`)).filter((p): p is string => typeof p === 'string');
    const main = pointers[0];
    const first = at.length ? factValue(facts, `${at[0]}.pointer`) : undefined;
    const pointer = main === undefined ? '' : main === first && rule.field ? `${main}/${rule.field}` : main;
    const evidence: Record<string, unknown> = {};
    for (const l of leaves(rule.conditions)) {
      const key = `${l.fact}${l.path ? `.${l.path.slice(2)}` : ''}`;
      evidence[key] = factValue(facts, key);
      const v = l.value as { fact?: string; path?: string } | null;
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string') {
        const rk = `${v.fact}${v.path ? `.${v.path.slice(2)}` : ''}`;
        evidence[rk] = factValue(facts, rk);
      }
    }
    for (const ref of templateRefs(rule.message)) evidence[ref] = factValue(facts, ref);
    const itemId = item ? ((item.instrument as string) || (item.id as string) || '') : '';
    const instruments = rule.instruments ?? (itemId ? [itemId] : []);
    const f = locate(
      {
        ruleId: rule.id,
        severity: rule.severity,
        category: rule.category,
        message: fill(rule.message, facts),
        pointer,
        instruments,
        basis: rule.confidence === 'unconfirmed' ? `${rule.basis} (unconfirmed)` : rule.basis,
        evidence,
        related: pointers.slice(1).filter((p) => p !== main).map((p) => ({ pointer: p })),
      },
      file,
      loaded,
    );
    const key = item ? String(item.key ?? '') : instruments.join('+');
    f.fingerprint = `${rule.id}:${stateKey(loaded, file)}:${key || pointer}`;
    return f;
  });
}

/** The rule runner `check` uses: facts, then the evaluator, then findings. */
export function ruleRunner(set: RuleSet, opts: FactOptions = {}): RuleRunner {
  return async (profile: Profile, loaded: Loaded, file: string) => {
    const facts = buildFacts(profile, set.catalog, opts);
    try {
      return toFindings(await set.evaluator.run(facts), loaded, file);
    } catch (err) {
      // A condition that threw: name the rule file and condition at fault, and the profile it read.
      const failure = findFailure(set.rules, facts, err);
      if (failure instanceof RuleRunError) failure.message += ` (checking ${file})`;
      throw failure;
    }
  };
}
