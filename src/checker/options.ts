// The Checker's options: the configuration file's keys and the command-line ones, merged once (an
// option given wins over the file) and checked against schemas/config.schema.json. Paths in the file
// are relative to the file; paths given as options are relative to `cwd`.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { readSideFile, ReadError } from '../load/read.js';
import { parseYamlDocument } from '../load/yaml.js';
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from '../load/index.js';
import { validateAgainst } from '../schema/index.js';
import type { Severity } from '../model/finding.js';
import type { DateOrder } from '../model/profile.js';
import type { FailOn } from '../findings/index.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

/** What the configuration file may say (schemas/config.schema.json); every key is also an option. */
export interface ConfigKeys {
  /** Severity by rule id (built-in checks that allow it too); `off` leaves the rule out. */
  rules?: Record<string, Severity | 'off'>;
  /** Run only these rules (`--rule`). */
  only?: string[];
  /** Do not run these rules (`--ignore-rule`). */
  ignore?: string[];
  /** A folder of rule files instead of the bundled rules/. */
  rulesDir?: string;
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
  /** The configuration file; `false` for none. Default: adherence.config.yaml in `cwd`, if there is one. */
  config?: string | false;
}

export const DEFAULT_CONFIG_FILE = 'adherence.config.yaml';

/** A configuration that cannot be read or does not match its schema; the message starts with file:line:column. */
export class ConfigError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.config, options);
  }
}

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
  rulesDir?: string;
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

interface ConfigFile {
  file: string;
  dir: string;
  data: ConfigKeys;
}

/** Reads and checks a configuration file; `shown` is its name in messages. */
export function readConfigFile(path: string, shown = path): ConfigFile {
  let text: string;
  try {
    text = readSideFile(path);
  } catch (err) {
    const why = err instanceof ReadError ? err.reason : (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`${shown}: cannot read the configuration (${why})`, { cause: err });
  }
  const loaded = parseYamlDocument<ConfigKeys>(text, 'yaml');
  const p = loaded.problems[0];
  if (p) throw new ConfigError(`${shown}:${p.line}:${p.column}: ${p.message}`);
  const data = loaded.profile ?? {};
  const bad = validateAgainst('config.schema.json', data)[0];
  if (bad) {
    const pos = loaded.positions.get(bad.pointer) ?? { line: 1, column: 1 };
    throw new ConfigError(`${shown}:${pos.line}:${pos.column}: invalid configuration: ${bad.message}`);
  }
  delete (data as { $schema?: unknown }).$schema;
  return { file: shown, dir: dirname(resolve(path)), data };
}

/** A name to show for a file: relative to `cwd` when it lies under it, else absolute (as given). */
function shownName(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Merges the configuration file and the options once, checks them, and resolves every path. */
export function resolveOptions(options: CheckerOptions = {}): Settings {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { cwd: _cwd, config: configOption, ...given } = options;
  const named = configOption === false ? undefined : configOption ?? (existsSync(join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  const config = named === undefined ? undefined : readConfigFile(resolve(cwd, named), named);
  const file = config?.data ?? {};
  // Own keys only, so that an option left undefined does not hide the file's value.
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as ConfigKeys;
  const merged: ConfigKeys = {
    ...file,
    ...defined,
    ...(file.rules || defined.rules ? { rules: { ...file.rules, ...defined.rules } } : {}),
    ...(file.limits || defined.limits ? { limits: { ...file.limits, ...defined.limits } } : {}),
  };
  const bad = validateAgainst('config.schema.json', merged)[0];
  if (bad) throw new ConfigError(`invalid options: ${bad.pointer ? `${bad.pointer.slice(1)}: ` : ''}${bad.message}`);

  // A path is taken from where it was written: the configuration's folder, or cwd for an option.
  const base = (key: keyof ConfigKeys) => (config && defined[key] === undefined ? config.dir : cwd);
  const at = (key: keyof ConfigKeys, p: string) => resolve(base(key), p);
  const place = (key: keyof ConfigKeys, p: string): Placed => {
    const path = at(key, p);
    // An option keeps the name it was given; a file named by the configuration is shown from cwd.
    return { path, shown: base(key) === cwd && !isAbsolute(p) ? p : shownName(path, cwd) };
  };
  // A folder whose files are named in messages (rule files, depositary tables): as given when that
  // reads the same from the working folder, so messages show the user's own path.
  const folder = (key: keyof ConfigKeys, p: string) => {
    const { path, shown } = place(key, p);
    return resolve(shown) === path ? shown : path;
  };
  let waivers: Placed | undefined;
  if (merged.waivers !== false) {
    if (merged.waivers !== undefined) waivers = place('waivers', merged.waivers);
    else {
      const beside = join(config?.dir ?? cwd, 'waivers.yaml');
      if (existsSync(beside)) waivers = { path: beside, shown: shownName(beside, cwd) };
    }
  }
  const paths = merged.paths === undefined ? ['profiles'] : defined.paths !== undefined || !config ? merged.paths : merged.paths.map((p) => relative(cwd, at('paths', p)) || '.');
  return {
    cwd,
    ...(config ? { configFile: { path: resolve(cwd, named!), shown: config.file } } : {}),
    rules: merged.rules ?? {},
    ...(merged.only ? { only: merged.only } : {}),
    ...(merged.ignore ? { ignore: merged.ignore } : {}),
    ...(merged.rulesDir !== undefined ? { rulesDir: folder('rulesDir', merged.rulesDir) } : {}),
    ...(waivers ? { waivers } : {}),
    ...(merged.baseline !== undefined ? { baseline: place('baseline', merged.baseline) } : {}),
    ...(merged.dateOrder ? { dateOrder: merged.dateOrder } : {}),
    limits: { ...DEFAULT_LOAD_LIMITS, ...merged.limits },
    failOn: merged.failOn ?? 'error',
    ...(merged.maxWarnings !== undefined ? { maxWarnings: merged.maxWarnings } : {}),
    paths,
    ...(merged.reference !== undefined ? { reference: folder('reference', merged.reference) } : {}),
    ...(merged.mapping !== undefined ? { mapping: folder('mapping', merged.mapping) } : {}),
    ...(merged.evaluator ? { evaluator: merged.evaluator } : {}),
  };
}
