// The checkstyle and GitLab Code Quality reporters: each finding not waived, in a form the
// consumers' own parsers read back.
import { describe, it, expect } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { checkstyle } from '../../src/report/checkstyle.js';
import { gitlab } from '../../src/report/gitlab.js';
import { sampleReport, finding } from './sample.js';
import { cli } from '../helpers.js';

describe('checkstyle reporter', () => {
  const text = checkstyle(sampleReport(), {});
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'file' || n === 'error' }).parse(
    text,
  ) as {
    checkstyle: { file: { name: string; error?: { line: string; column: string; severity: string; message: string; source: string }[] }[] };
  };

  it('a file element per file, an error element per finding not waived, messages escaped and read back intact', () => {
    const files = doc.checkstyle.file;
    expect(files.map((f) => f.name)).toEqual(sampleReport().files.map((f) => f.file));
    const all = files.flatMap((f) => (f.error ?? []).map((e) => ({ file: f.name, ...e })));
    const open = sampleReport().files.flatMap((f) =>
      f.findings
        .filter((x) => !x.suppressed)
        .map((x) => ({
          file: f.file,
          line: String(x.line),
          column: String(x.column),
          severity: x.severity,
          message: x.message,
          source: `adherence.${x.ruleId}`,
        })),
    );
    expect(all).toEqual(open);
    expect(open.length).toBeGreaterThan(0);
    expect(text).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('leaves waived findings out', () => {
    const waived = sampleReport().files.flatMap((f) => f.findings.filter((x) => x.suppressed));
    expect(waived.length).toBeGreaterThan(0);
    for (const w of waived)
      expect(text).not.toContain(`line="${w.line}" column="${w.column}" severity="${w.severity}" message="${w.message}"`);
  });
});

describe('gitlab reporter', () => {
  const issues = JSON.parse(gitlab(sampleReport(), {})) as {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; lines: { begin: number } };
  }[];

  it('one Code Quality issue per finding not waived, with the fields GitLab requires', () => {
    const open = sampleReport().files.flatMap((f) => f.findings.filter((x) => !x.suppressed).map((x) => ({ f: f.file, x })));
    expect(issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.description])).toEqual(
      open.map(({ f, x }) => [f, x.line, x.ruleId, x.message]),
    );
    const scale = { error: 'major', warning: 'minor', info: 'info' } as const;
    expect(issues.map((i) => i.severity)).toEqual(open.map(({ x }) => scale[x.severity]));
    for (const i of issues) expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fingerprints are unique, also for one finding drawn twice, and do not move with lines', () => {
    const r = sampleReport();
    const first = r.files[0]!.findings[0]!;
    r.files[0]!.findings.push({ ...first });
    const twice = JSON.parse(gitlab(r, {})) as { fingerprint: string }[];
    expect(new Set(twice.map((i) => i.fingerprint)).size).toBe(twice.length);
    const moved = sampleReport();
    moved.files[0]!.findings = moved.files[0]!.findings.map((x) => ({ ...x, line: x.line + 10 }));
    expect((JSON.parse(gitlab(moved, {})) as { fingerprint: string }[]).map((i) => i.fingerprint)).toEqual(
      issues.map((i) => i.fingerprint),
    );
    expect(finding({ ruleId: 'x', line: 1 }).fingerprint).toBe('x:KAZ:hcoc');
  });

  it('check -f gitlab and -f checkstyle run end to end on the bundled profiles', () => {
    const g = cli(['check', 'profiles', '--no-waivers', '-f', 'gitlab']);
    expect(g.code).toBe(1);
    expect((JSON.parse(g.stdout) as unknown[]).length).toBeGreaterThan(0);
    const c = cli(['check', 'profiles', '--no-waivers', '-f', 'checkstyle']);
    expect(c.stdout).toMatch(/^<\?xml[\s\S]*<error line="\d+" column="\d+" severity="error"[\s\S]*<\/checkstyle>\n$/);
  });
});
