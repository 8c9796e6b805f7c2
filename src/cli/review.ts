import { HELP, DEBUG, LIMITS, DATE_ORDER, RULE_SELECTION, RULES_DIR, failOnOption, limitsFrom } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { loadRules, ruleFolders } from './ruleset.js';
import { readConfig } from './config.js';
import { UsageError, EXIT } from './errors.js';
import { writeSafely } from '../report/write.js';
import { loadCatalog } from '../catalog/index.js';
import { SEVERITY_RANK } from '../model/finding.js';
import type { FileReport } from '../check.js';
import { readWaivers, applyWaivers, type WaiverOutcome } from '../findings/waivers.js';
import { review, type ReviewReport } from '../review/review.js';
import { readPaths, readAtRevision, type SideDocument } from '../review/sources.js';
import { readDepositary, DEFAULT_MAPPING } from '../review/depositary.js';
import { reviewHtml } from '../review/html.js';
import { reviewMarkdown } from '../review/markdown.js';
import { BUILTIN_CHECKS, isBuiltin, REFERENCE_MISMATCH } from '../model/builtins.js';

const FORMATS = ['markdown', 'html', 'json'] as const;

export const OPTIONS = {
  against: { value: 'PATH', multiple: true, help: 'the published versions: files or folders (repeatable), or `git:REV` to read the draft paths as they are at a git revision (e.g. `git:HEAD`, `git:v1.2`)' },
  format: { short: 'f', value: 'NAME', parse: oneOf(FORMATS), help: '`markdown` (default), `html` or `json`; without it, `-o FILE.html` picks html and `-o FILE.json` json' },
  output: { short: 'o', value: 'FILE', help: 'write the review to FILE instead of standard output' },
  reference: { value: 'DIR', help: `compare with the depositary's participant tables in DIR (UN Treaty Collection form) and report \`${REFERENCE_MISMATCH}\` findings` },
  mapping: { value: 'FILE', help: 'which table records which instrument (default: the bundled `rules/reference/untc.yaml`)' },
  waivers: { value: 'FILE', help: 'mark findings the waivers file covers as waived, with their reason, approver and end date' },
  'fail-on': failOnOption('`error` (default), `warning`, `info` or `never`: the lowest severity of an open draft finding that makes the exit code 1'),
  ...RULE_SELECTION,
  ...RULES_DIR,
  config: { short: 'c', value: 'FILE', help: 'configuration, for its `rulesDir`, rule severities and `dateOrder` (default: the one found from the working folder up)' },
  ...DATE_ORDER,
  ...LIMITS,
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence review <draft…> --against <published…> [options]

Pre-publication review of draft profiles against the versions published last, matched by state:
rows added, removed and changed; findings new, resolved, unchanged and waived, each with why it
fired (the rule's condition tree with its values), its basis and evidence; and a verdict per
profile: ready (no open error or warning), needs attention (warnings), blocked (errors).

Options:
${optionsHelp(OPTIONS)}

Exit codes: 0 no open draft finding at or above --fail-on; 1 there are; 2 usage error, unreadable
path or revision, invalid rule set, mapping or reference table.
`;

/** The format asked for, else the one the output file's extension names, else Markdown. */
export function reviewFormat(format: (typeof FORMATS)[number] | undefined, output: string | undefined): (typeof FORMATS)[number] {
  if (format) return format;
  const ext = output?.toLowerCase().split('.').pop();
  return ext === 'html' || ext === 'htm' ? 'html' : ext === 'json' ? 'json' : 'markdown';
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  if (!positionals.length) throw new UsageError('review needs the draft files or folders (adherence review --help)');
  const against = values.against ?? [];
  if (!against.length) throw new UsageError('review needs --against: the published files or folders, or git:REV');
  const gitRevs = against.filter((a) => a.startsWith('git:'));
  if (gitRevs.length && against.length > 1) throw new UsageError('--against git:REV cannot be combined with other --against paths');
  const format = reviewFormat(values.format, values.output);
  const failOn = values['fail-on'] ?? 'error';
  if (values.mapping && !values.reference) throw new UsageError('--mapping goes with --reference DIR');
  const config = readConfig(values.config);
  const dateOrder = values['date-order'] ?? config.dateOrder;
  const limits = limitsFrom(values);
  const catalog = loadCatalog();

  const rules = loadRules({ only: values.rule, ignore: values['ignore-rule'], severity: config.rules, ...ruleFolders(values, config) }, catalog);
  const depositary = values.reference ? readDepositary(values.reference, catalog, values.mapping ?? DEFAULT_MAPPING) : undefined;
  const waiverSet = values.waivers ? readWaivers(values.waivers) : undefined;
  const ruleIds = new Set(rules.rules.map((r) => r.id));
  let draftWaivers: WaiverOutcome | undefined;
  const waive = waiverSet
    ? (files: FileReport[]) => {
        const out = applyWaivers(files, waiverSet, { ruleStatus: (id) => (ruleIds.has(id) || (isBuiltin(id) && BUILTIN_CHECKS[id].origin !== 'waivers') ? 'run' : 'unknown') });
        draftWaivers ??= out; // drafts are evaluated first: their outcome is the one to report
        return out.files;
      }
    : undefined;
  const drafts: SideDocument[] = readPaths(positionals, catalog, limits);
  if (!drafts.length) throw new UsageError(`no profile files (.yaml, .yml, .json, .txt) under ${positionals.join(', ')}`);
  const published = gitRevs.length ? await readAtRevision(gitRevs[0]!.slice(4), positionals, catalog, process.cwd(), limits) : readPaths(against, catalog, limits);
  const report: ReviewReport = await review(drafts, published, {
    catalog,
    rules,
    ...(depositary ? { depositary } : {}),
    ...(waive ? { waive } : {}),
    ...(dateOrder ? { dateOrder } : {}),
    draftsLabel: positionals.join(', '),
    againstLabel: against.join(', '),
  });
  if (waiverSet && draftWaivers) {
    const d = draftWaivers as WaiverOutcome;
    report.waivers = { file: waiverSet.file, waivers: d.summary.waivers, suppressed: d.summary.suppressed, notes: (d.report?.findings ?? []).map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`) };
  }
  const text = format === 'html' ? reviewHtml(report) : format === 'json' ? JSON.stringify(report, null, 2) + '\n' : reviewMarkdown(report);
  if (values.output) writeSafely(values.output, text, { inputs: drafts.map((d) => d.file).concat(published.map((p) => p.file)) });
  else process.stdout.write(text);
  const open = report.profiles.flatMap((p) => p.findings).filter((f) => f.state !== 'resolved' && !f.waived);
  const fails = failOn !== 'never' && open.some((f) => SEVERITY_RANK[f.finding.severity] >= SEVERITY_RANK[failOn as 'error']);
  return fails ? EXIT.findings : EXIT.ok;
}
