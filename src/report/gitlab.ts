// GitLab Code Quality report (a JSON array of issues), shown in merge requests as a widget and as
// marks on the changed lines. Waived findings are accepted: they are left out.
import { createHash } from 'node:crypto';
import { sep } from 'node:path';
import type { Reporter } from './index.js';
import type { Severity } from '../model/finding.js';

// GitLab's scale: info, minor, major, critical, blocker. A profile error blocks nothing by itself.
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info' };

export const gitlab: Reporter = (report) => {
  const issues = [];
  const used = new Map<string, number>();
  for (const fr of report.files) {
    const path = fr.file.split(sep).join('/');
    for (const f of fr.findings) {
      if (f.suppressed) continue;
      // GitLab needs one fingerprint per issue, stable across runs: the finding's own (which follows
      // its row when lines move), its file, and a count when one row draws the same finding twice.
      const key = `${path}\u0000${f.fingerprint}`;
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      issues.push({
        description: f.message,
        check_name: f.ruleId,
        fingerprint: createHash('sha256').update(`${key}\u0000${n}`).digest('hex'),
        severity: SEVERITY[f.severity],
        location: { path, lines: { begin: f.line } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
};
