import { parseArgs } from 'node:util';
import { HELP_OPTION, LIMIT_OPTIONS } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { writeSafely } from '../report/write.js';
import { SEVERITY_RANK } from '../model/finding.js';
import type { ReviewReport } from '../review/review.js';
import { reviewHtml } from '../review/html.js';
import { reviewMarkdown } from '../review/markdown.js';
import { Checker } from '../checker/index.js';
import { checkerOptions } from './options.js';

export const HELP = `Usage: adherence review <draft…> --against <published…> [options]

Pre-publication review of draft profiles against the versions published last, matched by state:
rows added, removed and changed; findings new, resolved, unchanged and waived, each with why it
fired (the rule's condition tree with its values), its basis and evidence; and a verdict per
profile: ready (no open error or warning), needs attention (warnings), blocked (errors).

Options:
      --against PATH     the published versions: files or folders (repeatable), or git:REV to read
                         the draft paths as they are at a git revision (e.g. git:HEAD, git:v1.2)
  -f, --format NAME      markdown (default), html or json; -o FILE.html alone picks html
  -o, --output FILE      write the review to FILE instead of standard output
      --reference DIR    compare with the depositary's participant tables in DIR (UN Treaty
                         Collection form) and report reference-mismatch findings
      --mapping FILE     which table records which instrument (default: the bundled
                         rules/reference/untc.yaml)
      --waivers FILE     mark findings the waivers file covers as waived, with their reasons
                         (default: the configuration's, as for check)
      --no-waivers       ignore the waivers file
      --fail-on LEVEL    error (default), warning, info or never: the lowest severity of an open
                         draft finding that makes the exit code 1
      --rule ID          run only this rule (repeatable)
      --ignore-rule ID   do not run this rule (repeatable)
      --date-order ORDER month-first | day-first, for numeric dates a profile does not declare
  -c, --config FILE      configuration (default: adherence.config.yaml in the working folder, if any):
                         its rule severities, rules turned off, waivers and defaults apply as for check
      --rules-dir DIR    read the rules from DIR instead of the bundled rules/
      --max-bytes N, --max-aliases N  limits on what is read (as for check)
  -h, --help             this text

Exit codes: 0 no open draft finding at or above --fail-on; 1 there are; 2 usage error, unreadable
path or revision, invalid rule set, mapping or reference table.
`;

const FORMATS = ['markdown', 'html', 'json'] as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    ...HELP_OPTION,
    against: { type: 'string', multiple: true },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    reference: { type: 'string' },
    mapping: { type: 'string' },
    waivers: { type: 'string' },
    'no-waivers': { type: 'boolean' },
    config: { type: 'string', short: 'c' },
    'rules-dir': { type: 'string' },
    'fail-on': { type: 'string' },
    rule: { type: 'string', multiple: true },
    'ignore-rule': { type: 'string', multiple: true },
    'date-order': { type: 'string' },
    ...LIMIT_OPTIONS,
  } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (!positionals.length) throw new UsageError('review needs the draft files or folders (adherence review --help)');
  const against = values.against ?? [];
  if (!against.length) throw new UsageError('review needs --against: the published files or folders, or git:REV');
  const gitRevs = against.filter((a) => a.startsWith('git:'));
  if (gitRevs.length && against.length > 1) throw new UsageError('--against git:REV cannot be combined with other --against paths');
  const format = values.format ?? (values.output?.toLowerCase().endsWith('.html') ? 'html' : 'markdown');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (formats: ${FORMATS.join(', ')})`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or never, not "${failOn}"`);
  if (values.mapping && !values.reference) throw new UsageError('--mapping goes with --reference DIR');
  const checker = await Checker.create(checkerOptions(values));
  const report: ReviewReport = await checker.review(positionals, { against });
  const text = format === 'html' ? reviewHtml(report) : format === 'json' ? JSON.stringify(report, null, 2) + '\n' : reviewMarkdown(report);
  if (values.output) writeSafely(values.output, text, { inputs: Checker.reviewInputs(report) });
  else process.stdout.write(text);
  const threshold = checker.settings.failOn;
  const open = report.profiles.flatMap((p) => p.findings).filter((f) => f.state !== 'resolved' && !f.waived);
  const fails = threshold !== 'never' && open.some((f) => SEVERITY_RANK[f.finding.severity] >= SEVERITY_RANK[threshold]);
  return fails ? EXIT.findings : EXIT.ok;
}
