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
/** A reporter that gives its text in pieces, for writing as it goes (the long machine-read formats). */
export type ChunkReporter = (report: Report, opts: ReportOptions) => Iterable<string>;

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

const loaders: Record<string, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
  markdown: async () => (await import('./markdown.js')).markdown,
  checkstyle: async () => (await import('./checkstyle.js')).checkstyle,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
};

export const FORMATS = Object.keys(loaders);

export async function reporter(name: string): Promise<Reporter | undefined> {
  return Object.hasOwn(loaders, name) ? loaders[name]!() : undefined; // `-f constructor` is no format
}

const chunkLoaders: Record<string, () => Promise<ChunkReporter>> = {
  json: async () => (await import('./json.js')).jsonStream,
  sarif: async () => (await import('./sarif.js')).sarifStream,
  junit: async () => (await import('./junit.js')).junitStream,
};

/**
 * The format's text in pieces, to write as it goes: the formats whose reports grow long give theirs
 * piece by piece, the others their one string (the same text either way).
 */
export async function chunkReporter(name: string): Promise<ChunkReporter | undefined> {
  if (Object.hasOwn(chunkLoaders, name)) return chunkLoaders[name]!();
  const whole = await reporter(name);
  return whole && ((report, opts) => [whole(report, opts)]);
}
