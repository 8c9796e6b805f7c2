// The rule set a command runs, from the shared rule options (kept apart from args.ts so that commands
// without rules do not load the engine).
import { UsageError } from './errors.js';
import { loadRuleSet, RuleSetError, type RuleSelection, type RuleSet } from '../engine/index.js';
import type { Catalog } from '../catalog/index.js';
import type { Config } from './config.js';

/** The rule set a command runs; a broken rule set is a usage error (one line, exit 2). */
export function loadRules(sel: RuleSelection, catalog?: Catalog): RuleSet {
  try {
    return loadRuleSet(sel, catalog);
  } catch (err) {
    if (err instanceof RuleSetError) throw new UsageError(err.message, { cause: err });
    throw err;
  }
}

/** --rules-dir / --no-bundled-rules, else the configuration's rulesDir / bundledRules. */
export function ruleFolders(values: { 'rules-dir'?: string[]; 'no-bundled-rules'?: boolean }, config: Config): { dirs: string[]; bundled: boolean } {
  return { dirs: values['rules-dir'] ?? config.rulesDir ?? [], bundled: !(values['no-bundled-rules'] ?? config.bundledRules === false) };
}
