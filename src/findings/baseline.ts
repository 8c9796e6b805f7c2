// Baseline: compare this run with an earlier JSON report by fingerprint. Only new findings are
// reported; those gone since are listed as resolved. Fingerprints survive line moves, so edits
// elsewhere in a profile do not make old findings look new.
import { readSideFile, unreadableReason } from '../load/read.js';
import type { FileReport } from './index.js';
import type { Finding } from '../model/finding.js';
import { parseYamlDocument } from '../load/yaml.js';
import { validateAgainst } from '../schema/index.js';
import { compareFindings } from './index.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

export interface Baseline {
  file: string;
  findings: Finding[];
}

/** The baseline section of a report (schemas/report.schema.json, `baseline`). */
export interface BaselineResult {
  file: string;
  /** Findings present in both runs: left out of `files`, kept here so this report can be the next baseline. */
  unchanged: Finding[];
  /** Findings of the baseline that this run no longer has (only for files this run checked). */
  resolved: Finding[];
}

export class BaselineError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.baseline, options);
  }
}

interface ReportShape {
  files: { findings: Finding[] }[];
  baseline?: { unchanged?: Finding[] };
}

/** `file` as it is shown in findings and reports; `path`, where to read it (default: `file`). */
export function readBaseline(file: string, path = file): Baseline {
  let text: string;
  try {
    text = readSideFile(path);
  } catch (err) {
    throw new BaselineError(`${file}: cannot read the baseline (${unreadableReason(err)})`, { cause: err });
  }
  return parseBaseline(text, file);
}

export function parseBaseline(text: string, file: string): Baseline {
  const loaded = parseYamlDocument<ReportShape>(text, 'json');
  const p = loaded.problems[0];
  if (p) throw new BaselineError(`${file}:${p.line}:${p.column}: not a JSON report of adherence: ${p.message}`);
  const bad = validateAgainst('report.schema.json', loaded.profile)[0];
  if (bad) {
    const pos = loaded.positions.get(bad.pointer) ?? { line: 1, column: 1 };
    throw new BaselineError(
      `${file}:${pos.line}:${pos.column}: not a JSON report of adherence (write one with --format json): ${bad.message}`,
    );
  }
  const report = loaded.profile!;
  // A baselined report lists what it left out under baseline.unchanged: together they are the full set.
  return { file, findings: [...report.files.flatMap((f) => f.findings), ...(report.baseline?.unchanged ?? [])] };
}

/**
 * Drops the findings whose fingerprint the baseline has (counted, so a second finding with the same
 * fingerprint is still new). `looked` says whether this run looked for a baseline finding (its file
 * checked, its rule run): one it did not look for is not resolved, just not looked at.
 */
export function applyBaseline(
  files: FileReport[],
  baseline: Baseline,
  looked: (f: Finding) => boolean = () => true,
): { files: FileReport[]; result: BaselineResult } {
  const compare = baselineComparer(baseline);
  const out = files.map((fr) => compare.file(fr));
  return { files: out, result: compare.end(looked) };
}

/**
 * The baseline compared one file at a time, in report order (files sorted by name), for a run that
 * does not keep its files: what it holds grows with the baseline, not with the files checked.
 */
export function baselineComparer(baseline: Baseline): {
  file: (fr: FileReport) => FileReport;
  end: (looked?: (f: Finding) => boolean) => BaselineResult;
} {
  const left = new Map<string, Finding[]>();
  for (const f of [...baseline.findings].sort(compareFindings)) {
    const list = left.get(f.fingerprint);
    if (list) list.push(f);
    else left.set(f.fingerprint, [f]);
  }
  const unchanged: Finding[] = [];
  const file = (fr: FileReport): FileReport => ({
    ...fr,
    findings: fr.findings.filter((f) => {
      const list = left.get(f.fingerprint);
      if (!list?.length) return true;
      list.shift();
      unchanged.push(f);
      return false;
    }),
  });
  const end = (looked: (f: Finding) => boolean = () => true): BaselineResult => {
    const resolved = [...left.values()].flat().filter(looked).sort(compareFindings);
    return { file: baseline.file, unchanged: unchanged.sort(compareFindings), resolved };
  };
  return { file, end };
}
