import { relative } from 'node:path';
import { packageRoot } from '../paths.js';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { HELP_OPTION } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { loadRuleSet, RuleSetError, type Rule } from '../engine/index.js';

export const HELP = `Usage: adherence rules [ID] [options]

Without an id: lists every rule (id, severity, category, title).
With an id: prints the rule's documentation — basis, description, message, conditions and examples.

Options:
      --json             print JSON instead of text
  -h, --help             this text
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
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...HELP_OPTION, json: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  let rules: Rule[];
  try {
    rules = loadRuleSet().rules;
  } catch (err) {
    if (err instanceof RuleSetError) throw new UsageError(err.message);
    throw err;
  }
  if (positionals.length > 1) throw new UsageError('rules takes at most one rule id');
  const id = positionals[0];
  if (id) {
    const r = rules.find((x) => x.id === id);
    if (!r) throw new UsageError(`unknown rule "${id}" (adherence rules lists them)`);
    process.stdout.write(values.json ? JSON.stringify(r, null, 2) + '\n' : doc(r));
    return EXIT.ok;
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(rules.map(({ id: i, title, severity, category, basis, confidence, scope }) => ({ id: i, title, severity, category, basis, confidence, scope })), null, 2) + '\n');
    return EXIT.ok;
  }
  const w = rules.reduce((m, r) => Math.max(m, r.id.length), 0);
  for (const r of rules) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.category.padEnd(11)}  ${r.title}\n`);
  process.stdout.write(`\n${rules.length} rules. adherence rules ID prints one rule's documentation.\n`);
  return EXIT.ok;
}
