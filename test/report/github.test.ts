import { describe, it, expect } from 'vitest';
import { github, escapeData, escapeProperty } from '../../src/report/github.js';
import { sampleReport } from './sample.js';

describe('github reporter', () => {
  const lines = github(sampleReport(), {}).trimEnd().split('\n');

  it('one workflow command per finding not waived, in report order, then a summary', () => {
    expect(lines).toEqual([
      '::error file=profiles/dir with space/b.yaml,line=1,col=1,title=schema::`/profile` is 2; expected 1',
      '::warning file=profiles/kazakhstan.yaml,line=70,col=11,title=instrument-name::Name "HCoC, cut" is 100%25 wrong,%0Asecond line: <b>bold</b> | pipe',
      '::notice file=profiles/kazakhstan.yaml,line=140,col=5,title=footnote-duplicate::Footnote 6 repeats footnote 5',
      'adherence: 1 error, 1 warning, 1 info, 1 waived in 3 files',
    ]);
  });

  it('every command line has the documented form', () => {
    for (const l of lines.filter((x) => x.startsWith('::'))) {
      expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]*$/);
    }
  });

  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
    const r = sampleReport();
    r.files.push({
      file: 'odd:name,1.yaml',
      format: 'yaml',
      state: null,
      findings: [{ ...r.files[0]!.findings[0]!, file: 'odd:name,1.yaml', line: 3, column: 2 }],
    });
    expect(github(r, {})).toContain('::error file=odd%3Aname%2C1.yaml,line=3,col=2,title=schema::');
  });
});
