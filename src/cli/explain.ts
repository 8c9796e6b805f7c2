import { HELP, DEBUG, LIMITS, DATE_ORDER, RULES_DIR } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { readingText } from '../review/words.js';
import { Checker } from '../checker/index.js';
import { checkerOptions } from './checker-options.js';
import { showControls } from '../report/escape.js';

export const OPTIONS = {
  rule: { value: 'ID', help: 'the rule to explain (`adherence rules` lists them); required' },
  at: { value: 'POINTER', help: 'only the run on this row, e.g. `/entries/6`' },
  all: { help: 'also show the runs where the rule did not fire' },
  format: {
    short: 'f',
    value: 'NAME',
    parse: oneOf(['text', 'json'] as const),
    help: '`text` (default) or `json` (the condition trees with their fact names, and the same words)',
  },
  verbose: { help: 'also show the bookkeeping tests (a row is listed, an instrument is known) and the tests not evaluated' },
  ...DATE_ORDER,
  ...RULES_DIR,
  config: {
    short: 'c',
    value: 'FILE',
    help: 'configuration, as for `check`: its rule severities, rules turned `off`, `rulesDir` and `dateOrder` (default: the one found from the working folder up)',
  },
  ...LIMITS,
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence explain <profile> --rule ID [options]

Shows why a rule fired, or did not, on one profile: each test of the rule said over the rows it
read (instrument, status as written, dates, row and line:column, footnotes), whether it held (✓),
failed (✗) or was not evaluated (·), and the catalogue facts it used with their sources. Tests that
only say a rule applies (a row is listed, an instrument is known) are folded away unless --verbose.
Rules of a row scope (entry, report, footnote, note, date) run once per row: the runs where the rule
fired are shown, or all of them with --all, or one with --at.

Options:
${optionsHelp(OPTIONS)}

Exit codes: 0 explained; 1 the profile does not load or match the schema (rules do not run on it);
2 usage error, unknown rule or a rule the configuration turns off.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('explain takes one profile file (or - for standard input)');
  if (!values.rule) throw new UsageError('explain needs --rule ID (adherence rules lists them)');
  const format = values.format ?? 'text';
  // The configuration applies as for check: its severities, its rules turned off, its date order.
  const checker = await Checker.create(checkerOptions(values));
  const result = await checker.explain(positionals[0]!, values.rule);
  const { rule, file } = result;
  if (!result.ok) {
    const blocking = result.finding;
    process.stderr.write(
      showControls(
        `${file}:${blocking?.line ?? 1}:${blocking?.column ?? 1}: ${blocking?.message ?? 'not a profile'} (rules run only on a profile that loads and matches the schema)`,
      ) + '\n',
    );
    return EXIT.findings;
  }
  const runs = result.runs;
  const views = values.at !== undefined ? result.views.filter((v) => v.pointer === values.at) : result.views;
  if (values.at !== undefined && views.length === 0)
    throw new UsageError(`rule ${rule.id} (scope ${rule.scope}) has no run at ${values.at}`);
  const fired = views.filter((v) => v.fired);
  const shown = values.all || values.at !== undefined || rule.scope === 'profile' ? views : fired;
  if (format === 'json') {
    process.stdout.write(
      JSON.stringify(
        {
          rule: { id: rule.id, title: rule.title, severity: rule.severity, scope: rule.scope, basis: rule.basis },
          file,
          runs: runs,
          fired: fired.length,
          shown,
        },
        null,
        2,
      ) + '\n',
    );
    return EXIT.ok;
  }
  const out = [
    `${rule.id}: ${rule.title}`,
    `  ${rule.severity}, ${rule.category}; basis: ${rule.basis}${rule.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''}`,
    `  ${file} (${result.state}): ${rule.scope === 'profile' ? (fired.length ? 'fires' : 'does not fire') : `${values.at !== undefined ? `${rule.scope} run at ${values.at} of ${runs}` : `fires on ${fired.length} of ${runs} ${rule.scope} run${runs === 1 ? '' : 's'}`}`}`,
    '',
  ];
  for (const v of shown)
    out.push(`${v.fired ? 'FIRES' : 'does not fire'} on ${v.on}:`, ...readingText(v.reading, '  ', !!values.verbose), '');
  if (!shown.length)
    out.push(`Nothing fired. --all shows the ${views.length} run${views.length === 1 ? '' : 's'}, --at POINTER one of them.`, '');
  out.push('✓ holds  ✗ fails  · not evaluated');
  // Values in the tree come from the profile: shown escaped, never obeyed by the terminal.
  process.stdout.write(showControls(out.join('\n'), '\n') + '\n');
  return EXIT.ok;
}
