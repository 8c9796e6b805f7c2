import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { HELP_OPTION, LIMITS_HELP, LIMIT_OPTIONS, colorWanted } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { reporter, FORMATS, type Reporter, type Report } from '../report/index.js';
import { atOrAbove, countFindings } from '../findings/index.js';
import { writeSafely } from '../report/write.js';
import { Checker, type Settings } from '../checker/index.js';
import { checkerOptions } from './options.js';

export const HELP = `Usage: adherence check [paths…] [options]

Validates profiles (.yaml, .yml, .json, .txt in the published layout; folders are recursed;
- reads standard input). Default path: profiles/.

Options:
  -f, --format NAME      output format: ${FORMATS.join(', ')} (default stylish)
  -o, --output FILE      write the report of the --format before it to FILE instead of standard output;
                         repeat the pair for several reports in one run: -f sarif -o a.sarif -f junit -o a.xml
                         (-o - is standard output; a device, FIFO, folder or link is refused)
      --force            let -o replace a file this run read (it is kept as FILE.bak)
      --fail-on LEVEL    error | warning | info | never: the lowest severity that makes the exit code 1
                         (default error)
      --max-warnings N   exit code 1 also when there are more than N warnings (waived ones do not count)
      --waivers FILE     accepted findings (default: the configuration's \`waivers\`, else waivers.yaml
                         beside the configuration or in the working folder)
      --no-waivers       ignore the waivers file
      --baseline FILE    an earlier JSON report: report only new findings, and list those resolved
      --rule ID          run only this rule (repeatable)
      --ignore-rule ID   do not run this rule (repeatable)
  -c, --config FILE      configuration (default: adherence.config.yaml in the working folder, if any)
      --date-order ORDER month-first | day-first: how to read numeric dates such as 11/03/04 when a
                         profile does not say
${LIMITS_HELP}
      --rules-dir DIR    read the rules from DIR instead of the bundled rules/
      --color, --no-color  force colours on or off (default: on a terminal, unless NO_COLOR is set)
      --debug            print stack traces of internal errors
  -h, --help             this text

Exit codes: 0 no finding at or above --fail-on (and no more warnings than --max-warnings);
1 findings at or above it, or too many warnings; 2 usage error, unreadable path, invalid
configuration, rule set, waivers file or baseline.
`;

interface Output {
  format: string;
  file?: string;
}

type Token = { kind: string; name?: string; value?: string | undefined };

/** Pairs each -o with the --format before it; an -o before any --format goes with the first one. */
export function pairOutputs(tokens: Token[]): Output[] {
  const outs: Output[] = [];
  const early: string[] = [];
  for (const t of tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'format') outs.push({ format: t.value });
    else if (t.name === 'output') {
      const last = outs.at(-1);
      if (!last) early.push(t.value);
      else if (last.file === undefined) last.file = t.value;
      else throw new UsageError(`--format ${last.format} is given two outputs (${last.file}, ${t.value}): give each -o its own --format`);
    }
  }
  if (outs.length === 0) outs.push({ format: 'stylish' });
  if (early.length > 1 || (early.length === 1 && outs[0]!.file !== undefined)) throw new UsageError(`-o ${early.at(-1)} has no --format of its own: write --format NAME -o FILE`);
  if (early.length === 1) outs[0]!.file = early[0];
  for (const o of outs) if (o.file === '-') delete o.file; // -o - is standard output
  const toStdout = outs.filter((o) => o.file === undefined);
  if (toStdout.length > 1) throw new UsageError(`only one report can go to standard output (${toStdout.map((o) => o.format).join(', ')}): give the others -o FILE`);
  const files = outs.flatMap((o) => (o.file === undefined ? [] : [resolve(o.file)]));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`two reports would be written to ${relative(process.cwd(), twice) || twice}`);
  return outs;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, strict: true, tokens: true, options: {
    ...HELP_OPTION,
    format: { type: 'string', short: 'f', multiple: true },
    output: { type: 'string', short: 'o', multiple: true },
    'fail-on': { type: 'string' },
    'max-warnings': { type: 'string' },
    waivers: { type: 'string' },
    'no-waivers': { type: 'boolean' },
    baseline: { type: 'string' },
    rule: { type: 'string', multiple: true },
    'ignore-rule': { type: 'string', multiple: true },
    'rules-dir': { type: 'string' },
    config: { type: 'string', short: 'c' },
    'date-order': { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    force: { type: 'boolean' },
    ...LIMIT_OPTIONS,
  } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or never, not "${failOn}"`);
  const outputs = pairOutputs(tokens ?? []);
  const reporters: Reporter[] = [];
  for (const o of outputs) {
    const r = await reporter(o.format);
    if (!r) throw new UsageError(`unknown format "${o.format}" (formats: ${FORMATS.join(', ')})`);
    reporters.push(r);
  }
  // argv → options → Checker → formatter → exit code: the Checker owns configuration, rules,
  // waivers and baseline, so this command and a library user get the same report.
  const checker = await Checker.create(checkerOptions(values));
  const { settings } = checker;
  const report = await checker.checkFiles(positionals.length ? positionals : settings.paths);
  const rules = checker.ruleInfo();
  const inputs = checker.inputsOf(report);
  outputs.forEach((o, i) => {
    const text = reporters[i]!(report, { color: o.file === undefined && o.format === 'stylish' && colorWanted(process.stdout, values), rules, failOn: settings.failOn });
    if (o.file !== undefined) writeSafely(o.file, text, { inputs, force: values.force });
    else process.stdout.write(text);
  });
  return exitCode(report, settings);
}

/** 1 when a finding is at or above the threshold, or there are more warnings than allowed; else 0. */
export function exitCode(report: Report, settings: Pick<Settings, 'failOn' | 'maxWarnings'>): number {
  const all = report.files.flatMap((f) => f.findings);
  const warnings = countFindings(all).warning;
  const { failOn, maxWarnings } = settings;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) process.stderr.write(`adherence: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  return all.some((x) => atOrAbove(x, failOn)) || tooManyWarnings ? EXIT.findings : EXIT.ok;
}
