// A summary fit for a pull-request comment or a job summary: counts, the findings as a table,
// waived findings folded away, and what a baseline comparison found resolved.
import type { Reporter } from './index.js';
import type { Finding, Severity } from '../model/finding.js';
import { countsText, plural } from './rules.js';
import { markdownText, showControls } from './escape.js';

/** Rows shown per table: PR comments are capped (65,536 characters on GitHub). */
export const MAX_ROWS = 200;
const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟡 warning', info: 'ℹ️ info' };

// Profile text ends up in messages: keep it from opening HTML, links or mentions, or breaking the table.
export const cell = markdownText;
const code = (s: string) => `<code>${cell(s)}</code>`;
const where = (f: Finding) => code(`${f.file}:${f.line}:${f.column}`);

function table(head: string[], rows: string[][]): string[] {
  const shown = rows.slice(0, MAX_ROWS);
  const out = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...shown.map((r) => `| ${r.join(' | ')} |`)];
  if (rows.length > shown.length) out.push('', `… and ${rows.length - shown.length} more (see the full report).`);
  return out;
}

export const markdown: Reporter = (report) => {
  const s = report.summary;
  const active = report.files.flatMap((f) => f.findings.filter((x) => !x.suppressed));
  const waived = report.files.flatMap((f) => f.findings.filter((x) => x.suppressed));
  const mark = s.error ? '❌' : s.warning || s.info ? '⚠️' : '✅';
  const out = [`### ${mark} adherence: ${countsText(report)}`, ''];
  if (report.baseline) {
    const b = report.baseline;
    out.push(
      `Compared with ${code(b.file)}: ${plural(active.length + waived.length, 'new finding')}, ${b.unchanged.length} unchanged, ${b.resolved.length} resolved.`,
      '',
    );
  }
  if (active.length) {
    out.push(
      ...table(
        ['severity', 'where', 'rule', 'message'],
        active.map((f) => [ICON[f.severity], where(f), code(f.ruleId), cell(f.message)]),
      ),
      '',
    );
  } else out.push('No findings to act on.', '');
  if (waived.length) {
    out.push(`<details><summary>${plural(waived.length, 'waived finding')}</summary>`, '');
    out.push(
      ...table(
        ['where', 'rule', 'reason', 'approved by', 'expires'],
        waived.map((f) => [
          where(f),
          code(f.ruleId),
          cell(f.suppressed!.reason),
          cell(f.suppressed!.approvedBy ?? ''),
          cell(f.suppressed!.expires ?? ''),
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }
  if (report.baseline?.resolved.length) {
    out.push(`<details><summary>${plural(report.baseline.resolved.length, 'finding')} resolved since the baseline</summary>`, '');
    out.push(
      ...table(
        ['where (then)', 'rule', 'message'],
        report.baseline.resolved.map((f) => [where(f), code(f.ruleId), cell(f.message)]),
      ),
      '',
      '</details>',
      '',
    );
  }
  // --fix-dry-run: what --fix would change, file by file.
  const diffs = report.files.filter((f) => f.fixed?.diff);
  if (diffs.length) {
    out.push(
      `<details><summary>${plural(
        diffs.reduce((n, f) => n + f.fixed!.applied.length, 0),
        'fix',
      )} that --fix would apply</summary>`,
      '',
    );
    for (const f of diffs) {
      // The diff holds the input's text: a fence longer than any run of backticks in it, controls shown.
      const body = showControls(f.fixed!.diff!.replace(/\n$/, ''), '\t\n');
      const fence = '`'.repeat(Math.max(4, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      out.push(`${code(f.file)}:`, '', `${fence}diff`, body, fence, '');
    }
    out.push('</details>', '');
  }
  if (report.waivers) {
    const w = report.waivers;
    out.push(
      `<sub>Waivers: ${code(w.file)}, ${plural(w.waivers, 'waiver')}: ${plural(w.suppressed, 'finding')} suppressed, ${w.expired} expired, ${w.unused} unused. ${report.tool.name} ${report.tool.version}.</sub>`,
    );
  } else out.push(`<sub>${report.tool.name} ${report.tool.version}.</sub>`);
  return out.join('\n') + '\n';
};
