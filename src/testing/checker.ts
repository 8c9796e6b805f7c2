// Checking generated profiles the way `adherence check` checks a file: load, schema, facts, rules.
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import { checkLoaded } from '../checker/pipeline.js';
import { loadRuleSet, ruleRunner, type RuleSet, type RuleSelection } from '../engine/index.js';
import { loadText, type Loaded } from '../load/index.js';
import type { Finding } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import type { RuleRunner } from '../checker/pipeline.js';
import { withFixes } from '../fix/plan.js';

/** Checks generated profiles (named apart from the public `Checker` class, which checks files as the command line does). */
export interface ProfileChecker {
  catalog: Catalog;
  set: RuleSet;
  rules: RuleRunner;
  /** Findings of a profile as data (schema and rule findings; the file `generated.json`, positions unknown). */
  findings(profile: Profile): Promise<Finding[]>;
  /** Findings of a document as written (YAML, JSON or published text, by the file name). */
  findingsOfText(text: string, file: string): Promise<Finding[]>;
}

/** A checker over the bundled rules, or over a rules folder of one's own (`{ dir }`). */
export function makeChecker(sel: RuleSelection = {}, catalog: Catalog = loadCatalog()): ProfileChecker {
  const set = loadRuleSet(sel, catalog);
  const rules = ruleRunner(set, {}, withFixes);
  const findingsOfText = async (text: string, file: string) => (await checkLoaded(loadText(text, file, catalog), file, { rules })).findings;
  // Generated profiles skip the reader (its cost is a third of a check); the `order`, `roundtrip` and
  // `no-throw` properties go through it.
  const findings = async (p: Profile) => {
    const loaded: Loaded = {
      profile: JSON.parse(JSON.stringify(p)) as Profile,
      positions: { get: () => undefined },
      problems: [],
      format: 'json',
    };
    return (await checkLoaded(loaded, 'generated.json', { rules })).findings;
  };
  return { catalog, set, rules, findingsOfText, findings };
}

const shared = new Map<string, ProfileChecker>();

/** Which rules a shared checker runs: the bundled rules, plus folders of one's own, as `check --rules-dir` (and `--no-bundled-rules`). */
export type RuleFolders = Pick<RuleSelection, 'dirs' | 'bundled'>;

/** One checker per choice of rule folders, kept: loading the rule set costs more than a check. */
export function checkerFor(folders: RuleFolders = {}): ProfileChecker {
  const key = JSON.stringify([folders.dirs ?? [], folders.bundled !== false]);
  let c = shared.get(key);
  if (!c)
    shared.set(
      key,
      (c = makeChecker({
        ...(folders.dirs?.length ? { dirs: folders.dirs } : {}),
        ...(folders.bundled === false ? { bundled: false } : {}),
      })),
    );
  return c;
}

/** Errors and warnings (what a consistent profile must not draw). */
export const serious = (fs: Finding[]) => fs.filter((f) => f.severity === 'error' || f.severity === 'warning');

export const describeFindings = (fs: Finding[]) =>
  fs.map((f) => `${f.ruleId} ${f.pointer} [${f.instruments.join(',')}]: ${f.message}`).join('\n');
