import { HELP, DEBUG, LIMITS, DATE_ORDER, RULE_SELECTION, RULES_DIR, failOnOption } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { writeSafely } from '../report/write.js';
import { SEVERITY_RANK } from '../model/finding.js';
import type { ReviewReport } from '../review/review.js';
import { reviewHtml } from '../review/html.js';
import { reviewMarkdown } from '../review/markdown.js';
import { REFERENCE_MISMATCH } from '../model/builtins.js';
import { Checker } from '../checker/index.js';
import { checkerOptions } from './checker-options.js';

const FORMATS = ['markdown', 'html', 'json'] as const;

export const OPTIONS = {
  against: {
    value: 'PATH',
    multiple: true,
    help: 'the published versions: files or folders (repeatable), or `git:REV` to read the draft paths as they are at a git revision (e.g. `git:HEAD`, `git:v1.2`)',
  },
  format: {
    short: 'f',
    value: 'NAME',
    parse: oneOf(FORMATS),
    help: '`markdown` (default), `html` or `json`; without it, `-o FILE.html` picks html and `-o FILE.json` json',
  },
  output: { short: 'o', value: 'FILE', help: 'write the review to FILE instead of standard output' },
  'all-published': {
    help: 'also review the published profiles that have no draft (each "needs attention": publishing would drop it); by default they are left out and named',
  },
  reference: {
    value: 'DIR',
    help: `compare with the depositary's participant tables in DIR (UN Treaty Collection form) and report \`${REFERENCE_MISMATCH}\` findings`,
  },
  mapping: { value: 'FILE', help: 'which table records which instrument (default: the bundled `rules/reference/untc.yaml`)' },
  waivers: {
    value: 'FILE',
    help: "mark findings the waivers file covers as waived, with their reason, approver and end date (default: the configuration's, as for `check`)",
  },
  'no-waivers': { help: 'ignore the waivers file: see every finding' },
  'fail-on': failOnOption(
    '`error` (default), `warning`, `info` or `never`: the lowest severity of an open draft finding that makes the exit code 1',
  ),
  ...RULE_SELECTION,
  ...RULES_DIR,
  config: {
    short: 'c',
    value: 'FILE',
    help: 'configuration, as for `check`: its rule severities, rules turned `off`, `rulesDir`, waivers and `dateOrder` (default: the one found from the working folder up)',
  },
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
  // The configuration applies as for check: its rule severities, rules turned off, waivers, date order.
  const checker = await Checker.create(checkerOptions(values));
  const report: ReviewReport = await checker.review(positionals, { against, ...(values['all-published'] ? { allPublished: true } : {}) });
  const text = format === 'html' ? reviewHtml(report) : format === 'json' ? JSON.stringify(report, null, 2) + '\n' : reviewMarkdown(report);
  if (values.output) writeSafely(values.output, text, { inputs: Checker.reviewInputs(report) });
  else process.stdout.write(text);
  const open = report.profiles.flatMap((p) => p.findings).filter((f) => f.state !== 'resolved' && !f.waived);
  const fails = failOn !== 'never' && open.some((f) => SEVERITY_RANK[f.finding.severity] >= SEVERITY_RANK[failOn]);
  return fails ? EXIT.findings : EXIT.ok;
}
