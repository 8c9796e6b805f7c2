// Building, ordering and counting findings: one shape for parse, schema and rule findings.
import type { Finding, Severity, Category } from '../model/finding.js';
import { SEVERITY_RANK } from '../model/finding.js';
import type { Loaded } from '../load/types.js';

export type { Finding, Severity, Category, Location } from '../model/finding.js';
export { SEVERITY_RANK } from '../model/finding.js';

export interface FindingInput {
  ruleId: string;
  severity: Severity;
  category: Category;
  message: string;
  pointer: string;
  instruments?: string[];
  basis?: string;
  evidence?: Record<string, unknown>;
  related?: { pointer: string }[];
  line?: number;
  column?: number;
}

/** A state's key in fingerprints: its ISO code, else its name, else the file. */
export function stateKey(loaded: Loaded | undefined, file: string): string {
  const s = loaded?.profile?.state;
  return (typeof s?.iso3 === 'string' && s.iso3) || (typeof s?.name === 'string' && s.name) || file;
}

/** Places a finding in its file: the node its pointer names, else the given line, else line 1. */
export function locate(input: FindingInput, file: string, loaded: Loaded | undefined): Finding {
  const pos =
    input.line !== undefined
      ? { line: input.line, column: input.column ?? 1 }
      : (loaded?.positions.get(input.pointer) ?? { line: 1, column: 1 });
  const instruments = input.instruments ?? [];
  const finding: Finding = {
    ruleId: input.ruleId,
    severity: input.severity,
    category: input.category,
    message: input.message,
    file,
    line: pos.line,
    column: pos.column,
    pointer: input.pointer,
    instruments,
    fingerprint: `${input.ruleId}:${stateKey(loaded, file)}:${instruments.length ? instruments.join('+') : input.pointer}`,
  };
  if (input.basis) finding.basis = input.basis;
  if (input.evidence) finding.evidence = input.evidence;
  if (input.related?.length) {
    finding.related = input.related.map((r) => ({
      file,
      pointer: r.pointer,
      ...(loaded?.positions.get(r.pointer) ?? { line: 1, column: 1 }),
    }));
  }
  return finding;
}

/** Deterministic order: file, line, column, rule id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export function countFindings(findings: Iterable<Finding>): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) c.suppressed++;
    else c[f.severity]++;
  }
  return c;
}

export type FailOn = Severity | 'never';

/** Whether a finding counts against the threshold (suppressed findings never do). */
export function atOrAbove(f: Finding, threshold: FailOn): boolean {
  return threshold !== 'never' && !f.suppressed && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold];
}

/** One checked file: what it is, whose profile, and its findings in report order. */
export interface FileReport {
  file: string;
  format: Loaded['format'];
  state: { name: string; iso3?: string } | null;
  findings: Finding[];
  /** What --fix applied to the file, or --fix-dry-run would apply (`diff`). */
  fixed?: {
    applied: { ruleId: string; pointer: string; title: string }[];
    refused: { ruleId: string; pointer: string; title: string }[];
    passes: number;
    written: boolean;
    diff?: string;
  };
}
