import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { applyBaseline, parseBaseline, BaselineError } from '../../src/findings/baseline.js';
import { buildReport } from '../../src/report/index.js';
import { validateAgainst } from '../../src/schema/index.js';
import { finding } from '../report/sample.js';
import type { FileReport } from '../../src/checker/pipeline.js';
import { cli, root } from '../helpers.js';

const file = (findings = [finding({ ruleId: 'status-vocabulary', line: 71 })]): FileReport => ({
  file: 'profiles/kazakhstan.yaml',
  format: 'yaml',
  state: { name: 'Kazakhstan', iso3: 'KAZ' },
  findings,
});

describe('baseline', () => {
  it('keeps only new fingerprints, lists the resolved ones, and line moves do not count', () => {
    const old = [
      finding({ ruleId: 'status-vocabulary', line: 60 }),
      finding({ ruleId: 'instrument-name', line: 70, fingerprint: 'instrument-name:KAZ:hcoc' }),
    ];
    const now = [
      finding({ ruleId: 'status-vocabulary', line: 71 }),
      finding({ ruleId: 'opcw-requires-cwc', line: 80, fingerprint: 'opcw-requires-cwc:KAZ:opcw+cwc' }),
    ];
    const { files, result } = applyBaseline([file(now)], { file: 'old.json', findings: old });
    expect(files[0]!.findings.map((f) => f.ruleId)).toEqual(['opcw-requires-cwc']);
    expect(result.unchanged.map((f) => [f.ruleId, f.line])).toEqual([['status-vocabulary', 71]]);
    expect(result.resolved.map((f) => f.ruleId)).toEqual(['instrument-name']);
    // Not looked for (file not checked, rule not run): not resolved.
    expect(applyBaseline([file(now)], { file: 'old.json', findings: old }, () => false).result.resolved).toEqual([]);
  });

  it('counts fingerprints: a second finding with a known fingerprint is new', () => {
    const two = [finding({ ruleId: 'status-vocabulary', line: 71 }), finding({ ruleId: 'status-vocabulary', line: 90 })];
    const { files } = applyBaseline([file(two)], { file: 'b', findings: [finding({ ruleId: 'status-vocabulary', line: 71 })] });
    expect(files[0]!.findings.map((f) => f.line)).toEqual([90]);
  });

  it('a baselined report is a full baseline again (unchanged findings are kept in it) and matches the schema', () => {
    const { files, result } = applyBaseline([file()], { file: 'old.json', findings: [finding({ ruleId: 'status-vocabulary', line: 71 })] });
    const report = buildReport(files, { baseline: result });
    expect(validateAgainst('report.schema.json', JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(parseBaseline(JSON.stringify(report), 'r.json').findings.map((f) => f.fingerprint)).toEqual(['status-vocabulary:KAZ:hcoc']);
  });

  it('refuses what is not a JSON report of ours, with file:line:column', () => {
    expect(() => parseBaseline('{"reportVersion": 1,\n "files": 3}', 'x.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{"reportVersion": 1,\n "files": 3}', 'x.json')).toThrow(
      /^x\.json:1:1: not a JSON report of adherence \(write one with --format json\): /,
    );
    expect(() =>
      parseBaseline(
        '{"reportVersion": 1, "tool": {"name": "adherence", "version": "1"}, "summary": {"files": 0, "error": 0, "warning": 0, "info": 0, "suppressed": 0},\n "files": 3}',
        'x.json',
      ),
    ).toThrow(/^x\.json:2:11: .*must be a list/);
    expect(() => parseBaseline('{ nope', 'y.json')).toThrow(/^y\.json:1:\d+: not a JSON report of adherence/);
  });

  it('check --baseline: only new findings, the resolved listed, exit code from the new ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-baseline-'));
    copyFileSync(join(root, 'profiles/kazakhstan.yaml'), join(dir, 'kaz.yaml'));
    const run = (...args: string[]) => cli(['check', 'kaz.yaml', '--rule', 'status-vocabulary', ...args], undefined, dir);
    expect(run('-f', 'json', '-o', 'before.json').code).toBe(1);
    // Nothing changed: nothing new, exit 0.
    const same = run('--baseline', 'before.json', '-f', 'json');
    expect(same.code).toBe(0);
    const r1 = JSON.parse(same.stdout);
    expect(r1.files[0].findings).toEqual([]);
    expect(r1.baseline).toMatchObject({
      file: 'before.json',
      resolved: [],
      unchanged: [expect.objectContaining({ ruleId: 'status-vocabulary' })],
    });
    // Fix the profile: the finding is listed as resolved.
    writeFileSync(
      join(dir, 'kaz.yaml'),
      readFileSync(join(dir, 'kaz.yaml'), 'utf8').replace(/(instrument: hcoc\n(?:.*\n)*?\s+status: )State Party/, '$1Subscribing State'),
    );
    const fixed = JSON.parse(run('--baseline', 'before.json', '-f', 'json').stdout);
    expect(fixed.baseline.resolved).toEqual([
      expect.objectContaining({ ruleId: 'status-vocabulary', fingerprint: 'status-vocabulary:KAZ:hcoc' }),
    ]);
    expect(run('--baseline', 'before.json', '-f', 'markdown').stdout).toContain('1 finding resolved since the baseline');
    expect(run('--baseline', 'nope.json').stderr).toBe('adherence: nope.json: cannot read the baseline (ENOENT)\n');
  });

  it('with --baseline, stylish keeps the unchanged and resolved counts; SARIF says new, unchanged and absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-baseline-'));
    copyFileSync(join(root, 'profiles/kazakhstan.yaml'), join(dir, 'kaz.yaml'));
    const run = (...args: string[]) =>
      cli(['check', 'kaz.yaml', '--rule', 'status-vocabulary', '--rule', 'instrument-name', ...args], undefined, dir);
    run('-f', 'json', '-o', 'before.json');
    // Fix the HCoC status (resolved), give the OPCW a treaty's status word (new); the two instrument-name findings stay.
    const text = readFileSync(join(dir, 'kaz.yaml'), 'utf8').replace(
      /(instrument: hcoc\n(?:.*\n)*?\s+status: )State Party/,
      '$1Subscribing State',
    );
    writeFileSync(join(dir, 'kaz.yaml'), text.replace(/(instrument: opcw\n.*\n\s+status: )Member/, '$1State Party'));
    const stylish = run('--baseline', 'before.json').stdout;
    expect(stylish.trimEnd().split('\n').at(-1)).toBe('2 unchanged (not shown) and 1 resolved since the baseline before.json');
    const log = JSON.parse(run('--baseline', 'before.json', '-f', 'sarif').stdout);
    const states = log.runs[0].results.map((r: { ruleId: string; baselineState: string }) => `${r.baselineState} ${r.ruleId}`).sort();
    expect(states).toEqual(['absent status-vocabulary', 'new status-vocabulary', 'unchanged instrument-name', 'unchanged instrument-name']);
    for (const r of log.runs[0].results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });
});
