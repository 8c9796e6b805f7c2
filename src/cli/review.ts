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
import { compareSignOff, readSignOff, signOffClock, signOffRecord, signOffText } from '../review/signoff.js';
import { showControls } from '../report/escape.js';

const FORMATS = ['markdown', 'html', 'json'] as const;

export const OPTIONS = {
  against: {
    value: 'PATH',
    multiple: true,
    help: 'the published versions: files or folders (repeatable), or `git:REV` to read the draft paths as they are at a git revision (e.g. `git:HEAD`, `git:v1.2`); without it the drafts are new profiles (every row new)',
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
  'sign-off': {
    value: 'NAME',
    help: "record that NAME signed off this review: the files' SHA-256, the findings' fingerprints, the verdicts and the time, written to --sign-off-file",
  },
  'sign-off-file': {
    value: 'FILE',
    help: 'where --sign-off writes its record: YAML for `.yaml`/`.yml`, else JSON (default: `sign-off.yaml`)',
  },
  'verify-sign-off': {
    value: 'FILE',
    help: 'run the review a sign-off record describes again (its drafts, --against and --reference unless given) and say what changed since: exit 0 if nothing, 1 if anything did',
  },
  'fail-on': failOnOption(
    "`error`, `warning`, `info` or `never`: the lowest severity of an open draft finding that makes the exit code 1 (default: the configuration's `failOn`, else `error`)",
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

export const HELP_TEXT = `Usage: adherence review <draft…> [--against <published…>] [options]
       adherence review --verify-sign-off FILE [options]

Pre-publication review of draft profiles against the versions published last, matched by state:
rows added, removed and changed; findings new, resolved, unchanged and waived, each with why it
fired (its tests said over the rows they read, and the catalogue facts used) and its basis; and a
verdict per profile: ready (no open error or warning), needs attention (warnings), blocked
(errors). Without --against the drafts are new profiles: every row is new, the rules and
--reference still apply. A folder of drafts is compared with the published profiles of the same
states; those with no draft are named and left out unless --all-published.

Options:
${optionsHelp(OPTIONS)}

Exit codes: 0 no open draft finding at or above --fail-on (with --verify-sign-off: the record still
matches); 1 there are (the record no longer matches); 2 usage error, unreadable path or revision,
invalid rule set, mapping, reference table or sign-off record.
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
  const verifying = values['verify-sign-off'];
  if (verifying && values['sign-off']) throw new UsageError('--sign-off and --verify-sign-off go in separate runs');
  if (values['sign-off'] !== undefined && !values['sign-off'].trim()) throw new UsageError('--sign-off needs the name of who signs off');
  if (values['sign-off-file'] && values['sign-off'] === undefined) throw new UsageError('--sign-off-file goes with --sign-off NAME');
  // A verification runs the review its record describes, unless told otherwise.
  const record = verifying ? readSignOff(verifying) : undefined;
  const drafts = positionals.length ? positionals : (record?.review.drafts ?? []);
  if (!drafts.length) throw new UsageError('review needs the draft files or folders (adherence review --help)');
  const against = values.against ?? record?.review.against ?? [];
  const gitRevs = against.filter((a) => a.startsWith('git:'));
  if (gitRevs.length && against.length > 1) throw new UsageError('--against git:REV cannot be combined with other --against paths');
  const reference = values.reference ?? record?.review.reference;
  const allPublished = !!(values['all-published'] || (!positionals.length && record?.review.allPublished));
  const format = reviewFormat(values.format, values.output);
  if (values.mapping && !reference) throw new UsageError('--mapping goes with --reference DIR');
  // The configuration applies as for check: its rule severities, rules turned off, waivers, date order, failOn.
  const checker = await Checker.create(checkerOptions({ ...values, ...(reference !== undefined ? { reference } : {}) }));
  const report: ReviewReport = await checker.review(drafts, { against, ...(allPublished ? { allPublished: true } : {}) });
  const request = {
    drafts,
    against,
    ...(report.reference ? { reference: reference ?? report.reference.folder } : {}),
    ...(allPublished ? { allPublished } : {}),
  };
  let code: number = EXIT.ok;
  if (record && verifying) {
    const now = signOffRecord(report, record.signedBy, request, new Date(record.signedAt));
    const changes = compareSignOff(record, now, report);
    report.signOff = { file: verifying, record, changes };
    const head = `${verifying}: signed off by ${record.signedBy} at ${record.signedAt}`;
    process.stderr.write(
      showControls(
        changes.length
          ? `${head}; changed since:\n${changes.map((c) => `  - ${c}`).join('\n')}\n`
          : `${head}; still matches (${record.profiles.length} profile${record.profiles.length === 1 ? '' : 's'}, ${record.findings.length} finding${record.findings.length === 1 ? '' : 's'})\n`,
        '\n',
      ),
    );
    code = changes.length ? EXIT.findings : EXIT.ok;
  }
  const signer = values['sign-off']?.trim();
  const recordFile = values['sign-off-file'] ?? 'sign-off.yaml';
  if (signer) report.signOff = { file: recordFile, record: signOffRecord(report, signer, request, signOffClock()) };
  const text = format === 'html' ? reviewHtml(report) : format === 'json' ? JSON.stringify(report, null, 2) + '\n' : reviewMarkdown(report);
  const inputs = [...Checker.reviewInputs(report), ...(verifying ? [verifying] : [])];
  // A verification prints its answer; the page only where asked for (-o).
  if (values.output) writeSafely(values.output, text, { inputs });
  else if (!verifying) process.stdout.write(text);
  if (signer && report.signOff) writeSafely(recordFile, signOffText(report.signOff.record, recordFile), { inputs });
  if (verifying) return code;
  const failOn = checker.settings.failOn;
  const open = report.profiles.flatMap((p) => p.findings).filter((f) => f.state !== 'resolved' && !f.waived);
  const fails = failOn !== 'never' && open.some((f) => SEVERITY_RANK[f.finding.severity] >= SEVERITY_RANK[failOn]);
  return fails ? EXIT.findings : EXIT.ok;
}
