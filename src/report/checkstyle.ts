// Checkstyle XML, which many CI servers and editors read (Jenkins' warnings plugin, reviewdog, …):
// a <file> per profile, an <error> per finding. Waived findings are accepted: they are left out.
import { sep } from 'node:path';
import type { Reporter } from './index.js';
import { xml } from './junit.js';

export const checkstyle: Reporter = (report) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const fr of report.files) {
    const open = fr.findings.filter((f) => !f.suppressed);
    const name = xml(fr.file.split(sep).join('/'));
    if (!open.length) {
      out.push(`  <file name="${name}"/>`);
      continue;
    }
    out.push(`  <file name="${name}">`);
    for (const f of open) {
      out.push(
        `    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xml(f.message)}" source="adherence.${xml(f.ruleId)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
};
