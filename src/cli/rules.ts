import { relative } from 'node:path';
import { packageRoot } from '../paths.js';
import { stringify } from 'yaml';
import { HELP, DEBUG, RULES_DIR } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { Checker } from '../checker/index.js';
import { checkerOptions } from './checker-options.js';
import { UsageError, EXIT } from './errors.js';
import type { ExpectedFinding, Rule } from '../engine/types.js';
import { CHECK_FUNCTIONS } from '../engine/checks.js';
import { BUILTIN_CHECKS, isBuiltin, type BuiltinCheck } from '../model/builtins.js';

export const OPTIONS = {
  format: { short: 'f', value: 'NAME', parse: oneOf(['text', 'json'] as const), help: '`text` (default) or `json`' },
  json: { help: 'the same as `-f json`' },
  functions: { help: 'list the check functions a rule may name under `checks:`, with their parameters' },
  ...RULES_DIR,
  config: {
    short: 'c',
    value: 'FILE',
    help: 'configuration, as for `check`: rules it turns `off` are not listed, severities are as it sets them; its `rulesDir` and `bundledRules` (default: the one found from the working folder up)',
  },
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence rules [ID] [options]

Without an id: lists every rule (id, severity, category, title), then the built-in checks.
With an id: prints the rule's documentation — basis, description, message, conditions and examples
(for a built-in check: what it checks, what to do, and whether the configuration can change it).
With --functions: the check functions rules name under \`checks:\`, each with its parameters.

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
    ...r.description
      .trim()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    `Message: ${r.message}`,
    '',
    ...(r.checks
      ? [
          'Checks (the fact `check`; adherence rules --functions documents each function):',
          ...Object.entries(r.checks).flatMap(([name, call]) => [
            `  ${name}: ${stringify(call, { lineWidth: 0, collectionStyle: 'flow' }).trim()}`,
            `    ${CHECK_FUNCTIONS[call.function]?.description ?? ''}`,
          ]),
          '',
        ]
      : []),
    'Conditions:',
    ...stringify(r.conditions, { lineWidth: 0 })
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    ...(r.fix
      ? [
          'Fix (check --fix):',
          ...stringify(r.fix, { lineWidth: 0 })
            .trimEnd()
            .split('\n')
            .map((l) => `  ${l}`),
          '',
        ]
      : []),
    ...(r.suggestions
      ? [
          'Suggestions (check --fix --fix-type suggestion):',
          ...stringify(r.suggestions, { lineWidth: 0 })
            .trimEnd()
            .split('\n')
            .map((l) => `  ${l}`),
          '',
        ]
      : []),
    'Examples that draw nothing:',
    ...r.examples.valid.map((e) => `  ✓ ${e.name}`),
    'Examples that draw a finding:',
    ...r.examples.invalid.flatMap((e) => [
      `  ✗ ${e.name}`,
      ...(e.findings ?? []).map((f) => `      → ${[where(f), f.message].filter(Boolean).join(': ')}`),
    ]),
  ];
  return lines.join('\n') + '\n';
}

/** Where an example's finding points: the row it names (by instrument id) or its pointer. */
const where = (f: ExpectedFinding) =>
  f.row === undefined ? f.pointer : `row ${f.row}${f.nth ? ` (number ${f.nth})` : ''}${f.at ? ` /${f.at}` : ''}`;

/** The check functions, from their own metadata: what each gives, its parameters, a call. */
export function functionsDoc(): string {
  return Object.entries(CHECK_FUNCTIONS)
    .map(([name, fn]) =>
      [
        `${name}: ${fn.description}`,
        ...Object.entries(fn.params).map(([p, spec]) => `  ${p.padEnd(8)} ${spec.required ? 'required' : 'optional'}  ${spec.description}`),
        `  e.g.     ${stringify(fn.example, { lineWidth: 0, collectionStyle: 'flow' }).trim()}`,
        '',
      ].join('\n'),
    )
    .join('\n');
}

function builtinDoc(b: BuiltinCheck): string {
  const lines = [
    `${b.id}: ${b.title}`,
    '',
    `  severity   ${b.severity}`,
    `  category   ${b.category}`,
    `  built-in   from the ${b.origin === 'document' ? 'profile document itself' : b.origin === 'waivers' ? 'waivers file' : 'depositary cross-check of adherence review --reference'}`,
    ...(b.basis ? [`  basis      ${b.basis}`] : []),
    `  configure  ${b.fixed ? `no: ${b.fixed}` : 'yes: rules: in the configuration sets its severity, or off'}`,
    '',
    `  ${b.description}`,
    `  ${b.help}`,
  ];
  return lines.join('\n') + '\n';
}

/** The functions' metadata as data (their code left out). */
const functionsJson = () =>
  Object.entries(CHECK_FUNCTIONS).map(([name, { description, params, scopes, example }]) => ({
    name,
    description,
    params,
    ...(scopes ? { scopes } : {}),
    example,
  }));

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  const json = values.json || values.format === 'json';
  if (values.functions) {
    if (positionals.length) throw new UsageError('rules --functions takes no rule id');
    process.stdout.write(json ? `${JSON.stringify(functionsJson(), null, 2)}\n` : functionsDoc());
    return EXIT.ok;
  }
  // The rules as check runs them: the configuration's severities, its rules turned off left out.
  const checker = await Checker.create(checkerOptions(values));
  const rules: Rule[] = checker.ruleSet.rules;
  const builtinList = Object.values(BUILTIN_CHECKS).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (positionals.length > 1) throw new UsageError('rules takes at most one rule id');
  const id = positionals[0];
  if (id) {
    if (isBuiltin(id)) {
      const b = BUILTIN_CHECKS[id];
      process.stdout.write(json ? JSON.stringify({ ...b, builtin: true }, null, 2) + '\n' : builtinDoc(b));
      return EXIT.ok;
    }
    const r = checker.rule(id);
    process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : doc(r));
    return EXIT.ok;
  }
  if (json) {
    const builtins = builtinList.map(({ id: i, title, severity, category, basis }) => ({
      id: i,
      title,
      severity,
      category,
      ...(basis ? { basis } : {}),
      builtin: true,
    }));
    process.stdout.write(
      JSON.stringify(
        [
          ...rules.map(({ id: i, title, severity, category, basis, confidence, scope }) => ({
            id: i,
            title,
            severity,
            category,
            basis,
            confidence,
            scope,
          })),
          ...builtins,
        ],
        null,
        2,
      ) + '\n',
    );
    return EXIT.ok;
  }
  const w = [...rules, ...builtinList].reduce((m, r) => Math.max(m, r.id.length), 0);
  const row = (r: { id: string; severity: string; category: string; title: string }) =>
    `${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.category.padEnd(11)}  ${r.title}\n`;
  for (const r of rules) process.stdout.write(row(r));
  process.stdout.write(`\nBuilt-in checks (not rule files):\n`);
  for (const b of builtinList) process.stdout.write(row(b));
  process.stdout.write(
    `\n${rules.length} rules and ${builtinList.length} built-in checks. adherence rules ID prints one's documentation.\n`,
  );
  return EXIT.ok;
}
