import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { HELP, DEBUG, LIMITS, DATE_ORDER, RULE_SELECTION, RULES_DIR, COLOR, failOnOption, limitsFrom, colorWanted } from './args.js';
import { loadRules, ruleFolders } from './ruleset.js';
import { parseOptions, oneOf, wholeNumber, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { checkPaths, type FileReport } from '../check.js';
import { buildReport, reporter, FORMATS, type Reporter, type RuleInfo } from '../report/index.js';
import { atOrAbove, countFindings } from '../findings/index.js';
import { readWaivers, applyWaivers, type RuleStatus, type WaiverSummary } from '../findings/waivers.js';
import { readBaseline, applyBaseline, type BaselineResult } from '../findings/baseline.js';
import { writeSafely } from '../report/write.js';
import { readConfig, shown, DEFAULT_CONFIG_FILE, type Config } from './config.js';
import { ruleRunner } from '../engine/index.js';
import { DEFAULT_MAX_FILES, IGNORE_FILE } from '../load/files.js';
import { DOCUMENT_CHECKS, WAIVER_CHECKS, REFERENCE_MISMATCH, type BuiltinId } from '../model/builtins.js';
import { fixPaths, withoutFixes, FIX_TYPES, type FixType } from '../fix/index.js';
import { loadCatalog } from '../catalog/index.js';
import { readDepositary } from '../review/depositary.js';
import { withReference } from '../review/reference.js';

export const OPTIONS = {
  format: { short: 'f', value: 'NAME', multiple: true, parse: oneOf(FORMATS), help: `output format: ${FORMATS.map((f) => `\`${f}\``).join(', ')} (default \`stylish\`)` },
  output: { short: 'o', value: 'FILE', multiple: true, help: 'write the report of the --format just before it to FILE; repeat the pair for several reports in one run: `-f sarif -o a.sarif -f junit -o a.xml -f github` (at most one format without -o, which goes to standard output; `-o -` is standard output too). FILE must be a regular file or a new path: a device (`/dev/null`), FIFO, socket, folder or symbolic link is refused with exit 2' },
  force: { help: 'let `-o` replace a file this run read (a profile, the configuration, waivers, baseline or a rule file); its old bytes are kept as `FILE.bak`' },
  'fail-on': failOnOption('`error` (default), `warning`, `info` or `never`: the lowest severity that makes the exit code 1'),
  'max-warnings': { value: 'N', parse: wholeNumber, help: 'also exit 1 when more than N warnings remain (waived findings and findings known to the baseline do not count)' },
  quiet: { short: 'q', help: 'report errors only (warnings and info still count towards --fail-on and --max-warnings)' },
  waivers: { value: 'FILE', help: 'accepted findings (default: the configuration\'s `waivers`, else `waivers.yaml` beside the configuration, or in the working folder when there is none)' },
  'no-waivers': { help: 'ignore the waivers file: see every finding' },
  baseline: { value: 'FILE', help: 'an earlier `--format json` report: report only findings that are new since, and list those resolved' },
  ...RULE_SELECTION,
  ...RULES_DIR,
  config: { short: 'c', value: 'FILE', help: `configuration (default: \`${DEFAULT_CONFIG_FILE}\` in the working folder or the nearest folder above it)` },
  'print-config': { help: 'print the configuration in effect (file, paths, rules, ignores, defaults) and exit' },
  ...DATE_ORDER,
  'stdin-filename': { value: 'NAME', help: 'the name findings on standard input (`-`) are reported under; its extension says how to read it' },
  fix: { help: 'apply the rules\' safe fixes to the files (YAML, JSON, published text) in place, then report what remains' },
  'fix-dry-run': { help: 'write nothing; report each finding\'s fix and the change it would make' },
  'fix-type': { value: 'TYPE', multiple: true, parse: oneOf(FIX_TYPES), help: '`fix` or `suggestion`: what `--fix` applies (repeatable; default `fix`)' },
  reference: { value: 'DIR', help: `also compare each profile with the depositary's participant tables in DIR (UN Treaty Collection form): \`${REFERENCE_MISMATCH}\` findings, as in \`review\`` },
  'max-files': { value: 'N', parse: wholeNumber, help: `most profile files one run lists (default ${DEFAULT_MAX_FILES}; the configuration's \`maxFiles\`)` },
  ...LIMITS,
  ...COLOR,
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence check [paths…] [options]

Validates profiles (.yaml, .yml, .json, .txt in the published layout). Folders are walked (links to
folders are not followed), globs such as 'profiles/**/*.yaml' are expanded, - reads standard input.
Default: the configuration's \`paths\`, else profiles/. The configuration's \`ignores\` and the lines
of ${IGNORE_FILE} beside it leave files out of folders and globs.

Options:
${optionsHelp(OPTIONS)}

Exit codes: 0 no finding at or above --fail-on (and no more warnings than --max-warnings);
1 findings at or above it, or too many warnings; 2 usage error, unreadable path, invalid
configuration, rule set, waivers file, baseline or reference folder.
`;

interface Output {
  format: string;
  file?: string;
}

type Token = { name: string; value: unknown };

/** Pairs each -o with the --format before it; an -o before any --format goes with the first one. */
export function pairOutputs(tokens: Token[]): Output[] {
  const outs: Output[] = [];
  const early: string[] = [];
  for (const t of tokens) {
    if (typeof t.value !== 'string') continue;
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
  if (twice) throw new UsageError(`two reports would be written to ${shown(twice)}`);
  return outs;
}

/** The waivers file: --waivers, else the configuration's `waivers`, else waivers.yaml beside it. */
function waiversFile(values: { waivers?: string; 'no-waivers'?: boolean }, config: Config): string | undefined {
  if (values['no-waivers']) return undefined;
  if (values.waivers !== undefined) return values.waivers;
  if (config.waivers !== undefined) return config.waivers;
  const beside = join(config.dir, 'waivers.yaml');
  // Shown relative to the working folder, as profile paths are, so reports do not carry machine paths.
  return existsSync(beside) ? shown(beside) : undefined;
}

/** --fix, --fix-dry-run and --fix-type, checked together. */
function fixMode(values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-type'?: FixType[] }, paths: string[]): { write: boolean; types: FixType[] } | undefined {
  const types = values['fix-type'] ?? [];
  if (values.fix && values['fix-dry-run']) throw new UsageError('give --fix or --fix-dry-run, not both');
  if (!values.fix && !values['fix-dry-run']) {
    if (types.length) throw new UsageError('--fix-type goes with --fix or --fix-dry-run');
    return undefined;
  }
  if (values.fix && paths.includes('-')) throw new UsageError('--fix cannot rewrite standard input: use --fix-dry-run to see the fixes');
  return { write: !!values.fix, types: types.length ? [...new Set(types)] : ['fix'] };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  const config = readConfig(values.config);
  const failOn = values['fail-on'] ?? config.failOn ?? 'error';
  const maxWarnings = values['max-warnings'];
  const outputs = pairOutputs(tokens);
  const paths = positionals.length ? positionals : config.paths ?? ['profiles'];
  const dateOrder = values['date-order'] ?? config.dateOrder;
  const stdinFilename = values['stdin-filename'];
  if (stdinFilename !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename names standard input: give - among the paths');
  const files = { ignores: config.ignores ?? [], base: config.dir, maxFiles: values['max-files'] ?? config.maxFiles ?? DEFAULT_MAX_FILES };
  const { dirs: rulesDirs, bundled } = ruleFolders(values, config);
  if (values['print-config']) {
    const effective = {
      file: config.file ?? null,
      paths,
      ignores: files.ignores,
      maxFiles: files.maxFiles,
      rulesDir: rulesDirs,
      bundledRules: bundled,
      rules: config.rules ?? {},
      failOn,
      dateOrder: dateOrder ?? null,
      waivers: waiversFile(values, config) ?? null,
    };
    process.stdout.write(stringify(effective));
    return EXIT.ok;
  }
  const reporters: Reporter[] = [];
  for (const o of outputs) reporters.push((await reporter(o.format))!);
  const ruleSet = loadRules({ only: values.rule, ignore: values['ignore-rule'], severity: config.rules, dirs: rulesDirs, bundled });
  // Read the waivers and the baseline before checking, so a mistake in them stops the run at once.
  const wFile = waiversFile(values, config);
  const waivers = wFile === undefined ? undefined : readWaivers(wFile);
  const baseline = values.baseline === undefined ? undefined : readBaseline(values.baseline);
  const depositary = values.reference === undefined ? undefined : readDepositary(values.reference, loadCatalog());
  const ran = new Set<string>([...ruleSet.rules.map((r) => r.id), ...(depositary ? [REFERENCE_MISMATCH] : [])]);
  const excluded = new Set([...(values['ignore-rule'] ?? []), ...Object.entries(config.rules ?? {}).filter(([, s]) => s === 'off').map(([id]) => id)]);
  // With --rule, every other rule is left out on purpose: a waiver of one of them is not "unused".
  const ruleStatus: RuleStatus = (id) =>
    ran.has(id) || DOCUMENT_CHECKS.includes(id as BuiltinId) ? 'run' : values.rule?.length || excluded.has(id) ? 'not-run' : 'unknown';
  const fixing = fixMode(values, paths);
  const rulesRun = ruleRunner(ruleSet, { dateOrder });
  const check = { limits: limitsFrom(values), rules: depositary ? withReference(rulesRun, loadCatalog(), depositary) : rulesRun, files, ...(stdinFilename ? { stdinFilename } : {}) };
  // A waived finding is kept as it is on purpose: --fix leaves it alone.
  const waive = waivers && ((r: FileReport) => applyWaivers([r], waivers, { ruleStatus, severity: ruleSet.builtins ?? {} }).files[0]!);
  const run = fixing ? await fixPaths(paths, { ...check, ...fixing, ...(waive ? { waive } : {}) }) : await checkPaths(paths, check);
  if (run.errors.length) throw new UsageError(run.errors.join('; '));
  if (run.files.length === 0) throw new UsageError(`no profile files (.yaml, .yml, .json, .txt) under ${paths.join(', ')}`);

  let reports = fixing && !fixing.write ? run.files : run.files.map(withoutFixes);
  let waiverSummary: WaiverSummary | undefined;
  if (waivers) {
    const applied = applyWaivers(reports, waivers, { ruleStatus, severity: ruleSet.builtins ?? {} });
    reports = applied.report ? [...applied.files, applied.report] : applied.files;
    waiverSummary = applied.summary;
  }
  let baselineResult: BaselineResult | undefined;
  if (baseline) {
    const checked = new Set([...run.files.map((f) => f.file), ...(waivers ? [waivers.file] : [])]);
    const ran = new Set<string>([...ruleSet.rules.map((r) => r.id), ...DOCUMENT_CHECKS, ...(waivers ? WAIVER_CHECKS : []), ...(depositary ? [REFERENCE_MISMATCH] : [])]);
    const compared = applyBaseline(reports, baseline, (f) => checked.has(f.file) && ran.has(f.ruleId));
    reports = compared.files;
    baselineResult = compared.result;
  }
  const all = reports.flatMap((f) => f.findings);
  // --quiet leaves warnings and info out of the reports only: the exit code still weighs them.
  const shownReports = values.quiet ? reports.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) : reports;
  const built = buildReport(shownReports, { waivers: waiverSummary, baseline: baselineResult });
  const rules: RuleInfo[] = ruleSet.rules.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    category: r.category,
    description: r.description.trim(),
    basis: r.basis,
    ...(r.confidence ? { confidence: r.confidence } : {}),
  }));
  const inputs = [...run.files.map((f) => f.file).filter((f) => f !== stdinFilename), ...(waivers ? [waivers.file] : [])];
  outputs.forEach((o, i) => {
    const text = reporters[i]!(built, { color: o.file === undefined && o.format === 'stylish' && colorWanted(process.stdout, values), rules, failOn });
    if (o.file !== undefined) writeSafely(o.file, text, { inputs, force: values.force });
    else process.stdout.write(text);
  });
  const warnings = countFindings(all).warning;
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) process.stderr.write(`adherence: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  return all.some((x) => atOrAbove(x, failOn)) || tooManyWarnings ? EXIT.findings : EXIT.ok;
}
