// The Checker is what the command line runs: its report must be the CLI's JSON report byte for byte,
// with the configuration, waivers and baseline applied, and review/explain/rules must honour the
// configuration as check does.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checker, ConfigError, loadRuleSet } from '../../src/index.js';
import { json } from '../../src/report/json.js';
import { cli, root } from '../helpers.js';

const serialise = (report: Parameters<typeof json>[0]) => json(report, {});
const kazakhstan = () => readFileSync(join(root, 'profiles/kazakhstan.yaml'), 'utf8');

describe('Checker.checkFiles is adherence check --format json', () => {
  it('on the bundled profiles, with the repository configuration and waivers', async () => {
    const c = await Checker.create({ cwd: root });
    const report = await c.checkFiles(['profiles']);
    const r = cli(['check', '--format', 'json', 'profiles']);
    expect(r.code).toBe(0);
    expect(serialise(report)).toBe(r.stdout);
    // Not an empty comparison: the waivers of the bundled Kazakhstan profile are in it.
    expect(report.waivers?.suppressed).toBeGreaterThan(0);
    expect(report.files.length).toBeGreaterThan(1);
  });

  it('plans fixes only for a run that shows them: the dry run is the plain report with each fix added', async () => {
    const c = await Checker.create({ cwd: root, waivers: false });
    const plain = await c.checkFiles(['profiles/kazakhstan.yaml']);
    const dry = await c.checkFiles(['profiles/kazakhstan.yaml'], { fix: { write: false, types: ['fix'] } });
    const findings = dry.files[0]!.findings;
    expect(findings.filter((f) => f.fix).length).toBeGreaterThan(2);
    expect(plain.files[0]!.findings.some((f) => f.fix || f.suggestions)).toBe(false);
    const { fixed: _fixed, ...dryFile } = dry.files[0]!;
    expect({ ...dryFile, findings: findings.map(({ fix: _f, suggestions: _s, ...rest }) => rest) }).toEqual(plain.files[0]);
  });

  describe('in a project of its own: a rule off, a waivers file, a baseline', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'adh-checker-'));
      mkdirSync(join(dir, 'profiles'));
      writeFileSync(join(dir, 'profiles/kazakhstan.yaml'), kazakhstan());
      writeFileSync(
        join(dir, 'adherence.config.yaml'),
        ['rules:', '  footnote-duplicate: off', '  instrument-name: info', 'waivers: accepted.yaml', ''].join('\n'),
      );
      writeFileSync(
        join(dir, 'accepted.yaml'),
        [
          'waivers:',
          '  - rule: status-vocabulary',
          '    profile: profiles/kazakhstan.yaml',
          '    instrument: hcoc',
          '    reason: kept as published',
          '    approvedBy: Data editors',
          '    expires: 2999-12-31',
          '  - rule: signature-window',
          '    profile: KAZ',
          '    reason: a waiver that matches nothing',
          '    approvedBy: Data editors',
          '    expires: 2999-12-31',
          '',
        ].join('\n'),
      );
      // The baseline is the profile as it stands; then a row changes, so the next run has a new finding.
      expect(cli(['check', '--format', 'json', '-o', 'baseline.json', '--fail-on', 'never'], undefined, dir).code).toBe(0);
      writeFileSync(
        join(dir, 'profiles/kazakhstan.yaml'),
        kazakhstan().replace(/(instrument: cwc\n\s+status:) State Party/, '$1 Signatory'),
      );
    });

    it('gives the same bytes as the CLI run in that folder', async () => {
      // The test runs from the repository: the Checker takes its folder from `cwd`, not the process.
      const c = await Checker.create({ cwd: dir, baseline: 'baseline.json' });
      const report = await c.checkFiles();
      const r = cli(['check', '--format', 'json', '--baseline', 'baseline.json'], undefined, dir);
      expect(serialise(report)).toBe(r.stdout);
      expect(r.code).toBe(1);

      const all = [...report.files.flatMap((f) => f.findings), ...(report.baseline?.unchanged ?? [])];
      expect(all.some((f) => f.ruleId === 'footnote-duplicate')).toBe(false); // off in the configuration
      expect(all.filter((f) => f.ruleId === 'instrument-name').every((f) => f.severity === 'info')).toBe(true);
      expect(report.waivers).toMatchObject({ file: 'accepted.yaml', waivers: 2, unused: 1 });
      expect(report.baseline?.file).toBe('baseline.json');
      // Only what the edit brought is new: the CWC row, now a signatory while an OPCW member.
      const newRules = report.files
        .flatMap((f) => f.findings)
        .filter((f) => f.category !== 'waiver')
        .map((f) => f.ruleId);
      expect(newRules).toContain('opcw-requires-cwc');
      expect(report.baseline?.unchanged.length).toBeGreaterThan(0);
    });

    it('checkText gives the findings checkFiles gives for the same file', async () => {
      const c = await Checker.create({ cwd: dir, waivers: false });
      const fromFile = await c.checkFiles(['profiles/kazakhstan.yaml']);
      const text = readFileSync(join(dir, 'profiles/kazakhstan.yaml'), 'utf8');
      const fromText = await c.checkText(text, { filePath: 'profiles/kazakhstan.yaml' });
      expect(fromText).toEqual(fromFile);
      expect(fromText.files[0]!.findings.length).toBeGreaterThan(0);
    });

    it('review leaves out a rule the configuration turns off, as check does', async () => {
      const against = join(root, 'profiles/kazakhstan.yaml');
      const configured = await (await Checker.create({ cwd: dir })).review(['profiles/kazakhstan.yaml'], { against: [against] });
      const bare = await (await Checker.create({ cwd: dir, config: false })).review(['profiles/kazakhstan.yaml'], { against: [against] });
      const rulesOf = (r: typeof bare) => r.profiles.flatMap((p) => p.findings).map((f) => f.finding.ruleId);
      expect(rulesOf(bare)).toContain('footnote-duplicate');
      expect(rulesOf(configured)).not.toContain('footnote-duplicate');
      // The configuration's waivers apply too.
      expect(configured.waivers?.file).toBe('accepted.yaml');

      const md = cli(['review', 'profiles/kazakhstan.yaml', '--against', against], undefined, dir);
      expect(md.stdout).not.toContain('footnote-duplicate');
      expect(
        cli(['review', 'profiles/kazakhstan.yaml', '--against', against, '--config', join(root, 'adherence.config.yaml')], undefined, dir)
          .stdout,
      ).toContain('footnote-duplicate');
    });

    it('explain and rules honour the configuration', async () => {
      const off = cli(['explain', 'profiles/kazakhstan.yaml', '--rule', 'footnote-duplicate'], undefined, dir);
      expect(off.code).toBe(2);
      expect(off.stderr).toContain('rule "footnote-duplicate" is off in the configuration');
      const on = cli(['explain', 'profiles/kazakhstan.yaml', '--rule', 'instrument-name'], undefined, dir);
      expect(on.code).toBe(0);
      expect(on.stdout).toContain('info, editorial'); // the configured severity
      const listed = cli(['rules'], undefined, dir).stdout;
      expect(listed).not.toMatch(/^footnote-duplicate /m);
      expect(listed).toMatch(/^instrument-name +info /m);
      // Every bundled rule but the one turned off.
      expect(listed).toContain(`${loadRuleSet().rules.length - 1} rules and 5 built-in checks`);
    });
  });
});

describe('Checker options are checked once, against the configuration schema', () => {
  it('rejects an option the schema does not allow, with a stable code', async () => {
    const err = await Checker.create({ cwd: root, failOn: 'sometimes' as 'error' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('CONFIG');
    expect((err as Error).message).toContain('failOn');
  });

  it('names the line and column of a mistake in the configuration file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-checker-'));
    writeFileSync(join(dir, 'adherence.config.yaml'), 'rules:\n  footnote-duplicate: loud\n');
    const err = await Checker.create({ cwd: dir }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^adherence\.config\.yaml:2:\d+: invalid configuration/);
    const r = cli(['check'], undefined, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('adherence.config.yaml:2:');
  });

  it("passes the evaluator through: json-rules-engine gives the compiled rules' report", async () => {
    const compiled = await (await Checker.create({ cwd: root })).checkFiles(['profiles']);
    const engine = await Checker.create({ cwd: root, evaluator: 'engine' });
    expect(engine.settings.evaluator).toBe('engine');
    expect(serialise(await engine.checkFiles(['profiles']))).toBe(serialise(compiled));
  });

  it('takes an option over the configuration, and paths in the configuration from its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-checker-'));
    mkdirSync(join(dir, 'conf'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/kz.yaml'), kazakhstan());
    writeFileSync(join(dir, 'conf/project.yaml'), 'failOn: warning\npaths: [../data]\nwaivers: false\n');
    const c = await Checker.create({ cwd: dir, config: 'conf/project.yaml', failOn: 'info' });
    expect(c.settings.failOn).toBe('info');
    expect(c.settings.paths).toEqual(['data']);
    const report = await c.checkFiles();
    expect(report.files.map((f) => f.file)).toEqual(['data/kz.yaml']);
    expect(report.waivers).toBeUndefined();
  });

  it('reads the waivers and the baseline only when a check needs them: a broken waivers file stops check, not rules or explain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-checker-'));
    writeFileSync(join(dir, 'kz.yaml'), kazakhstan());
    writeFileSync(join(dir, 'adherence.config.yaml'), 'waivers: broken.yaml\nbaseline: missing.json\n');
    writeFileSync(join(dir, 'broken.yaml'), 'waivers: [ {\n');
    const c = await Checker.create({ cwd: dir });
    expect(c.ruleInfo().length).toBeGreaterThan(30);
    expect(cli(['rules'], undefined, dir).code).toBe(0);
    const explained = cli(['explain', 'kz.yaml', '--rule', 'opcw-requires-cwc'], undefined, dir);
    expect(explained.code, explained.stderr).toBe(0);
    await expect(c.checkFiles(['kz.yaml'])).rejects.toThrow(/broken\.yaml:\d+:\d+/);
    const checked = cli(['check', 'kz.yaml'], undefined, dir);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    // Once the waivers are fine, the missing baseline is what the check reports.
    writeFileSync(join(dir, 'broken.yaml'), 'waivers: []\n');
    const again = await Checker.create({ cwd: dir });
    await expect(again.checkFiles(['kz.yaml'])).rejects.toThrow(/missing\.json/);
  });
});
