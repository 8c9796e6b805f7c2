import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { HELP, DEBUG, LIMITS, DATE_ORDER, RULE_SELECTION, RULES_DIR, COLOR, failOnOption, colorWanted } from './args.js';
import { parseOptions, oneOf, wholeNumber, threadCount, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { chunkReporter, FORMATS, type ChunkReporter } from '../report/index.js';
import { runSpool } from '../report/spool.js';
import { SEVERITY_RANK, type Counts, type Finding } from '../findings/index.js';
import { writeSafely } from '../report/write.js';
import { shown, DEFAULT_CONFIG_FILE } from '../checker/config.js';
import { Checker, type Settings } from '../checker/index.js';
import { checkerOptions } from './checker-options.js';
import { DEFAULT_MAX_FILES, IGNORE_FILE } from '../load/files.js';
import { FIX_TYPES, type FixType } from '../fix/index.js';
import { REFERENCE_MISMATCH } from '../model/builtins.js';
import { PARALLEL_FROM } from '../checker/parallel.js';

export const OPTIONS = {
  format: {
    short: 'f',
    value: 'NAME',
    multiple: true,
    parse: oneOf(FORMATS),
    help: `output format: ${FORMATS.map((f) => `\`${f}\``).join(', ')} (default \`stylish\`)`,
  },
  output: {
    short: 'o',
    value: 'FILE',
    multiple: true,
    help: 'write the report of the --format just before it to FILE; repeat the pair for several reports in one run: `-f sarif -o a.sarif -f junit -o a.xml -f github` (at most one format without -o, which goes to standard output; `-o -` is standard output too). FILE must be a regular file or a new path: a device (`/dev/null`), FIFO, socket, folder or symbolic link is refused with exit 2',
  },
  force: {
    help: 'let `-o` replace a file this run read (a profile, the configuration, waivers, baseline or a rule file); its old bytes are kept as `FILE.bak`',
  },
  'fail-on': failOnOption('`error` (default), `warning`, `info` or `never`: the lowest severity that makes the exit code 1'),
  'max-warnings': {
    value: 'N',
    parse: wholeNumber,
    help: 'also exit 1 when more than N warnings remain (waived findings and findings known to the baseline do not count)',
  },
  quiet: { short: 'q', help: 'report errors only (warnings and info still count towards --fail-on and --max-warnings)' },
  waivers: {
    value: 'FILE',
    help: "accepted findings (default: the configuration's `waivers`, else `waivers.yaml` beside the configuration, or in the working folder when there is none)",
  },
  'no-waivers': { help: 'ignore the waivers file: see every finding' },
  baseline: { value: 'FILE', help: 'an earlier `--format json` report: report only findings that are new since, and list those resolved' },
  ...RULE_SELECTION,
  ...RULES_DIR,
  config: {
    short: 'c',
    value: 'FILE',
    help: `configuration (default: \`${DEFAULT_CONFIG_FILE}\` in the working folder or the nearest folder above it)`,
  },
  'print-config': { help: 'print the configuration in effect (file, paths, rules, ignores, defaults) and exit' },
  ...DATE_ORDER,
  'stdin-filename': {
    value: 'NAME',
    help: 'the name findings on standard input (`-`) are reported under; its extension says how to read it',
  },
  fix: { help: "apply the rules' safe fixes to the files (YAML, JSON, published text) in place, then report what remains" },
  'fix-dry-run': { help: "write nothing; report each finding's fix and the change it would make" },
  'fix-type': {
    value: 'TYPE',
    multiple: true,
    parse: oneOf(FIX_TYPES),
    help: '`fix` or `suggestion`: what `--fix` applies (repeatable; default `fix`)',
  },
  'fix-id': {
    value: 'ID',
    multiple: true,
    help: "apply only this fix or suggestion (repeatable): its id is the finding's fingerprint and `#fix` or `#suggestion-N`, as `review` shows it",
  },
  reference: {
    value: 'DIR',
    help: `also compare each profile with the depositary's participant tables in DIR (UN Treaty Collection form): \`${REFERENCE_MISMATCH}\` findings, as in \`review\``,
  },
  'max-files': {
    value: 'N',
    parse: wholeNumber,
    help: `most profile files one run lists (default ${DEFAULT_MAX_FILES}; the configuration's \`maxFiles\`)`,
  },
  workers: {
    value: 'N',
    parse: threadCount,
    help: `threads that check files, the main thread among them: \`auto\` (default) uses one a core (at most 8) for a run of ${PARALLEL_FROM} files or more while the cores are idle (load average below their number), else one thread; \`1\` keeps to one thread; a number above the cores (or 8, whichever is more) is lowered to it. The report is the same either way`,
  },
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
  if (early.length > 1 || (early.length === 1 && outs[0]!.file !== undefined))
    throw new UsageError(`-o ${early.at(-1)} has no --format of its own: write --format NAME -o FILE`);
  if (early.length === 1) outs[0]!.file = early[0];
  for (const o of outs) if (o.file === '-') delete o.file; // -o - is standard output
  const toStdout = outs.filter((o) => o.file === undefined);
  if (toStdout.length > 1)
    throw new UsageError(
      `only one report can go to standard output (${toStdout.map((o) => o.format).join(', ')}): give the others -o FILE`,
    );
  const files = outs.flatMap((o) => (o.file === undefined ? [] : [resolve(o.file)]));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`two reports would be written to ${shown(twice)}`);
  return outs;
}

/** --fix, --fix-dry-run, --fix-type and --fix-id, checked together. */
function fixMode(
  values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-type'?: FixType[]; 'fix-id'?: string[] },
  paths: string[],
): { write: boolean; types: FixType[]; only?: string[] } | undefined {
  const types = values['fix-type'] ?? [];
  const ids = values['fix-id'] ?? [];
  if (values.fix && values['fix-dry-run']) throw new UsageError('give --fix or --fix-dry-run, not both');
  if (!values.fix && !values['fix-dry-run']) {
    if (types.length) throw new UsageError('--fix-type goes with --fix or --fix-dry-run');
    if (ids.length) throw new UsageError('--fix-id goes with --fix or --fix-dry-run');
    return undefined;
  }
  // A named fix is applied whatever its type: the two would contradict each other.
  if (ids.length && types.length) throw new UsageError('give --fix-type or --fix-id, not both');
  if (values.fix && paths.includes('-')) throw new UsageError('--fix cannot rewrite standard input: use --fix-dry-run to see the fixes');
  return { write: !!values.fix, types: types.length ? [...new Set(types)] : ['fix'], ...(ids.length ? { only: ids } : {}) };
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  const outputs = pairOutputs(tokens);
  const stdinFilename = values['stdin-filename'];
  // argv → options → Checker → formatter → exit code: the Checker owns configuration, rules,
  // waivers and baseline, so this command and a library user get the same report.
  const checker = await Checker.create(checkerOptions(values));
  const { settings } = checker;
  const paths = positionals.length ? positionals : settings.paths;
  if (stdinFilename !== undefined && !paths.includes('-'))
    throw new UsageError('--stdin-filename names standard input: give - among the paths');
  if (values['print-config']) {
    const effective = {
      file: settings.configFile?.shown ?? null,
      paths,
      ignores: settings.files.ignores ?? [],
      maxFiles: settings.files.maxFiles,
      rulesDir: settings.rulesDirs,
      bundledRules: settings.bundled,
      rules: settings.rules,
      failOn: settings.failOn,
      dateOrder: settings.dateOrder ?? null,
      waivers: settings.waivers?.shown ?? null,
    };
    process.stdout.write(stringify(effective));
    return EXIT.ok;
  }
  const reporters: ChunkReporter[] = [];
  for (const o of outputs) reporters.push((await chunkReporter(o.format))!);
  const fixing = fixMode(values, paths);
  // Each file's report waits in a spool (a private temporary file) until the reports are written, so
  // that a run of any number of files keeps a few files in memory at a time; removed however it ends.
  const spool = runSpool();
  try {
    const run = await checker.checkInto(spool, paths, {
      ...(fixing ? { fix: fixing } : {}),
      workers: values.workers ?? 'auto',
      // --quiet leaves warnings and info out of the reports only: the exit code still weighs them.
      ...(values.quiet ? { show: (x: Finding) => x.severity === 'error' } : {}),
    });
    if (fixing?.only && run.fixed === 0)
      process.stderr.write(`adherence: no finding offers ${fixing.only.join(', ')} (fixed already, waived, or another file's)\n`);
    const rules = checker.ruleInfo(outputs.some((o) => o.format === 'sarif'));
    const inputs = checker.inputsOf(run);
    outputs.forEach((o, i) => {
      // Written as it is made, the files read back one at a time: no report is ever one string in memory.
      const text = reporters[i]!(run.report, {
        color: o.file === undefined && o.format === 'stylish' && colorWanted(process.stdout, values),
        rules,
        failOn: settings.failOn,
      });
      writeSafely(o.file ?? '-', text, { inputs, force: values.force });
    });
    return exitCode(run.counts, settings);
  } finally {
    spool.remove();
  }
}

/** 1 when a finding is at or above the threshold, or there are more warnings than allowed; else 0. */
export function exitCode(counts: Counts, settings: Pick<Settings, 'failOn' | 'maxWarnings'>): number {
  const { failOn, maxWarnings } = settings;
  const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
  if (tooManyWarnings)
    process.stderr.write(
      `adherence: ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`,
    );
  // Waived findings are counted apart (`suppressed`): they never reach the threshold.
  const reached = failOn !== 'never' && SEVERITIES.some((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[failOn] && counts[s] > 0);
  return reached || tooManyWarnings ? EXIT.findings : EXIT.ok;
}
