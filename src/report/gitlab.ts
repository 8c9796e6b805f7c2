// GitLab Code Quality report (a JSON array of issues), shown in merge requests as a widget and as
// marks on the changed lines. Waived findings are accepted: they are left out.
import { createHash } from 'node:crypto';
import type { FileReport } from '../findings/index.js';
import { sep } from 'node:path';
import type { ChunkReporter, Reporter } from './index.js';
import { jsonChunks, STREAMED } from './json-stream.js';
import type { Severity } from '../model/finding.js';

// GitLab's scale: info, minor, major, critical, blocker. A profile error blocks nothing by itself.
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info' };

/** The issues in pieces, one at a time: a run of 100,000 files is never one array. */
export const gitlabStream: ChunkReporter = (report) => jsonChunks(STREAMED, issues(report.files));

function* issues(files: Iterable<FileReport>) {
  // Keys hold the path, and files come sorted by name: counts are kept for one path at a time.
  let used = new Map<string, number>();
  let last: string | undefined;
  for (const fr of files) {
    const path = fr.file.split(sep).join('/');
    if (path !== last) used = new Map();
    last = path;
    for (const f of fr.findings) {
      if (f.suppressed) continue;
      // GitLab needs one fingerprint per issue, stable across runs: the finding's own (which follows
      // its row when lines move), its file, and a count when one row draws the same finding twice.
      const key = `${path}\u0000${f.fingerprint}`;
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      yield {
        description: f.message,
        check_name: f.ruleId,
        fingerprint: createHash('sha256').update(`${key}\u0000${n}`).digest('hex'),
        severity: SEVERITY[f.severity],
        location: { path, lines: { begin: f.line } },
      };
    }
  }
}

export const gitlab: Reporter = (report, opts) => [...gitlabStream(report, opts)].join('');
