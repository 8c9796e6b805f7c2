import { parseArgs } from 'node:util';
import { HELP_OPTION, dateOrderOption, LIMIT_OPTIONS, limitsFrom } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { writeSafely } from '../report/write.js';
import { loadCatalog } from '../catalog/index.js';
import { loadRuleSet } from '../engine/index.js';
import { SEVERITY_RANK } from '../model/finding.js';
import type { FileReport } from '../check.js';
import { readWaivers, applyWaivers, type WaiverOutcome } from '../findings/waivers.js';
import { review, type ReviewReport } from '../review/review.js';
import { readPaths, readAtRevision, type SideDocument } from '../review/sources.js';
import { readDepositary, DEFAULT_MAPPING } from '../review/depositary.js';
import { reviewHtml } from '../review/html.js';
import { reviewMarkdown } from '../review/markdown.js';
import { BUILTIN_CHECKS, isBuiltin } from '../model/builtins.js';

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
      --fail-on LEVEL    error (default), warning, info or never: the lowest severity of an open
                         draft finding that makes the exit code 1
      --rule ID          run only this rule (repeatable)
      --ignore-rule ID   do not run this rule (repeatable)
      --date-order ORDER month-first | day-first, for numeric dates a profile does not declare
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
  const failOn = values['fail-on'] ?? 'error';
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or never, not "${failOn}"`);
  if (values.mapping && !values.reference) throw new UsageError('--mapping goes with --reference DIR');
  const dateOrder = dateOrderOption(values['date-order']);
  const limits = limitsFrom(values);
  const catalog = loadCatalog();

  const rules = loadRuleSet({ only: values.rule, ignore: values['ignore-rule'] }, catalog);
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
