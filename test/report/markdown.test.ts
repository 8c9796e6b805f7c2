import { describe, it, expect } from 'vitest';
import { markdown, cell, MAX_ROWS } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/index.js';
import { sampleReport, finding } from './sample.js';

describe('markdown reporter', () => {
  const out = markdown(sampleReport(), {});

  it('a heading with the counts, a table of findings, waived ones folded away', () => {
    expect(out.split('\n')[0]).toBe('### ❌ adherence: 1 error, 1 warning, 1 info, 1 waived in 3 files');
    expect(out).toContain('| 🟡 warning | <code>profiles/kazakhstan.yaml:70:11</code> | <code>instrument-name</code> |');
    expect(out).toContain('<details><summary>1 waived finding</summary>');
    expect(out).toContain(
      '| <code>profiles/kazakhstan.yaml:71:13</code> | <code>status-vocabulary</code> | kept as published &amp; signed | maintainers | 2027-12-31 |',
    );
    expect(out).toContain('<sub>Waivers: <code>waivers.yaml</code>, 1 waiver: 1 finding suppressed, 0 expired, 0 unused.');
  });

  it('profile text cannot break the table or inject HTML', () => {
    expect(out).toContain('Name "HCoC, cut" is 100% wrong, second line: &lt;b&gt;bold&lt;/b&gt; \\| pipe');
    expect(cell('a|b\r\nc<d>')).toBe('a\\|b c&lt;d&gt;');
  });

  it('caps long tables and says how many are left out', () => {
    const many = Array.from({ length: MAX_ROWS + 5 }, (_, i) => finding({ ruleId: 'schema', line: i + 1 }));
    const text = markdown(buildReport([{ file: 'profiles/kazakhstan.yaml', format: 'yaml', state: null, findings: many }]), {});
    expect(text.split('\n').filter((l) => l.startsWith('| 🔴'))).toHaveLength(MAX_ROWS);
    expect(text).toContain('… and 5 more (see the full report).');
  });

  it('a clean run says so', () => {
    const text = markdown(buildReport([{ file: 'a.yaml', format: 'yaml', state: null, findings: [] }]), {});
    expect(text).toContain('### ✅ adherence: 0 errors, 0 warnings, 0 info in 1 file');
    expect(text).toContain('No findings to act on.');
  });
});
