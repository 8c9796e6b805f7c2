// Grouped by file, one line a finding, like ESLint's default output.
import type { ChunkReporter, Reporter } from './index.js';
import type { Severity } from '../model/finding.js';
import { showControls } from './escape.js';

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
const SEV: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

/** In pieces, one a file: a run of 100,000 files is never one string. */
export const stylishStream: ChunkReporter = function* (report, { color = false }) {
  for (const f of report.files) {
    if (f.findings.length === 0 && !f.fixed?.applied.length) continue;
    const out: string[] = [];
    // Names and messages come from the input: escape sequences in them are shown, never obeyed.
    const who = f.state ? ` (${showControls(f.state.name)}${f.state.iso3 ? `, ${showControls(f.state.iso3)}` : ''})` : '';
    out.push(paint(color, '4', showControls(f.file)) + who);
    let posWidth = 0;
    let sevWidth = 0;
    for (const x of f.findings) {
      posWidth = Math.max(posWidth, `${x.line}:${x.column}`.length);
      sevWidth = Math.max(sevWidth, (x.suppressed ? 'waived' : x.severity).length);
    }
    for (const x of f.findings) {
      const pos = `${x.line}:${x.column}`.padEnd(posWidth);
      const sev = x.suppressed ? paint(color, '2', 'waived'.padEnd(sevWidth)) : paint(color, SEV[x.severity], x.severity.padEnd(sevWidth));
      out.push(`  ${paint(color, '2', pos)}  ${sev}  ${showControls(x.message)}  ${paint(color, '2', showControls(x.ruleId))}`);
      // --fix-dry-run: what would be done about it.
      if (x.fix) out.push(`  ${' '.repeat(posWidth + sevWidth + 4)}${paint(color, '32', `fix: ${showControls(x.fix.title)}`)}`);
      for (const s of x.suggestions ?? [])
        out.push(`  ${' '.repeat(posWidth + sevWidth + 4)}${paint(color, '36', `suggestion: ${showControls(s.title)}`)}`);
    }
    if (f.fixed?.written)
      out.push(paint(color, '32', `  ${f.fixed.applied.length} fix${f.fixed.applied.length === 1 ? '' : 'es'} applied`));
    if (f.fixed?.diff) {
      out.push(
        '',
        ...f.fixed.diff
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `  ${paint(color, l.startsWith('+') ? '32' : l.startsWith('-') ? '31' : '2', showControls(l, '\t'))}`),
      );
    }
    out.push('');
    yield `${out.join('\n')}\n`;
  }
  const out: string[] = [];
  const s = report.summary;
  const total = s.error + s.warning + s.info;
  const parts = [`${s.error} error${s.error === 1 ? '' : 's'}`, `${s.warning} warning${s.warning === 1 ? '' : 's'}`, `${s.info} info`];
  if (s.suppressed) parts.push(`${s.suppressed} waived`);
  const line = `${total === 0 ? '✓' : '✖'} ${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${s.files} file${s.files === 1 ? '' : 's'}`;
  out.push(paint(color, s.error ? '31;1' : s.warning ? '33;1' : '32;1', line));
  const b = report.baseline;
  if (b) out.push(`${b.unchanged.length} unchanged (not shown) and ${b.resolved.length} resolved since the baseline ${b.file}`);
  yield `${out.join('\n')}\n`;
};

export const stylish: Reporter = (report, opts) => [...stylishStream(report, opts)].join('');
