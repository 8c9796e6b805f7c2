import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseWaivers, applyWaivers, WaiverError, type WaiverSet } from '../../src/findings/waivers.js';
import { finding } from '../report/sample.js';
import type { FileReport } from '../../src/checker/pipeline.js';
import { cli, root } from '../helpers.js';

const entry = (extra: string) =>
  `  - rule: status-vocabulary\n    profile: KAZ\n    reason: kept as published\n    approvedBy: maintainers\n${extra}`;
const set = (text: string): WaiverSet => parseWaivers(text, 'waivers.yaml', '/repo');
const kaz = (): FileReport => ({
  file: 'profiles/kazakhstan.yaml',
  format: 'yaml',
  state: { name: 'Kazakhstan', iso3: 'KAZ' },
  findings: [
    finding({ ruleId: 'status-vocabulary', line: 71 }),
    finding({ ruleId: 'instrument-name', severity: 'warning', line: 70, pointer: '/entries/18/name' }),
  ],
});

describe('waivers file', () => {
  it('is schema-checked, errors naming file:line:column', () => {
    const bad = [
      [
        `waivers:\n${entry('    expires: 2027-02-30\n')}`,
        'waivers.yaml:6:14: invalid waivers file: `/waivers/0/expires` is "2027-02-30", not a valid date (YYYY-MM-DD)',
      ],
      [
        'waivers:\n  - rule: status-vocabulary\n    profile: KAZ\n    approvedBy: me\n    expires: 2027-01-01\n',
        'waivers.yaml:2:5: invalid waivers file: `/waivers/0` lacks `reason`, which is required',
      ],
      [
        `waivers:\n${entry('    expires: 2027-01-01\n    instrumnet: hcoc\n')}`,
        'waivers.yaml:7:17: invalid waivers file: `/waivers/0` has an unknown key `instrumnet` (did you mean `instrument`?)',
      ],
      ['waivers:\n  - rule: [a\n', 'waivers.yaml:3:1: Flow sequence'],
    ];
    for (const [text, _message] of bad) expect(() => set(text!), text).toThrow(WaiverError);
    for (const [text, message] of bad) expect(() => set(text!)).toThrow(message!);
  });

  it('an empty or comment-only file is no waivers; entries keep their positions', () => {
    expect(set('# none yet\n').waivers).toEqual([]);
    expect(set('waivers: []\n').waivers).toEqual([]);
    const s = set(`# c\nwaivers:\n${entry('    expires: 2027-01-01\n')}`);
    expect(s.waivers[0]).toMatchObject({
      rule: 'status-vocabulary',
      profile: 'KAZ',
      line: 3,
      column: 5,
      expiresAt: { line: 7, column: 14 },
    });
  });
});

describe('applying waivers', () => {
  it('a current waiver marks the finding suppressed, keeps it, and leaves others alone', () => {
    const out = applyWaivers([kaz()], set(`waivers:\n${entry('    instrument: hcoc\n    expires: 2027-01-01\n')}`), {
      today: '2026-11-27',
    });
    const [sv, name] = [out.files[0]!.findings[0]!, out.files[0]!.findings[1]!];
    expect(sv.suppressed).toEqual({ reason: 'kept as published', approvedBy: 'maintainers', expires: '2027-01-01' });
    expect(name.suppressed).toBeUndefined();
    expect(out.report).toBeUndefined();
    expect(out.summary).toEqual({ file: 'waivers.yaml', waivers: 1, suppressed: 1, expired: 0, unused: 0 });
  });

  it('holds through its expiry day, then stops and says so (waiver-expired, a warning)', () => {
    const s = set(`waivers:\n${entry('    expires: 2026-11-27\n')}`);
    expect(applyWaivers([kaz()], s, { today: '2026-11-27' }).files[0]!.findings[0]!.suppressed).toBeDefined();
    const out = applyWaivers([kaz()], s, { today: '2026-11-28' });
    expect(out.files[0]!.findings[0]!.suppressed).toBeUndefined();
    expect(out.report!.findings).toEqual([
      expect.objectContaining({
        ruleId: 'waiver-expired',
        severity: 'warning',
        category: 'waiver',
        file: 'waivers.yaml',
        line: 6,
        column: 14,
        message: expect.stringContaining('expired on 2026-11-27; 1 finding it covered is reported again'),
        related: [expect.objectContaining({ file: 'profiles/kazakhstan.yaml', line: 71 })],
      }),
    ]);
    expect(out.summary.expired).toBe(1);
  });

  it('a waiver matching nothing on a checked profile is waiver-unused; not when its profile or rule was not checked', () => {
    const s = set(`waivers:\n${entry('    instrument: cwc\n    expires: 2027-01-01\n')}`);
    const out = applyWaivers([kaz()], s, { today: '2026-11-27' });
    expect(out.report!.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['waiver-unused', 'warning', 2]]);
    expect(applyWaivers([{ ...kaz(), state: { name: 'India', iso3: 'IND' } }], s, { today: '2026-11-27' }).report).toBeUndefined();
    expect(applyWaivers([kaz()], s, { today: '2026-11-27', ruleStatus: () => 'not-run' }).report).toBeUndefined();
    // A profile that does not match the schema had no rules run: its rule waivers are not "unused".
    const broken = { ...kaz(), findings: [finding({ ruleId: 'schema', line: 1 })] };
    expect(applyWaivers([broken], s, { today: '2026-11-27' }).report).toBeUndefined();
    const unknown = applyWaivers([kaz()], s, { today: '2026-11-27', ruleStatus: () => 'unknown' });
    expect(unknown.report!.findings[0]!.message).toMatch(/names rule status-vocabulary, which is not in the rule set/);
  });

  it('profile paths are relative to the waivers file; pointers cover the node and inside it', () => {
    const s = parseWaivers(
      'waivers:\n  - { rule: instrument-name, profile: ../repo/profiles/kazakhstan.yaml, pointer: /entries/18, reason: r, approvedBy: a, expires: 2027-01-01 }\n',
      'w/waivers.yaml',
      '/data/w',
    );
    const out = applyWaivers([kaz()], s, { today: '2026-11-27', cwd: '/data/repo' });
    expect(out.files[0]!.findings.map((f) => Boolean(f.suppressed))).toEqual([false, true]);
    expect(applyWaivers([kaz()], s, { today: '2026-11-27', cwd: '/elsewhere' }).summary.suppressed).toBe(0);
  });
});

describe('check with waivers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adh-waivers-'));
  copyFileSync(join(root, 'profiles/kazakhstan.yaml'), join(dir, 'kazakhstan.yaml'));
  const write = (name: string, expires: string, extra = '') =>
    writeFileSync(
      join(dir, name),
      `waivers:\n  - rule: status-vocabulary\n    profile: kazakhstan.yaml\n    instrument: hcoc\n    reason: kept as published\n    approvedBy: maintainers\n    expires: ${expires}\n${extra}`,
    );
  const run = (...args: string[]) =>
    cli(['check', 'kazakhstan.yaml', '--rule', 'status-vocabulary', '--format', 'json', ...args], undefined, dir);

  it('valid: the finding is suppressed in JSON and the exit code is 0', () => {
    write('waivers.yaml', '2999-12-31');
    const r = run();
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files[0].findings[0]).toMatchObject({ ruleId: 'status-vocabulary', suppressed: { reason: 'kept as published' } });
    expect(report.waivers).toEqual({ file: 'waivers.yaml', waivers: 1, suppressed: 1, expired: 0, unused: 0 });
    expect(report.summary).toMatchObject({ error: 0, suppressed: 1 });
    expect(run('--no-waivers').code).toBe(1);
  });

  it('expired: the finding is back (exit 1) and waiver-expired points at the date', () => {
    write('old.yaml', '2001-01-01');
    const r = run('--waivers', 'old.yaml');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const w = report.files.find((f: { file: string }) => f.file === 'old.yaml');
    expect(w.findings).toEqual([expect.objectContaining({ ruleId: 'waiver-expired', line: 7, column: 14 })]);
  });

  it('unused: reported as a warning; --max-warnings 0 then fails the run', () => {
    write(
      'extra.yaml',
      '2999-12-31',
      '  - { rule: status-vocabulary, profile: kazakhstan.yaml, instrument: cwc, reason: r, approvedBy: a, expires: 2999-12-31 }\n',
    );
    const r = run('--waivers', 'extra.yaml');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.find((f: { file: string }) => f.file === 'extra.yaml').findings[0]).toMatchObject({
      ruleId: 'waiver-unused',
      severity: 'warning',
      line: 8,
    });
    const strict = run('--waivers', 'extra.yaml', '--max-warnings', '0');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('adherence: 1 warning, more than --max-warnings 0\n');
  });

  it('a broken waivers file stops the run with exit 2 and file:line:column', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'waivers:\n  - rule: status-vocabulary\n    profile: KAZ\n');
    const r = run('--waivers', 'bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^adherence: bad\.yaml:2:5: invalid waivers file: `\/waivers\/0` lacks `reason`/);
    expect(run('--waivers', 'missing.yaml').stderr).toBe('adherence: missing.yaml: cannot read the waivers file (ENOENT)\n');
  });
});
