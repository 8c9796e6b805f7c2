// adherence.config.yaml: rule severities and defaults, schema-checked like everything else.
import { existsSync } from 'node:fs';
import { readSideFile, ReadError } from '../load/read.js';
import { dirname, resolve } from 'node:path';
import { parseYamlDocument } from '../load/yaml.js';
import { validateAgainst } from '../schema/index.js';
import type { Severity } from '../model/finding.js';
import type { DateOrder } from '../model/profile.js';
import type { FailOn } from '../findings/index.js';
import { UsageError } from './errors.js';

export interface Config {
  rules?: Record<string, Severity | 'off'>;
  failOn?: FailOn;
  dateOrder?: DateOrder;
  paths?: string[];
  waivers?: string;
  /** Folder of the configuration file, for its relative paths. */
  dir: string;
}

export const DEFAULT_CONFIG_FILE = 'adherence.config.yaml';

/** The configuration named, or adherence.config.yaml in the working folder if there is one. */
export function readConfig(path: string | undefined): Config {
  const file = path ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (!file) return { dir: process.cwd() };
  let text: string;
  try {
    text = readSideFile(file);
  } catch (err) {
    throw new UsageError(`${file}: cannot read the configuration (${(err instanceof ReadError ? err.reason : (err as NodeJS.ErrnoException).code ?? 'error')})`);
  }
  const loaded = parseYamlDocument<Omit<Config, 'dir'>>(text, 'yaml');
  const p = loaded.problems[0];
  if (p) throw new UsageError(`${file}:${p.line}:${p.column}: ${p.message}`);
  const data = loaded.profile ?? {};
  const bad = validateAgainst('config.schema.json', data)[0];
  if (bad) {
    const pos = loaded.positions.get(bad.pointer) ?? { line: 1, column: 1 };
    throw new UsageError(`${file}:${pos.line}:${pos.column}: invalid configuration: ${bad.message}`);
  }
  return { ...data, dir: dirname(resolve(file)) };
}
