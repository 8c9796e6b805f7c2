// Waivers: accepted findings, each signed and dated. A waived finding stays in the report (marked
// `suppressed`); an expired waiver stops working and says so; a waiver that matches nothing is reported.
import { dirname, resolve } from 'node:path';
import type { Finding, Location, Severity } from '../model/finding.js';
import { BUILTIN_CHECKS, DOCUMENT_CHECKS, WAIVER_EXPIRED, WAIVER_UNUSED, documentFailed } from '../model/builtins.js';
import { parseYamlDocument } from '../load/yaml.js';
import { formatOf } from '../load/index.js';
import { readSideFile, unreadableReason } from '../load/read.js';
import { validateAgainst } from '../schema/index.js';
import { compareFindings, type FileReport } from './index.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

export interface Waiver {
  rule: string;
  /** ISO 3166-1 alpha-3 code, or a path relative to the waivers file. */
  profile: string;
  instrument?: string;
  pointer?: string;
  reason: string;
  approvedBy: string;
  /** Last day the waiver holds (YYYY-MM-DD). */
  expires: string;
}

export interface PlacedWaiver extends Waiver {
  line: number;
  column: number;
  /** Where `expires` stands, for the waiver-expired finding. */
  expiresAt: { line: number; column: number };
}

export interface WaiverSet {
  /** The waivers file as the user named it (shown in findings). */
  file: string;
  /** Its folder: profile paths in waivers are relative to it. */
  dir: string;
  format: 'yaml' | 'json';
  waivers: PlacedWaiver[];
}

/** A waivers file that cannot be read or does not match its schema; the message starts with file:line:column. */
export class WaiverError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.waivers, options);
  }
}

/** `file` as it is shown in findings and reports; `path`, where to read it (default: `file`). */
export function readWaivers(file: string, path = file): WaiverSet {
  let text: string;
  try {
    text = readSideFile(path);
  } catch (err) {
    throw new WaiverError(`${file}: cannot read the waivers file (${unreadableReason(err)})`, { cause: err });
  }
  return parseWaivers(text, file, dirname(resolve(path)));
}

export function parseWaivers(text: string, file: string, dir: string): WaiverSet {
  const format = formatOf(file, text) === 'json' ? 'json' : 'yaml';
  // A file of comments only is an empty list, not an error: teams start from an empty waivers.yaml.
  if (
    text
      .replace(/^\uFEFF/, '')
      .replace(/^\s*#.*$/gm, '')
      .trim() === ''
  )
    return { file, dir, format, waivers: [] };
  const loaded = parseYamlDocument<{ waivers?: Waiver[] }>(text, format);
  const p = loaded.problems[0];
  if (p) throw new WaiverError(`${file}:${p.line}:${p.column}: ${p.message}`);
  const bad = validateAgainst('waivers.schema.json', loaded.profile)[0];
  if (bad) {
    const pos = loaded.positions.get(bad.pointer) ?? { line: 1, column: 1 };
    throw new WaiverError(`${file}:${pos.line}:${pos.column}: invalid waivers file: ${bad.message}`);
  }
  const waivers = (loaded.profile?.waivers ?? []).map((w, i) => ({
    ...w,
    ...(loaded.positions.get(`/waivers/${i}`) ?? { line: 1, column: 1 }),
    expiresAt: loaded.positions.get(`/waivers/${i}/expires`) ?? { line: 1, column: 1 },
  }));
  return { file, dir, format, waivers };
}

/** Whether a rule ran on this invocation: `unknown` for ids that are no rule at all. */
export type RuleStatus = (ruleId: string) => 'run' | 'not-run' | 'unknown';

export interface WaiverOptions {
  /** Today as YYYY-MM-DD (UTC by default). */
  today?: string;
  /** Folder profile paths of findings are relative to (default: the working folder). */
  cwd?: string;
  ruleStatus?: RuleStatus;
  /** Severities of the waivers file's own checks from the configuration; `off` reports none. */
  severity?: Partial<Record<typeof WAIVER_EXPIRED | typeof WAIVER_UNUSED, Severity | 'off'>>;
}

export interface WaiverSummary {
  file: string;
  waivers: number;
  /** Findings suppressed by a current waiver. */
  suppressed: number;
  expired: number;
  unused: number;
}

export interface WaiverOutcome {
  files: FileReport[];
  /** The waivers file's own findings (waiver-expired, waiver-unused), when it has any. */
  report?: FileReport;
  summary: WaiverSummary;
}

const ISO3 = /^[A-Z]{3}$/;
const todayUtc = () => new Date().toISOString().slice(0, 10);

function coversProfile(w: Waiver, fr: FileReport, dir: string, cwd: string): boolean {
  if (ISO3.test(w.profile)) return fr.state?.iso3 === w.profile;
  return fr.file !== '-' && resolve(dir, w.profile) === resolve(cwd, fr.file);
}

function coversFinding(w: Waiver, f: Finding): boolean {
  if (f.ruleId !== w.rule || f.category === 'waiver') return false;
  if (w.instrument !== undefined && !f.instruments.includes(w.instrument)) return false;
  if (w.pointer !== undefined && f.pointer !== w.pointer && !f.pointer.startsWith(`${w.pointer}/`)) return false;
  return true;
}

const describe = (w: Waiver) =>
  `${w.rule} on ${w.profile}${w.instrument ? ` (${w.instrument})` : ''}${w.pointer ? ` at ${w.pointer}` : ''}`;
const loc = (f: Finding): Location => ({ file: f.file, line: f.line, column: f.column, pointer: f.pointer });

/** Marks the findings the waivers cover, and reports expired and unused waivers. Never mutates its input. */
export function applyWaivers(files: FileReport[], set: WaiverSet, opts: WaiverOptions = {}): WaiverOutcome {
  const waive = waiverMatcher(set, opts);
  const out = files.map((fr) => waive.file(fr));
  return { files: out, ...waive.end() };
}

/**
 * The waivers applied one file at a time, for a run that does not keep its files: matching a finding
 * is per file; what needs the whole run (unused and expired waivers, the counts) is kept as counters,
 * and the locations of the findings an expired waiver covered, which its finding lists.
 */
export function waiverMatcher(
  set: WaiverSet,
  opts: WaiverOptions = {},
): { file: (fr: FileReport) => FileReport; end: () => Omit<WaiverOutcome, 'files'> } {
  const today = opts.today ?? todayUtc();
  const cwd = opts.cwd ?? process.cwd();
  const status: RuleStatus = opts.ruleStatus ?? (() => 'run');
  const hits: number[] = set.waivers.map(() => 0);
  const covered: Location[][] = set.waivers.map(() => []);
  const checked = set.waivers.map(() => false);
  let suppressed = 0;
  const file = (fr: FileReport): FileReport => {
    const applicable = set.waivers.map((w, i) => (coversProfile(w, fr, set.dir, cwd) ? i : -1)).filter((i) => i >= 0);
    if (applicable.length === 0) return fr;
    // Rules run only on a profile that parses and matches the schema: only then can a rule waiver be unused.
    const rulesRan = !documentFailed(fr.findings);
    for (const i of applicable) checked[i] ||= rulesRan || (DOCUMENT_CHECKS as readonly string[]).includes(set.waivers[i]!.rule);
    const findings = fr.findings.map((f) => {
      let cover: Waiver | undefined;
      for (const i of applicable) {
        const w = set.waivers[i]!;
        if (!coversFinding(w, f)) continue;
        hits[i]!++;
        if (w.expires < today) covered[i]!.push(loc(f));
        if (!cover && w.expires >= today) cover = w;
      }
      if (!cover || f.suppressed) return f;
      suppressed++;
      return { ...f, suppressed: { reason: cover.reason, approvedBy: cover.approvedBy, expires: cover.expires } };
    });
    return { ...fr, findings };
  };
  return { file, end: () => waiverEnd(set, opts, { today, status, hits, covered, checked, suppressed }) };
}

/** The waivers file's own findings and the summary, once every file has been through the matcher. */
function waiverEnd(
  set: WaiverSet,
  opts: WaiverOptions,
  run: { today: string; status: RuleStatus; hits: number[]; covered: Location[][]; checked: boolean[]; suppressed: number },
): Omit<WaiverOutcome, 'files'> {
  const { today, status, checked, suppressed } = run;
  const own: Finding[] = [];
  const finding = (
    w: PlacedWaiver,
    ruleId: typeof WAIVER_EXPIRED | typeof WAIVER_UNUSED,
    message: string,
    at: { line: number; column: number },
    pointer: string,
    related: Location[],
  ): Finding => ({
    ruleId,
    severity: severityOf(ruleId) as Severity,
    category: BUILTIN_CHECKS[ruleId].category,
    message,
    file: set.file,
    line: at.line,
    column: at.column,
    pointer,
    instruments: w.instrument ? [w.instrument] : [],
    ...(related.length ? { related } : {}),
    fingerprint: `${ruleId}:${w.rule}:${w.profile}:${w.instrument ?? w.pointer ?? ''}`,
  });
  const severityOf = (id: typeof WAIVER_EXPIRED | typeof WAIVER_UNUSED) => opts.severity?.[id] ?? BUILTIN_CHECKS[id].severity;
  let expired = 0;
  let unused = 0;
  set.waivers.forEach((w, i) => {
    const hits = run.hits[i]!;
    if (w.expires < today) {
      expired++;
      const back = hits ? `; ${hits} finding${hits === 1 ? ' it covered is' : 's it covered are'} reported again` : '';
      own.push(
        finding(
          w,
          WAIVER_EXPIRED,
          `The waiver of ${describe(w)} (approved by ${w.approvedBy}) expired on ${w.expires}${back}. Renew it with a new approval and date, or fix the profile.`,
          w.expiresAt,
          `/waivers/${i}/expires`,
          run.covered[i]!,
        ),
      );
    } else if (hits === 0) {
      const s = status(w.rule);
      if (s === 'unknown') {
        unused++;
        own.push(
          finding(
            w,
            WAIVER_UNUSED,
            `The waiver of ${describe(w)} names rule ${w.rule}, which is not in the rule set: it can match nothing.`,
            w,
            `/waivers/${i}/rule`,
            [],
          ),
        );
      } else if (s === 'run' && checked[i]) {
        unused++;
        own.push(
          finding(
            w,
            WAIVER_UNUSED,
            `The waiver of ${describe(w)} matches no finding: the profile no longer has what it waives. Remove the waiver.`,
            w,
            `/waivers/${i}`,
            [],
          ),
        );
      }
    }
  });
  const summary: WaiverSummary = { file: set.file, waivers: set.waivers.length, suppressed, expired, unused };
  // Counted in the summary either way; reported only while the configuration has not turned them off.
  const shown = own.filter((f) => severityOf(f.ruleId as typeof WAIVER_EXPIRED) !== 'off');
  const report: FileReport | undefined = shown.length
    ? { file: set.file, format: set.format, state: null, findings: shown.sort(compareFindings) }
    : undefined;
  return { ...(report ? { report } : {}), summary };
}
