import { parseArgs } from 'node:util';
import { HELP_OPTION, dateOrderOption, LIMIT_OPTIONS, limitsFrom, colorWanted } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { checkPaths } from '../check.js';
import { buildReport, reporter, FORMATS } from '../report/index.js';
import { atOrAbove, type FailOn } from '../findings/index.js';
import { writeSafely } from './write.js';
import { readConfig } from './config.js';
import { loadRuleSet, ruleRunner, RuleSetError } from '../engine/index.js';

export const HELP = `Usage: adherence check [paths…] [options]

Validates profiles (.yaml, .yml, .json, .txt in the published layout; folders are recursed;
- reads standard input). Default path: profiles/.

Options:
  -f, --format NAME      output format: ${FORMATS.join(', ')} (default stylish)
  -o, --output FILE      write the report to FILE instead of standard output
      --fail-on LEVEL    error | warning | info | never: the lowest severity that makes the exit code 1
                         (default error)
      --rule ID          run only this rule (repeatable)
      --ignore-rule ID   do not run this rule (repeatable)
  -c, --config FILE      configuration (default: adherence.config.yaml in the working folder, if any)
      --date-order ORDER month-first | day-first: how to read numeric dates such as 11/03/04 when a
                         profile does not say
      --max-bytes N      largest file read (default 67108864)
      --max-aliases N    YAML aliases a document may resolve (default 100)
      --color, --no-color  force colours on or off (default: on a terminal, unless NO_COLOR is set)
      --debug            print stack traces of internal errors
  -h, --help             this text

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage error,
unreadable path, invalid configuration or rule set.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    ...HELP_OPTION,
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    rule: { type: 'string', multiple: true },
    'ignore-rule': { type: 'string', multiple: true },
    config: { type: 'string', short: 'c' },
    'date-order': { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    ...LIMIT_OPTIONS,
  } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const config = readConfig(values.config);
  const failOn = (values['fail-on'] ?? config.failOn ?? 'error') as FailOn;
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or never, not "${failOn}"`);
  const format = values.format ?? 'stylish';
  const report = await reporter(format);
  if (!report) throw new UsageError(`unknown format "${format}" (formats: ${FORMATS.join(', ')})`);
  const paths = positionals.length ? positionals : config.paths ?? ['profiles'];
  const dateOrder = dateOrderOption(values['date-order']) ?? config.dateOrder;
  let rules;
  try {
    rules = ruleRunner(loadRuleSet({ only: values.rule, ignore: values['ignore-rule'], severity: config.rules }), { dateOrder });
  } catch (err) {
    if (err instanceof RuleSetError) throw new UsageError(err.message);
    throw err;
  }
  const run = await checkPaths(paths, { dateOrder, limits: limitsFrom(values), rules });
  if (run.errors.length) throw new UsageError(run.errors.join('; '));
  if (run.files.length === 0) throw new UsageError(`no profile files (.yaml, .yml, .json, .txt) under ${paths.join(', ')}`);
  const built = buildReport(run.files);
  const text = report(built, { color: values.output ? false : colorWanted(process.stdout, values) });
  if (values.output) writeSafely(values.output, text, { inputs: run.files.map((f) => f.file) });
  else process.stdout.write(text);
  return run.files.some((f) => f.findings.some((x) => atOrAbove(x, failOn))) ? EXIT.findings : EXIT.ok;
}
