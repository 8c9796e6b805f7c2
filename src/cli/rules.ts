import { relative } from 'node:path';
import { packageRoot } from '../paths.js';
import { stringify } from 'yaml';
import { HELP, DEBUG, RULES_DIR } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { loadRules, ruleFolders } from './ruleset.js';
import { readConfig } from './config.js';
import { didYouMean } from '../suggest.js';
import { UsageError, EXIT } from './errors.js';
import type { Rule } from '../engine/index.js';

export const OPTIONS = {
  format: { short: 'f', value: 'NAME', parse: oneOf(['text', 'json'] as const), help: '`text` (default) or `json`' },
  json: { help: 'the same as `-f json`' },
  ...RULES_DIR,
  config: { short: 'c', value: 'FILE', help: 'configuration, for its `rulesDir` and `bundledRules` (default: the one found from the working folder up)' },
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence rules [ID] [options]

Without an id: lists every rule (id, severity, category, title).
With an id: prints the rule's documentation — basis, description, message, conditions and examples.

Options:
${optionsHelp(OPTIONS)}
`;

function doc(r: Rule): string {
  const lines = [
    `${r.id}: ${r.title}`,
    '',
    `  severity   ${r.severity}`,
    `  category   ${r.category}`,
    `  scope      ${r.scope}`,
    `  basis      ${r.basis}${r.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''}`,
    `  file       ${relative(packageRoot, r.file)}`,
    '',
    ...r.description.trim().split('\n').map((l) => `  ${l}`),
    '',
    `Message: ${r.message}`,
    '',
    'Conditions:',
    ...stringify(r.conditions, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `  ${l}`),
    '',
    'Examples that draw nothing:',
    ...r.examples.valid.map((e) => `  ✓ ${e.name}`),
    'Examples that draw a finding:',
    ...r.examples.invalid.flatMap((e) => [`  ✗ ${e.name}`, ...(e.findings ?? []).map((f) => `      → ${[f.pointer, f.message].filter(Boolean).join(': ')}`)]),
  ];
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  const json = values.json || values.format === 'json';
  const config = readConfig(values.config);
  const rules: Rule[] = loadRules(ruleFolders(values, config)).rules;
  if (positionals.length > 1) throw new UsageError('rules takes at most one rule id');
  const id = positionals[0];
  if (id) {
    const r = rules.find((x) => x.id === id);
    if (!r) {
      const near = didYouMean(id, rules.map((x) => x.id));
      throw new UsageError(`unknown rule "${id}"${near ? ` (did you mean ${near}?)` : ''} (adherence rules lists them)`);
    }
    process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : doc(r));
    return EXIT.ok;
  }
  if (json) {
    process.stdout.write(JSON.stringify(rules.map(({ id: i, title, severity, category, basis, confidence, scope }) => ({ id: i, title, severity, category, basis, confidence, scope })), null, 2) + '\n');
    return EXIT.ok;
  }
  const w = rules.reduce((m, r) => Math.max(m, r.id.length), 0);
  for (const r of rules) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.category.padEnd(11)}  ${r.title}\n`);
  process.stdout.write(`\n${rules.length} rules. adherence rules ID prints one rule's documentation.\n`);
  return EXIT.ok;
}
