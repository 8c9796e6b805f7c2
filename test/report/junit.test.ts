import { describe, it, expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { junit, xml } from '../../src/report/junit.js';
import { sampleReport, RULES } from './sample.js';

const parse = (s: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(s);

describe('junit reporter', () => {
  const out = junit(sampleReport(), { rules: RULES });
  const doc = parse(out);
  const suites = doc.testsuites.testsuite as {
    name: string;
    tests: string;
    failures: string;
    skipped: string;
    testcase: Record<string, unknown>[];
  }[];
  const kaz = suites.find((s) => s.name === 'profiles/kazakhstan.yaml')!;
  const byName = (s: typeof kaz, n: string) => s.testcase.find((c) => c.name === n)!;

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
  });

  it('a suite per file, a case per rule evaluated (plus parse and schema)', () => {
    expect(suites.map((s) => s.name)).toEqual(['profiles/dir with space/b.yaml', 'profiles/india.yaml', 'profiles/kazakhstan.yaml']);
    expect(kaz.testcase.map((c) => c.name)).toEqual(['footnote-duplicate', 'instrument-name', 'parse', 'schema', 'status-vocabulary']);
    expect(kaz.testcase.every((c) => c.classname === 'profiles/kazakhstan.yaml')).toBe(true);
  });

  it('fails a case at --fail-on, keeps lower findings as output, skips waived ones', () => {
    // Default threshold error: the warning and the info pass, with their findings in system-out.
    expect(byName(kaz, 'instrument-name').failure).toBeUndefined();
    expect(byName(kaz, 'instrument-name')['system-out']).toContain(
      '70:11 warning Name "HCoC, cut" is 100% wrong,\nsecond line: <b>bold</b> | pipe',
    );
    expect(byName(kaz, 'status-vocabulary').skipped).toEqual({ message: 'waived: kept as published & signed' });
    const b = suites[0]!;
    expect(byName(b, 'schema').failure).toMatchObject({ message: '`/profile` is 2; expected 1', type: 'error' });
    // The profile did not match the schema: its rules were not run.
    expect(byName(b, 'status-vocabulary').skipped).toMatchObject({ message: expect.stringMatching(/^not run/) });
    expect(doc.testsuites).toMatchObject({ tests: '15', failures: '1' });

    const strict = parse(junit(sampleReport(), { rules: RULES, failOn: 'warning' }));
    const k2 = (strict.testsuites.testsuite as typeof suites).find((s) => s.name === 'profiles/kazakhstan.yaml')!;
    expect(byName(k2, 'instrument-name').failure).toMatchObject({ type: 'warning' });
    expect(k2.failures).toBe('1');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xml('a<b>&"\'\u0001c')).toBe('a&lt;b&gt;&amp;&quot;&apos;c');
    const r = sampleReport();
    r.files[2]!.findings.push({
      ...r.files[0]!.findings[0]!,
      file: 'profiles/india.yaml',
      severity: 'error',
      message: 'bad \u0000\u0007 "bytes" ]]> <x/>',
    });
    const s = junit(r, { rules: RULES });
    expect(XMLValidator.validate(s)).toBe(true);
    expect(s).toContain('bad  &quot;bytes&quot; ]]&gt; &lt;x/&gt;');
  });
});
