// Shared option handling for the commands (node:util parseArgs, strict).
import { UsageError } from './errors.js';
import type { DateOrder } from '../model/profile.js';
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from '../load/index.js';

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export function dateOrderOption(v: unknown): DateOrder | undefined {
  if (v === undefined) return undefined;
  if (v === 'month-first' || v === 'day-first') return v;
  throw new UsageError(`--date-order takes month-first or day-first, not "${String(v)}"`);
}

export function positiveInt(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} takes a whole number, not "${String(v)}"`);
  return n;
}

export const LIMIT_OPTIONS = {
  'max-bytes': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-rows': { type: 'string' },
} as const;

/** The help lines of the limit options, shared by every command that reads profiles. */
export const LIMITS_HELP = `      --max-bytes N      largest file read, in bytes (default ${DEFAULT_LOAD_LIMITS.maxBytes})
      --max-aliases N    YAML aliases a document may resolve (default ${DEFAULT_LOAD_LIMITS.maxAliasCount})
      --max-depth N      deepest nesting of lists and mappings (default ${DEFAULT_LOAD_LIMITS.maxDepth})
      --max-rows N       most rows (entries) in one profile (default ${DEFAULT_LOAD_LIMITS.maxRows})`;

export function limitsFrom(values: Record<string, unknown>): LoadLimits {
  return {
    maxBytes: positiveInt('--max-bytes', values['max-bytes']) ?? DEFAULT_LOAD_LIMITS.maxBytes,
    maxAliasCount: positiveInt('--max-aliases', values['max-aliases']) ?? DEFAULT_LOAD_LIMITS.maxAliasCount,
    maxDepth: positiveInt('--max-depth', values['max-depth']) ?? DEFAULT_LOAD_LIMITS.maxDepth,
    maxRows: positiveInt('--max-rows', values['max-rows']) ?? DEFAULT_LOAD_LIMITS.maxRows,
  };
}

/** Only the limits given on the command line, for the Checker to merge over the configuration's. */
export function givenLimits(values: Record<string, unknown>): Partial<LoadLimits> {
  const out: Partial<LoadLimits> = {};
  const set = (key: keyof LoadLimits, option: string) => {
    const n = positiveInt(`--${option}`, values[option]);
    if (n !== undefined) out[key] = n;
  };
  set('maxBytes', 'max-bytes');
  set('maxAliasCount', 'max-aliases');
  set('maxDepth', 'max-depth');
  set('maxRows', 'max-rows');
  return out;
}

export const colorWanted = (stream: NodeJS.WriteStream, values: Record<string, unknown>) =>
  values.color === true ? true : values['no-color'] === true || 'NO_COLOR' in process.env ? false : Boolean(stream.isTTY);
