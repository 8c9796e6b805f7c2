// GitHub Actions workflow commands: each finding becomes an annotation on the file and line.
// Escaping follows the runner's rules: %, CR and LF in the message; also : and , in properties.
import { sep } from 'node:path';
import type { ChunkReporter, Reporter } from './index.js';
import type { Severity } from '../model/finding.js';
import { countsText } from './rules.js';
import { showControls } from './escape.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

// Other control characters (terminal escapes, bidi overrides) are shown escaped, as in every output.
export const escapeData = (s: string) => showControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** In pieces, one a file (a file without annotations gives none). */
export const githubStream: ChunkReporter = function* (report) {
  for (const fr of report.files) {
    const out: string[] = [];
    const file = escapeProperty(fr.file.split(sep).join('/'));
    // Waived findings are accepted: annotating them again would be noise on every pull request.
    for (const f of fr.findings) {
      if (f.suppressed) continue;
      out.push(
        `::${COMMAND[f.severity]} file=${file},line=${f.line},col=${f.column},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}`,
      );
    }
    if (out.length) yield `${out.join('\n')}\n`;
  }
  const resolved = report.baseline?.resolved.length;
  yield `adherence: ${countsText(report)}${resolved ? `; ${resolved} resolved since the baseline` : ''}\n`;
};

export const github: Reporter = (report, opts) => [...githubStream(report, opts)].join('');
