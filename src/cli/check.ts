import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { HELP_OPTION, LIMITS_HELP, dateOrderOption, LIMIT_OPTIONS, limitsFrom, colorWanted, positiveInt } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { checkPaths } from '../check.js';
import { buildReport, reporter, FORMATS, type Reporter, type RuleInfo } from '../report/index.js';
import { atOrAbove, countFindings, type FailOn } from '../findings/index.js';
import { readWaivers, applyWaivers, type RuleStatus, type WaiverSummary } from '../findings/waivers.js';
import { readBaseline, applyBaseline, type BaselineResult } from '../findings/baseline.js';
import { writeSafely } from '../report/write.js';
import { readConfig, type Config } from './config.js';
import { loadRuleSet, ruleRunner } from '../engine/index.js';
import { DOCUMENT_CHECKS, WAIVER_CHECKS, type BuiltinId } from '../model/builtins.js';

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

/** The waivers file: --waivers, else the configuration's `waivers`, else waivers.yaml beside it. */
function waiversFile(values: { waivers?: string; 'no-waivers'?: boolean }, config: Config): string | undefined {
  if (values['no-waivers']) return undefined;
  if (values.waivers !== undefined) return values.waivers;
  const named = config.waivers !== undefined ? resolve(config.dir, config.waivers) : join(config.dir, 'waivers.yaml');
  if (config.waivers === undefined && !existsSync(named)) return undefined;
  // Shown relative to the working folder, as profile paths are, so reports do not carry machine paths.
  const rel = relative(process.cwd(), named);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : named;
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
  const config = readConfig(values.config);
  const failOn = (values['fail-on'] ?? config.failOn ?? 'error') as FailOn;
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or never, not "${failOn}"`);
  const maxWarnings = positiveInt('--max-warnings', values['max-warnings']);
  const outputs = pairOutputs(tokens ?? []);
  const reporters: Reporter[] = [];
  for (const o of outputs) {
    const r = await reporter(o.format);
    if (!r) throw new UsageError(`unknown format "${o.format}" (formats: ${FORMATS.join(', ')})`);
    reporters.push(r);
  }
  const paths = positionals.length ? positionals : config.paths ?? ['profiles'];
  const dateOrder = dateOrderOption(values['date-order']) ?? config.dateOrder;
  const ruleSet = loadRuleSet({ only: values.rule, ignore: values['ignore-rule'], severity: config.rules, dir: values['rules-dir'] });
  // Read the waivers and the baseline before checking, so a mistake in them stops the run at once.
  const wFile = waiversFile(values, config);
  const waivers = wFile === undefined ? undefined : readWaivers(wFile);
  const baseline = values.baseline === undefined ? undefined : readBaseline(values.baseline);
  const run = await checkPaths(paths, { limits: limitsFrom(values), rules: ruleRunner(ruleSet, { dateOrder }) });
  if (run.errors.length) throw new UsageError(run.errors.join('; '));
  if (run.files.length === 0) throw new UsageError(`no profile files (.yaml, .yml, .json, .txt) under ${paths.join(', ')}`);

  let files = run.files;
  let waiverSummary: WaiverSummary | undefined;
  if (waivers) {
    const ran = new Set(ruleSet.rules.map((r) => r.id));
    const excluded = new Set([...(values['ignore-rule'] ?? []), ...Object.entries(config.rules ?? {}).filter(([, s]) => s === 'off').map(([id]) => id)]);
    // With --rule, every other rule is left out on purpose: a waiver of one of them is not "unused".
    const ruleStatus: RuleStatus = (id) =>
      ran.has(id) || DOCUMENT_CHECKS.includes(id as BuiltinId) ? 'run' : values.rule?.length || excluded.has(id) ? 'not-run' : 'unknown';
    const applied = applyWaivers(files, waivers, { ruleStatus, severity: ruleSet.builtins ?? {} });
    files = applied.report ? [...applied.files, applied.report] : applied.files;
    waiverSummary = applied.summary;
  }
  let baselineResult: BaselineResult | undefined;
  if (baseline) {
    const checked = new Set([...run.files.map((f) => f.file), ...(waivers ? [waivers.file] : [])]);
    const ran = new Set<string>([...ruleSet.rules.map((r) => r.id), ...DOCUMENT_CHECKS, ...(waivers ? WAIVER_CHECKS : [])]);
    const compared = applyBaseline(files, baseline, (f) => checked.has(f.file) && ran.has(f.ruleId));
    files = compared.files;
    baselineResult = compared.result;
  }
  const built = buildReport(files, { waivers: waiverSummary, baseline: baselineResult });
  const rules: RuleInfo[] = ruleSet.rules.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    category: r.category,
    description: r.description.trim(),
    basis: r.basis,
    ...(r.confidence ? { confidence: r.confidence } : {}),
  }));
  const inputs = [...run.files.map((f) => f.file), ...(waivers ? [waivers.file] : [])];
  outputs.forEach((o, i) => {
    const text = reporters[i]!(built, { color: o.file === undefined && o.format === 'stylish' && colorWanted(process.stdout, values), rules, failOn });
    if (o.file !== undefined) writeSafely(o.file, text, { inputs, force: values.force });
    else process.stdout.write(text);
  });
  const all = files.flatMap((f) => f.findings);
  const warnings = countFindings(all).warning;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) process.stderr.write(`adherence: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  return all.some((x) => atOrAbove(x, failOn)) || tooManyWarnings ? EXIT.findings : EXIT.ok;
}
