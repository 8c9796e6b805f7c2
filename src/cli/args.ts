// Options several commands share, declared once (see options.ts), and what they turn into.
import { DEFAULT_LOAD_LIMITS, FIXED_LIMITS, type LoadLimits } from '../load/index.js';
import { oneOf, wholeNumber, type OptionSpec } from './options.js';

export const HELP = { help: { short: 'h', help: 'this text' } } as const satisfies Record<string, OptionSpec>;
export const DEBUG = { debug: { help: 'print the stack trace of an internal error' } } as const satisfies Record<string, OptionSpec>;

export const FAIL_ON_WORDS = ['error', 'warning', 'info', 'never'] as const;
export const failOnOption = (help: string) => ({ value: 'LEVEL', parse: oneOf(FAIL_ON_WORDS), help }) as const;

export const DATE_ORDER = {
  'date-order': {
    value: 'ORDER',
    parse: oneOf(['month-first', 'day-first'] as const),
    help: '`month-first` or `day-first`: how numeric dates such as 11/03/04 read in profiles that do not declare it',
  },
} as const satisfies Record<string, OptionSpec>;

export const LIMITS = {
  'max-bytes': { value: 'N', parse: wholeNumber, help: `largest file read, in bytes (default ${DEFAULT_LOAD_LIMITS.maxBytes})` },
  'max-aliases': {
    value: 'N',
    parse: wholeNumber,
    help: `YAML aliases a document may resolve (default ${DEFAULT_LOAD_LIMITS.maxAliasCount})`,
  },
  'max-depth': {
    value: 'N',
    parse: wholeNumber,
    help: `deepest nesting of lists and mappings (default ${DEFAULT_LOAD_LIMITS.maxDepth}, at most ${FIXED_LIMITS.maxDepth})`,
  },
  'max-rows': { value: 'N', parse: wholeNumber, help: `most rows (entries) in one profile (default ${DEFAULT_LOAD_LIMITS.maxRows})` },
} as const satisfies Record<string, OptionSpec>;

export function limitsFrom(values: {
  'max-bytes'?: number;
  'max-aliases'?: number;
  'max-depth'?: number;
  'max-rows'?: number;
}): LoadLimits {
  return {
    maxBytes: values['max-bytes'] ?? DEFAULT_LOAD_LIMITS.maxBytes,
    maxAliasCount: values['max-aliases'] ?? DEFAULT_LOAD_LIMITS.maxAliasCount,
    maxDepth: values['max-depth'] ?? DEFAULT_LOAD_LIMITS.maxDepth,
    maxRows: values['max-rows'] ?? DEFAULT_LOAD_LIMITS.maxRows,
  };
}

export const RULE_SELECTION = {
  rule: { value: 'ID', multiple: true, help: 'run only this rule (repeatable)' },
  'ignore-rule': { value: 'ID', multiple: true, help: 'do not run this rule (repeatable)' },
} as const satisfies Record<string, OptionSpec>;

export const RULES_DIR = {
  'rules-dir': {
    value: 'DIR',
    multiple: true,
    help: 'also read the rules in DIR, besides the bundled ones (repeatable; a rule of DIR with a bundled id replaces it)',
  },
  'no-bundled-rules': { help: 'leave out the bundled rules: only those of --rules-dir run' },
} as const satisfies Record<string, OptionSpec>;

export const COLOR = {
  color: { help: 'colours on, whatever the terminal' },
  'no-color': {
    help: 'colours off. Default: on for a terminal, off when `NO_COLOR` is set (not empty) or `TERM=dumb`, on when `FORCE_COLOR` is set (not `0`)',
  },
} as const satisfies Record<string, OptionSpec>;

/** Colour per no-color.org and FORCE_COLOR: flags first, then NO_COLOR, FORCE_COLOR, TERM=dumb, a terminal. */
export function colorWanted(
  stream: { isTTY?: boolean },
  values: { color?: boolean; 'no-color'?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force);
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}
