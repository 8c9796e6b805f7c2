// The Checker's options: the configuration file's keys and the command-line ones, merged once (an
// option given wins over the file) and checked against schemas/config.schema.json. Paths in the file
// are relative to the file; paths given as options are relative to `cwd`.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_LOAD_LIMITS, DEFAULT_MAX_FILES, type ListOptions, type LoadLimits } from '../load/index.js';
import { validateAgainst } from '../schema/index.js';
import type { Severity } from '../model/finding.js';
import type { DateOrder } from '../model/profile.js';
import type { FailOn } from '../findings/index.js';
import { readConfig, ConfigError } from './config.js';

/** What the configuration file may say (schemas/config.schema.json); every key is also an option. */
export interface ConfigKeys {
  /** Severity by rule id (built-in checks that allow it too); `off` leaves the rule out. */
  rules?: Record<string, Severity | 'off'>;
  /** Run only these rules (`--rule`). */
  only?: string[];
  /** Do not run these rules (`--ignore-rule`). */
  ignore?: string[];
  /** Folders of rule files added to the bundled rules (a rule with a bundled id replaces it). */
  rulesDir?: string | string[];
  /** false: run only the rules of rulesDir. */
  bundledRules?: boolean;
  /** Glob patterns of files and folders that folders and globs leave out. */
  ignores?: string[];
  /** Most profile files one run lists. */
  maxFiles?: number;
  /** The waivers file; `false` for none. Default: waivers.yaml beside the configuration, if any. */
  waivers?: string | false;
  /** An earlier JSON report: only new findings are reported. */
  baseline?: string;
  dateOrder?: DateOrder;
  limits?: Partial<LoadLimits>;
  failOn?: FailOn;
  maxWarnings?: number;
  /** What `checkFiles()` checks when given no path (default: profiles). */
  paths?: string[];
  /** The depositary's participant tables, for the review's cross-check. */
  reference?: string;
  /** Which table records which instrument (default: the bundled mapping). */
  mapping?: string;
  /** `compiled` (default) or `engine`: json-rules-engine, the reference semantics. */
  evaluator?: 'compiled' | 'engine';
}

export interface CheckerOptions extends ConfigKeys {
  /** The folder relative paths are taken from and files are named relative to (default: the working folder). */
  cwd?: string;
  /** The configuration file; `false` for none. Default: adherence.config.yaml in `cwd` or the nearest folder above. */
  config?: string | false;
  /** The name standard input (`-`) is reported under; its extension says how to read it. */
  stdinFilename?: string;
}

export { ConfigError, DEFAULT_CONFIG_FILE } from './config.js';

/** A file to read (`path`, absolute) and the name it is shown under in findings and reports (`shown`). */
export interface Placed {
  path: string;
  shown: string;
}

/** The options merged, checked and resolved: what a Checker runs with. */
export interface Settings {
  cwd: string;
  /** The configuration file read, if any. */
  configFile?: Placed;
  rules: Record<string, Severity | 'off'>;
  only?: string[];
  ignore?: string[];
  /** Rule folders, readable from the working folder. */
  rulesDirs: string[];
  bundled: boolean;
  /** What the file lister needs: ignores, the folder they are relative to, the most files. */
  files: ListOptions;
  stdinFilename?: string;
  waivers?: Placed;
  baseline?: Placed;
  dateOrder?: DateOrder;
  limits: LoadLimits;
  failOn: FailOn;
  maxWarnings?: number;
  /** Relative to `cwd`. */
  paths: string[];
  reference?: string;
  mapping?: string;
  evaluator?: 'compiled' | 'engine';
}

/** A name to show for a file: relative to `cwd` when it lies under it, else absolute (as given). */
function shownName(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Merges the configuration file and the options once, checks them, and resolves every path. */
export function resolveOptions(options: CheckerOptions = {}): Settings {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { cwd: _cwd, config: configOption, stdinFilename, ...given } = options;
  const config = readConfig(configOption, cwd);
  const { file: configName, dir, ...rest } = config;
  const file = rest as ConfigKeys;
  // Only what was given: an option left undefined does not hide the file's value.
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as ConfigKeys;
  const merged: ConfigKeys = {
    ...file,
    ...defined,
    ...(file.rules || defined.rules ? { rules: { ...file.rules, ...defined.rules } } : {}),
    ...(file.limits || defined.limits ? { limits: { ...file.limits, ...defined.limits } } : {}),
  };
  const bad = validateAgainst('config.schema.json', merged)[0];
  if (bad) throw new ConfigError(`invalid options: ${bad.pointer ? `${bad.pointer.slice(1)}: ` : ''}${bad.message}`);

  // The configuration's paths come named from cwd already; an option's are relative to cwd.
  const place = (p: string): Placed => ({ path: resolve(cwd, p), shown: p });
  // Read from the working folder by the stages below: as named, when that reads the same place.
  const readable = (p: string) => (resolve(p) === resolve(cwd, p) ? p : resolve(cwd, p));
  let waivers: Placed | undefined;
  if (merged.waivers !== false) {
    if (merged.waivers !== undefined) waivers = place(merged.waivers);
    else {
      const beside = join(dir, 'waivers.yaml');
      if (existsSync(beside)) waivers = { path: beside, shown: shownName(beside, cwd) };
    }
  }
  const dirs = merged.rulesDir === undefined ? [] : typeof merged.rulesDir === 'string' ? [merged.rulesDir] : merged.rulesDir;
  return {
    cwd,
    ...(configName ? { configFile: { path: resolve(cwd, configName), shown: configName } } : {}),
    rules: merged.rules ?? {},
    ...(merged.only ? { only: merged.only } : {}),
    ...(merged.ignore ? { ignore: merged.ignore } : {}),
    rulesDirs: dirs.map(readable),
    bundled: merged.bundledRules !== false,
    files: { ignores: merged.ignores ?? [], base: dir, maxFiles: merged.maxFiles ?? DEFAULT_MAX_FILES },
    ...(stdinFilename !== undefined ? { stdinFilename } : {}),
    ...(waivers ? { waivers } : {}),
    ...(merged.baseline !== undefined ? { baseline: place(merged.baseline) } : {}),
    ...(merged.dateOrder ? { dateOrder: merged.dateOrder } : {}),
    limits: { ...DEFAULT_LOAD_LIMITS, ...merged.limits },
    failOn: merged.failOn ?? 'error',
    ...(merged.maxWarnings !== undefined ? { maxWarnings: merged.maxWarnings } : {}),
    paths: merged.paths ?? ['profiles'],
    ...(merged.reference !== undefined ? { reference: readable(merged.reference) } : {}),
    ...(merged.mapping !== undefined ? { mapping: readable(merged.mapping) } : {}),
    ...(merged.evaluator ? { evaluator: merged.evaluator } : {}),
  };
}
