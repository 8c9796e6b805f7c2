// Reporters: each turns the same report into one output format. Loaded on demand to keep start-up lean.
import type { FileReport } from '../findings/index.js';
import { countFindings, type Counts, type FailOn } from '../findings/index.js';
import type { WaiverSummary } from '../findings/waivers.js';
import type { BaselineResult } from '../findings/baseline.js';
import type { RuleInfo } from './rules.js';
import { toolName, toolVersion } from '../version.js';

export type { RuleInfo } from './rules.js';

export interface Report {
  /** Version of this report's shape (schemas/report.schema.json). */
  reportVersion: 1;
  tool: { name: string; version: string };
  files: FileReport[];
  summary: Counts & { files: number };
  /** The waivers file used, if any. */
  waivers?: WaiverSummary;
  /** The comparison with an earlier report (--baseline), if any. */
  baseline?: BaselineResult;
}

export interface ReportOptions {
  color?: boolean;
  /** The rules this run evaluated, with their metadata (SARIF rule list, JUnit test cases). */
  rules?: RuleInfo[];
  /** The threshold of the exit code: JUnit fails the test cases whose findings reach it (default error). */
  failOn?: FailOn;
}

export type Reporter = (report: Report, opts: ReportOptions) => string;
/**
 * A report whose files may be read one at a time (the command line's, from its spool): iterated, never
 * indexed, and as often as a reporter needs. A `Report` is one too.
 */
export type ReportView = Omit<Report, 'files'> & { files: Iterable<FileReport> };
/** A reporter that gives its text in pieces, for writing as it goes, reading the files as it goes. */
export type ChunkReporter = (report: ReportView, opts: ReportOptions) => Iterable<string>;

export function buildReport(files: FileReport[], extra: { waivers?: WaiverSummary; baseline?: BaselineResult } = {}): Report {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    reportVersion: 1,
    tool: { name: toolName, version: toolVersion },
    files: sorted,
    summary: { files: sorted.length, ...countFindings(sorted.flatMap((f) => f.findings)) },
    ...(extra.waivers ? { waivers: extra.waivers } : {}),
    ...(extra.baseline ? { baseline: extra.baseline } : {}),
  };
}

/**
 * Each format's reporter, loaded on demand, giving its text in pieces to write as it goes: the formats
 * that print every finding give theirs a file at a time; the Markdown summary, which prints the first
 * rows and the counts, is made from the files gathered (the same text either way).
 */
const loaders: Record<string, () => Promise<ChunkReporter>> = {
  stylish: async () => (await import('./stylish.js')).stylishStream,
  json: async () => (await import('./json.js')).jsonStream,
  sarif: async () => (await import('./sarif.js')).sarifStream,
  junit: async () => (await import('./junit.js')).junitStream,
  github: async () => (await import('./github.js')).githubStream,
  markdown: async () => {
    const { markdown } = await import('./markdown.js');
    return (report, opts) => [markdown({ ...report, files: [...report.files] }, opts)];
  },
  checkstyle: async () => (await import('./checkstyle.js')).checkstyleStream,
  gitlab: async () => (await import('./gitlab.js')).gitlabStream,
};

export const FORMATS = Object.keys(loaders);

export async function chunkReporter(name: string): Promise<ChunkReporter | undefined> {
  return Object.hasOwn(loaders, name) ? loaders[name]!() : undefined; // `-f constructor` is no format
}

/** The format's whole text as one string (the pieces joined), for a caller that wants it so. */
export async function reporter(name: string): Promise<Reporter | undefined> {
  const pieces = await chunkReporter(name);
  return pieces && ((report, opts) => [...pieces(report, opts)].join(''));
}
