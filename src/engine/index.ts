// The rules stage: rule files → evaluator → findings with message, location, basis and evidence.
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import { buildFacts, type FactOptions } from '../facts/index.js';
import type { Finding, Severity } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import type { Loaded } from '../load/types.js';
import { locate, stateKey } from '../findings/index.js';
import { readdirSync } from 'node:fs';
import { didYouMean } from '../suggest.js';
import { join } from 'node:path';
import { packageRoot, rulesDir } from '../paths.js';
import { prebuilt } from '../prebuilt.js';
import { readRules, keepPositions, RuleSetError, type RulePositions } from './load.js';
import { engineEvaluator, ruleRuns, type Evaluator, type Hit } from './run.js';
import { RuleRunError } from './failure.js';
import { compiledEvaluator, traceRule } from './compile.js';
import type { DocumentFacts } from '../facts/index.js';
import { fillWith, lookupIn, refValue, templateRefs, type FactLookup } from './template.js';
import { leaves, type Rule } from './types.js';
import type { FindingHook, RuleRunner } from './types.js';
import { BUILTIN_CHECKS, isBuiltin, type BuiltinId } from '../model/builtins.js';

export { RuleSetError } from './load.js';
export type { Rule, RuleExample, Condition, Leaf, FindingHook } from './types.js';
export { engineEvaluator, scopeRuns, ruleRuns, type Evaluator, type Hit } from './run.js';
export { compiledEvaluator, compileRule, traceRule, UndefinedFactError } from './compile.js';
export { RuleRunError } from './failure.js';
export type { Explanation, ExplainNode, ExplainLeaf, ExplainGroup } from './types.js';
export { CUSTOM_OPERATORS, KNOWN_OPERATORS } from './operators.js';

export interface RuleSelection {
  /** Only these rule ids (all when empty). */
  only?: string[];
  ignore?: string[];
  /** Severity overrides by rule id; "off" drops the rule. Built-in checks that allow it may be named too. */
  severity?: Record<string, Severity | 'off'>;
  /** Folder of rule files instead of the bundled rules/. */
  dir?: string;
  /** Folders of rule files added to the bundled rules (a rule with a bundled id replaces it). */
  dirs?: string[];
  /** false: leave the bundled rules out (only `dirs` run). */
  bundled?: boolean;
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
  /** Severities the selection gave built-in checks that may be configured (waiver-expired, waiver-unused). */
  builtins?: Partial<Record<BuiltinId, Severity | 'off'>>;
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
  const sources = [
    ...names.map((n) => `rules/${n}`),
    'rules/catalog/instruments.yaml',
    'rules/catalog/states.yaml',
    'schemas/rule.schema.json',
  ];
  const rules = prebuilt<Rule[]>('rules', sources);
  const positions = prebuilt<Record<string, RulePositions>>('rulePositions', sources);
  if (!rules || !positions) return undefined;
  return rules.map((r) => {
    const file = join(packageRoot, r.file);
    keepPositions(file, positions[r.file] ?? {});
    return { ...r, file };
  });
}

export function loadRuleSet(sel: RuleSelection = {}, catalog: Catalog = loadCatalog()): RuleSet {
  const base =
    sel.bundled === false ? [] : ((sel.dir === undefined ? prebuiltRules(catalog) : undefined) ?? readRules(sel.dir ?? rulesDir, catalog));
  const all = withFolders(base, sel.dirs ?? [], catalog);
  const ids = new Set(all.map((r) => r.id));
  // Own keys only: a rule named like an Object.prototype member must not read one.
  const severityOf = (id: string) => (sel.severity && Object.hasOwn(sel.severity, id) ? sel.severity[id] : undefined);
  const builtins: RuleSet['builtins'] = {};
  const unknown = (id: string) => {
    const near = didYouMean(id, ids);
    return new RuleSetError(`unknown rule "${id}"${near ? ` (did you mean ${near}?)` : ''} (adherence rules lists them)`);
  };
  for (const id of [...(sel.only ?? []), ...(sel.ignore ?? [])]) {
    if (isBuiltin(id)) throw new RuleSetError(`"${id}" is a built-in check, not a rule file: --rule and --ignore-rule select rule files`);
    if (!ids.has(id)) throw unknown(id);
  }
  for (const [id, severity] of Object.entries(sel.severity ?? {})) {
    if (isBuiltin(id)) {
      const why = BUILTIN_CHECKS[id].fixed;
      if (why) throw new RuleSetError(`the built-in check "${id}" cannot be set to ${severity}: ${why}`);
      builtins[id] = severity;
    } else if (!ids.has(id)) throw unknown(id);
  }
  const rules = all
    .filter((r) => (sel.only?.length ? sel.only.includes(r.id) : true) && !sel.ignore?.includes(r.id) && severityOf(r.id) !== 'off')
    .map((r) => {
      const s = severityOf(r.id);
      return s && s !== 'off' ? { ...r, severity: s } : r;
    });
  return { rules, catalog, evaluator: sel.evaluator === 'engine' ? engineEvaluator(rules) : compile(rules), builtins };
}

/** The bundled rules plus those of each folder: a folder's rule replaces a bundled one of its id. */
function withFolders(base: Rule[], dirs: string[], catalog: Catalog): Rule[] {
  if (!dirs.length) return base;
  const own = new Map<string, Rule>();
  for (const dir of dirs) {
    for (const r of readRules(dir, catalog)) {
      const other = own.get(r.id);
      if (other) throw new RuleSetError(`${r.file}: rule id "${r.id}" is also used by ${other.file}`);
      own.set(r.id, r);
    }
  }
  return [...base.filter((r) => !own.has(r.id)), ...own.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function compile(rules: Rule[]): Evaluator {
  try {
    return compiledEvaluator(rules);
  } catch (err) {
    // The loader has checked every rule; a tree it let through but cannot compile is still the set's fault.
    throw new RuleSetError(`cannot compile the rules: ${(err as Error).message}`, { cause: err });
  }
}

/** What toFindings reads for every hit of a rule, worked out once per rule. */
interface FindingPlan {
  /** `{at}.pointer` for each fact the finding points at (the scope's item by default). */
  at: string[];
  /** The evidence's keys, in the order the report prints them: each leaf's fact, its fact-valued value, the message's references. */
  evidence: string[];
}
const plans = new WeakMap<Rule, FindingPlan>();

function findingPlan(rule: Rule): FindingPlan {
  let plan = plans.get(rule);
  if (!plan) {
    const keys = new Set<string>();
    for (const l of leaves(rule.conditions)) {
      keys.add(`${l.fact}${l.path ? `.${l.path.slice(2)}` : ''}`);
      const v = l.value as { fact?: string; path?: string } | null;
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string')
        keys.add(`${v.fact}${v.path ? `.${v.path.slice(2)}` : ''}`);
    }
    for (const ref of templateRefs(rule.message)) keys.add(ref);
    const at = rule.at ?? (rule.scope === 'profile' ? [] : [rule.scope]);
    plan = { at: at.map((a) => `${a}.pointer`), evidence: [...keys] };
    plans.set(rule, plan);
  }
  return plan;
}

/**
 * Turns what fired into findings: message filled in, the row at fault located, the evidence kept;
 * then `hook` (the fix stage's, say) adds what a later stage derives from each hit. Each hit's facts
 * are read one by one (`Hit.fact`), so the evaluator's hits need not build their whole set of facts.
 */
export function toFindings(hits: Hit[], loaded: Loaded, file: string, hook?: FindingHook): Finding[] {
  const profile = loaded.profile;
  const state = stateKey(loaded, file);
  return hits.map((hit) => {
    const { rule } = hit;
    const get: FactLookup = hit.fact ? (name) => hit.fact!(name) : lookupIn(hit.facts);
    const plan = findingPlan(rule);
    const item = rule.scope === 'profile' ? undefined : (get(rule.scope) as Record<string, unknown>);
    const at = plan.at.map((ref) => refValue(get, ref));
    const pointers = at.filter((p): p is string => typeof p === 'string');
    const main = pointers[0];
    const pointer = main === undefined ? '' : main === at[0] && rule.field ? `${main}/${rule.field}` : main;
    const evidence: Record<string, unknown> = {};
    for (const key of plan.evidence) evidence[key] = refValue(get, key);
    const itemId = item ? (item.instrument as string) || (item.id as string) || '' : '';
    const instruments = rule.instruments ?? (itemId ? [itemId] : []);
    const f = locate(
      {
        ruleId: rule.id,
        severity: rule.severity,
        category: rule.category,
        message: fillWith(rule.message, get),
        pointer,
        instruments,
        basis: rule.confidence === 'unconfirmed' ? `${rule.basis} (unconfirmed)` : rule.basis,
        evidence,
        related: pointers
          .slice(1)
          .filter((p) => p !== main)
          .map((p) => ({ pointer: p })),
      },
      file,
      loaded,
    );
    const key = item ? String(item.key ?? '') : instruments.join('+');
    f.fingerprint = `${rule.id}:${state}:${key || pointer}`;
    return hook && profile ? hook(f, hit, profile) : f;
  });
}

/**
 * After an evaluator failed on a document: the rule and condition at fault, found by tracing each
 * rule's runs with the compiled code (whose throwing leaf names itself). `err` if none throws.
 */
function findFailure(rules: Iterable<Rule>, doc: DocumentFacts, err: unknown): unknown {
  if (err instanceof RuleRunError) return err;
  for (const rule of rules) {
    for (const facts of ruleRuns(doc, rule)) {
      try {
        traceRule(rule, facts);
      } catch (found) {
        if (found instanceof RuleRunError) return found;
      }
    }
  }
  return err;
}

/** The rule runner `check` uses: facts, then the evaluator, then findings (each through `hook`, if given). */
export function ruleRunner(set: RuleSet, opts: FactOptions = {}, hook?: FindingHook): RuleRunner {
  return async (profile: Profile, loaded: Loaded, file: string) => {
    const facts = buildFacts(profile, set.catalog, { ...opts, format: loaded.format });
    try {
      return toFindings(await set.evaluator.run(facts), loaded, file, hook);
    } catch (err) {
      // A condition that threw: name the rule file and condition at fault, and the profile it read.
      const failure = findFailure(set.rules, facts, err);
      if (failure instanceof RuleRunError) failure.message += ` (checking ${file})`;
      throw failure;
    }
  };
}
