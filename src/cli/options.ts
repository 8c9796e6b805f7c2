// Options declared once: each command's table gives the parsing (node:util parseArgs), the check of
// every value before it is used, the --help text and the README's option table (a test compares them).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { didYouMean } from '../suggest.js';

export interface OptionSpec<T = unknown> {
  short?: string;
  /** The value's placeholder (`NAME`, `FILE`, `N`); a flag without one takes no value. */
  value?: string;
  multiple?: boolean;
  /** What it does: the --help text and the README's table say the same. */
  help: string;
  /** Checks and converts a value; throws a UsageError that names the option. */
  parse?: (raw: string, flag: string) => T;
}

export type OptionTable = Record<string, OptionSpec>;

type One<S> = S extends { value: string } ? (S extends { parse: (raw: string, flag: string) => infer R } ? R : string) : boolean;
export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]?: T[K] extends { multiple: true } ? One<T[K]>[] : One<T[K]> };

export interface Parsed<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
  /** Options in the order given, values checked (for options that pair, such as -f with -o). */
  tokens: { name: string; value: unknown }[];
}

/** Parses argv against a table: unknown options get a did-you-mean, every value is checked. */
export function parseOptions<T extends OptionTable>(table: T, argv: string[], positionals = true): Parsed<T> {
  const config: ParseArgsConfig['options'] = {};
  for (const [name, s] of Object.entries(table))
    config[name] = {
      type: s.value ? 'string' : 'boolean',
      ...(s.short ? { short: s.short } : {}),
      ...(s.multiple ? { multiple: true } : {}),
    };
  // A first, lenient pass finds unknown names, so the message is ours and suggests the nearest one.
  const loose = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const names = Object.keys(table);
  for (const t of loose.tokens ?? []) {
    if (t.kind !== 'option') continue;
    // Own keys only: `--constructor` is no option because every object has one.
    const spec = Object.hasOwn(table, t.name) ? table[t.name] : undefined;
    if (!spec) {
      const near = didYouMean(t.name, names);
      throw new UsageError(`unknown option ${t.rawName}${near ? ` (did you mean --${near}?)` : ''}; see --help`);
    }
    if (spec.value && t.value === undefined) throw new UsageError(`--${t.name} needs a value (${spec.value})`);
    if (!spec.value && t.inlineValue) throw new UsageError(`--${t.name} takes no value`);
  }
  let strict;
  try {
    strict = parseArgs({ args: argv, options: config, strict: true, allowPositionals: true, tokens: true });
  } catch (err) {
    // What the first pass lets through (`-f --json`: a value that looks like an option): one line, ours.
    const raw = (err as Error).message
      .split('. ')[0]!
      .replace(/^Option '([^']+)' argument is ambiguous.*/s, 'the value of $1 looks like an option');
    throw new UsageError(`${raw}; write --name=value when a value starts with -`, { cause: err });
  }
  if (!positionals && strict.positionals.length) throw new UsageError(`unexpected argument "${strict.positionals[0]}"; see --help`);
  const values: Record<string, unknown> = {};
  const tokens: { name: string; value: unknown }[] = [];
  for (const t of strict.tokens ?? []) {
    if (t.kind !== 'option') continue;
    const spec = table[t.name]!;
    const v = spec.value ? (spec.parse ? spec.parse(t.value!, `--${t.name}`) : t.value!) : true;
    tokens.push({ name: t.name, value: v });
    if (spec.multiple) ((values[t.name] ??= []) as unknown[]).push(v);
    else values[t.name] = v;
  }
  return { values: values as OptionValues<T>, positionals: strict.positionals, tokens };
}

// ---- value checks -------------------------------------------------------------------------------

/** One of a closed list of words, with a did-you-mean for a near miss. */
export function oneOf<W extends string>(words: readonly W[]): (raw: string, flag: string) => W {
  return (raw, flag) => {
    if ((words as readonly string[]).includes(raw)) return raw as W;
    const near = didYouMean(raw, words);
    throw new UsageError(`${flag} takes ${listWords(words)}, not "${raw}"${near ? ` (did you mean ${near}?)` : ''}`);
  };
}

export const listWords = (words: readonly string[]) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

export function wholeNumber(raw: string, flag: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, not "${raw}"`);
  return n;
}

/** `auto`, or a number of threads from 1 up. */
export function threadCount(raw: string, flag: string): number | 'auto' {
  if (raw === 'auto') return 'auto';
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes auto or a whole number from 1, not "${raw}"`);
  return n;
}

/** A calendar date YYYY-MM-DD that exists (no 2010-13-01, no 30 February). */
export function isoDate(raw: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!)
    throw new UsageError(`${flag} takes a calendar date YYYY-MM-DD, not "${raw}"`);
  return raw;
}

// ---- help and README ----------------------------------------------------------------------------

function label(name: string, s: OptionSpec): string {
  return `${s.short ? `-${s.short}, ` : '    '}--${name}${s.value ? ` ${s.value}` : ''}`;
}

/** The Options: section of --help, descriptions wrapped beside the names. */
export function optionsHelp(table: OptionTable, width = 100): string {
  const rows = Object.entries(table).map(([name, s]) => [label(name, s), s.help.replaceAll('`', '')] as const);
  const col = Math.min(26, Math.max(...rows.map(([l]) => l.length)) + 2);
  const out: string[] = [];
  for (const [l, help] of rows) {
    const lines = wrap(help, width - col - 2);
    const first =
      l.length + 2 >= col + 1
        ? [`  ${l}`, ...lines.map((x) => ' '.repeat(col + 2) + x)]
        : [`  ${l.padEnd(col)}${lines[0] ?? ''}`, ...lines.slice(1).map((x) => ' '.repeat(col + 2) + x)];
    out.push(...first);
  }
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The README's table of a command's options (what the README test compares). */
export function optionsMarkdown(table: OptionTable): string {
  const rows = Object.entries(table).map(([name, s]) => `| \`${label(name, s).trim()}\` | ${s.help.replaceAll('|', '\\|')} |`);
  return ['| option | meaning |', '|---|---|', ...rows].join('\n');
}
