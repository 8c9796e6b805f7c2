// Reporters: each turns the same report into one output format. Loaded on demand to keep start-up lean.
import type { FileReport } from '../check.js';
import { countFindings, type Counts } from '../findings/index.js';
import { toolName, toolVersion } from '../version.js';

export interface Report {
  /** Version of this report's shape (schemas/report.schema.json). */
  reportVersion: 1;
  tool: { name: string; version: string };
  files: FileReport[];
  summary: Counts & { files: number };
}

export interface ReportOptions {
  color?: boolean;
}

export type Reporter = (report: Report, opts: ReportOptions) => string;

export function buildReport(files: FileReport[]): Report {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    reportVersion: 1,
    tool: { name: toolName, version: toolVersion },
    files: sorted,
    summary: { files: sorted.length, ...countFindings(sorted.flatMap((f) => f.findings)) },
  };
}

const loaders: Record<string, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
};

export const FORMATS = Object.keys(loaders);

export function registerReporter(name: string, load: () => Promise<Reporter>): void {
  loaders[name] = load;
  if (!FORMATS.includes(name)) FORMATS.push(name);
}

export async function reporter(name: string): Promise<Reporter | undefined> {
  return loaders[name]?.();
}
