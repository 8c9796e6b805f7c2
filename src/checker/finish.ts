// A run's files finished one at a time, in report order (sorted by name): waivers, then the baseline,
// then what the reports show (--quiet: errors only), then into the spool. What needs the whole run
// (unused and expired waivers, resolved baseline findings, the counts) is kept as counters and small
// sets, so a run keeps nothing a file once it has been spooled. The library's report and the command
// line's are made here alike: the one differs from the other only in where the files wait.
import { countFindings, type Counts, type FileReport } from '../findings/index.js';
import { waiverMatcher, type WaiverOptions, type WaiverSet, type WaiverSummary } from '../findings/waivers.js';
import { baselineComparer, type Baseline, type BaselineResult } from '../findings/baseline.js';
import type { Finding } from '../model/finding.js';
import type { ReportView } from '../report/index.js';
import type { Spool } from '../report/spool.js';
import { toolName, toolVersion } from '../version.js';

export interface FinishOptions {
  waivers?: { set: WaiverSet; options: WaiverOptions } | undefined;
  /** The baseline, and the checks this run ran: a baseline finding of another is not resolved, just not looked at. */
  baseline?: { baseline: Baseline; ran: ReadonlySet<string> } | undefined;
  /** The findings the reports show (default: all); the counts of the exit code weigh every finding. */
  show?: ((f: Finding) => boolean) | undefined;
}

export interface Finished {
  /** The report, its files read back from the spool one at a time (the waivers file's report at its place). */
  report: ReportView;
  /** Every finding counted, shown or not: what the exit code weighs. */
  counts: Counts;
  /** The names of the files the report holds. */
  names: string[];
  /** How many files had fixes applied (--fix), or would have (--fix-dry-run). */
  fixed: number;
}

const add = (to: Counts, c: Counts) => {
  to.error += c.error;
  to.warning += c.warning;
  to.info += c.info;
  to.suppressed += c.suppressed;
};
const zero = (): Counts => ({ error: 0, warning: 0, info: 0, suppressed: 0 });

export function finisher(spool: Spool, opts: FinishOptions): { file: (fr: FileReport) => void; end: () => Finished } {
  const waive = opts.waivers ? waiverMatcher(opts.waivers.set, opts.waivers.options) : undefined;
  const compare = opts.baseline ? baselineComparer(opts.baseline.baseline) : undefined;
  // The files the baseline names that this run checked: its findings there can be resolved.
  const inBaseline = new Set(opts.baseline?.baseline.findings.map((f) => f.file));
  const looked = new Set<string>();
  const all = zero();
  const shown = zero();
  const names: string[] = [];
  let files = 0;
  let fixed = 0;
  /** A finished file (waived and compared) counted, filtered as shown, and given to `put`. */
  const finish = (fr: FileReport, put: (fr: FileReport) => void) => {
    const done = compare ? compare.file(fr) : fr;
    const counts = countFindings(done.findings);
    add(all, counts);
    const out = opts.show ? { ...done, findings: done.findings.filter(opts.show) } : done;
    add(shown, opts.show ? countFindings(out.findings) : counts);
    files++;
    if (out.fixed?.applied.length) fixed++;
    names.push(out.file);
    put(out);
  };
  const file = (fr: FileReport) => {
    if (inBaseline.has(fr.file)) looked.add(fr.file);
    finish(waive ? waive.file(fr) : fr, (x) => spool.add(x));
  };
  const end = (): Finished => {
    // The waivers file's own findings come last, as the whole-report path compared them.
    const waived = waive?.end();
    let own: FileReport | undefined;
    if (waived?.report) finish(waived.report, (x) => (own = x));
    if (opts.waivers) looked.add(opts.waivers.set.file);
    const ran = opts.baseline?.ran;
    const baseline: BaselineResult | undefined = compare?.end((f) => looked.has(f.file) && !!ran?.has(f.ruleId));
    spool.close();
    return { report: view(spool, own, { files, ...shown }, waived?.summary, baseline), counts: all, names, fixed };
  };
  return { file, end };
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report as `buildReport` makes it: the waivers file's report placed among the files by name. */
function view(
  spool: Spool,
  own: FileReport | undefined,
  summary: Counts & { files: number },
  waivers: WaiverSummary | undefined,
  baseline: BaselineResult | undefined,
): ReportView {
  const files: Iterable<FileReport> = own
    ? {
        *[Symbol.iterator]() {
          let placed = false;
          for (const fr of spool) {
            // After any file of the same name: a stable sort kept it last.
            if (!placed && byName(fr.file, own.file) > 0) {
              placed = true;
              yield own;
            }
            yield fr;
          }
          if (!placed) yield own;
        },
      }
    : spool;
  return {
    reportVersion: 1,
    tool: { name: toolName, version: toolVersion },
    files,
    summary,
    ...(waivers ? { waivers } : {}),
    ...(baseline ? { baseline } : {}),
  };
}
