// adherence.config.yaml: rule severities and defaults, schema-checked like everything else. Found
// upward from the working folder (as git finds .git); every path in it is relative to the file.
import { existsSync } from 'node:fs';
import { readSideFile, unreadableReason } from '../load/read.js';
import { dirname, resolve, join, relative, isAbsolute } from 'node:path';
import { parseYamlDocument } from '../load/yaml.js';
import { readIgnoreFile } from '../load/files.js';
import { validateAgainst } from '../schema/index.js';
import type { Severity } from '../model/finding.js';
import type { DateOrder } from '../model/profile.js';
import type { FailOn } from '../findings/index.js';
import type { LoadLimits } from '../load/index.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

/** A configuration that cannot be read or does not match its schema; the message starts with file:line:column. */
export class ConfigError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.config, options);
  }
}

/** The file's keys (schemas/config.schema.json): every one is also a Checker option. */
export interface ConfigFile {
  rules?: Record<string, Severity | 'off'>;
  only?: string[];
  ignore?: string[];
  baseline?: string;
  limits?: Partial<LoadLimits>;
  maxWarnings?: number;
  reference?: string;
  mapping?: string;
  evaluator?: 'compiled' | 'engine';
  failOn?: FailOn;
  dateOrder?: DateOrder;
  paths?: string[];
  waivers?: string | false;
  rulesDir?: string | string[];
  bundledRules?: boolean;
  ignores?: string[];
  maxFiles?: number;
}

/** The configuration in effect, its paths resolved against its folder and shown from the working one. */
export interface Config extends Omit<ConfigFile, 'rulesDir'> {
  /** The file read, as given or found (undefined: none). */
  file?: string;
  /** Folder of the configuration file (the working folder when there is none). */
  dir: string;
  rulesDir?: string[];
  /** `ignores` and the lines of .adherenceignore beside the configuration, relative to `dir`. */
  ignores?: string[];
}

export const DEFAULT_CONFIG_FILE = 'adherence.config.yaml';

/** adherence.config.yaml in `from` or the nearest folder above it that has one. */
export function findConfig(from = process.cwd()): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, DEFAULT_CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path for messages and reports: relative to the working folder (`../x` too), so that reports carry no machine paths. */
export function shown(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : isAbsolute(rel) ? path : rel;
}

/**
 * The configuration named (relative to `cwd`), or the one found upward from `cwd`, if any; `false`
 * for none. Its paths come back named from `cwd`.
 */
export function readConfig(path: string | false | undefined, cwd = process.cwd()): Config {
  const file = path === false ? undefined : path !== undefined ? resolve(cwd, path) : findConfig(cwd);
  if (!file) {
    const ignores = path === false ? [] : readIgnoreFile(cwd);
    return { dir: cwd, ...(ignores.length ? { ignores } : {}) };
  }
  const name = path || shown(file, cwd); // as given, or where it was found
  let text: string;
  try {
    text = readSideFile(file);
  } catch (err) {
    throw new ConfigError(`${name}: cannot read the configuration (${unreadableReason(err)})`, { cause: err });
  }
  const loaded = parseYamlDocument<ConfigFile>(text, 'yaml');
  const p = loaded.problems[0];
  if (p) throw new ConfigError(`${name}:${p.line}:${p.column}: ${p.message}`);
  const data = loaded.profile ?? {};
  const bad = validateAgainst('config.schema.json', data)[0];
  if (bad) {
    const pos = loaded.positions.get(bad.pointer) ?? { line: 1, column: 1 };
    throw new ConfigError(`${name}:${pos.line}:${pos.column}: invalid configuration: ${bad.message}`);
  }
  const dir = dirname(resolve(file));
  const at = (p: string) => shown(resolve(dir, p), cwd);
  const { rulesDir, ...rest } = data;
  const ignores = [...(data.ignores ?? []), ...readIgnoreFile(dir)];
  return {
    ...rest,
    file: name,
    dir,
    ...(data.paths ? { paths: data.paths.map(at) } : {}),
    ...(data.baseline !== undefined ? { baseline: at(data.baseline) } : {}),
    ...(data.reference !== undefined ? { reference: at(data.reference) } : {}),
    ...(data.mapping !== undefined ? { mapping: at(data.mapping) } : {}),
    ...(data.waivers !== undefined ? { waivers: data.waivers === false ? false : at(data.waivers) } : {}),
    ...(rulesDir !== undefined ? { rulesDir: (typeof rulesDir === 'string' ? [rulesDir] : rulesDir).map(at) } : {}),
    ...(ignores.length ? { ignores } : {}),
  };
}
