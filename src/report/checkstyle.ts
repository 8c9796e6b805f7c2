// Checkstyle XML, which many CI servers and editors read (Jenkins' warnings plugin, reviewdog, …):
// a <file> per profile, an <error> per finding. Waived findings are accepted: they are left out.
import { sep } from 'node:path';
import type { ChunkReporter, Reporter } from './index.js';
import { xml } from './junit.js';

/** In pieces, one a file. */
export const checkstyleStream: ChunkReporter = function* (report) {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const fr of report.files) {
    const open = fr.findings.filter((f) => !f.suppressed);
    const name = xml(fr.file.split(sep).join('/'));
    if (!open.length) {
      yield `  <file name="${name}"/>\n`;
      continue;
    }
    const out: string[] = [];
    out.push(`  <file name="${name}">`);
    for (const f of open) {
      out.push(
        `    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xml(f.message)}" source="adherence.${xml(f.ruleId)}"/>`,
      );
    }
    out.push('  </file>');
    yield `${out.join('\n')}\n`;
  }
  yield '</checkstyle>\n';
};

export const checkstyle: Reporter = (report, opts) => [...checkstyleStream(report, opts)].join('');
