// The built-in checks are registered like rules, and every place that names one reads the registry:
// SARIF rule metadata, `adherence rules`, JUnit, waivers' rule status and configured severities.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CHECKS, DOCUMENT_CHECKS, WAIVER_UNUSED, isBuiltin } from '../../src/model/builtins.js';
import { buildReport, reporter } from '../../src/report/index.js';
import { applyWaivers, parseWaivers } from '../../src/findings/waivers.js';
import { loadRuleSet } from '../../src/engine/index.js';
import { folder, run, MINIMAL, ONE_RULE } from '../hostile/harness.js';
import { cli, root } from '../helpers.js';

const WAIVERS = (rule: string) =>
  `waivers:\n  - rule: ${rule}\n    profile: a.yaml\n    reason: kept\n    approvedBy: editors\n    expires: 2999-12-31\n`;

describe('the registry of built-in checks', () => {
  it('holds the five checks, each described like a rule', () => {
    expect(Object.keys(BUILTIN_CHECKS).sort()).toEqual(['parse', 'reference-mismatch', 'schema', 'waiver-expired', 'waiver-unused']);
    for (const [id, b] of Object.entries(BUILTIN_CHECKS)) {
      expect(b.id).toBe(id);
      expect(b.title && b.description && b.help, id).toBeTruthy();
      expect(isBuiltin(id)).toBe(true);
    }
    expect(isBuiltin('opcw-requires-cwc')).toBe(false);
    expect(isBuiltin('toString')).toBe(false);
  });

  it('no source file outside the registry spells a built-in id', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
      );
    const ids = Object.keys(BUILTIN_CHECKS);
    for (const file of files(join(root, 'src'))) {
      if (file.endsWith(join('model', 'builtins.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      // `parse` and `schema` are also finding categories (src/model/finding.ts): only rule-id uses count.
      for (const id of ids) {
        const spelled = DOCUMENT_CHECKS.includes(id as never)
          ? new RegExp(`(ruleId|rule|id)\\s*(===|!==|:)\\s*'${id}'|\\[[^\\]]*'${id}'[^\\]]*\\]`)
          : new RegExp(`['"\`]${id}['"\`]`);
        expect(spelled.test(text), `${file} spells "${id}"`).toBe(false);
      }
    }
  });

  it('SARIF describes them from the registry, tagged built-in', async () => {
    const report = buildReport([{ file: 'a.yaml', format: 'yaml', state: null, findings: [] }]);
    const sarif = JSON.parse((await reporter('sarif'))!(report, {}));
    const rules = sarif.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; properties: { tags: string[] } }[];
    for (const id of DOCUMENT_CHECKS) {
      const r = rules.find((x) => x.id === id)!;
      expect(r.shortDescription.text).toBe(BUILTIN_CHECKS[id].title);
      expect(r.properties.tags).toContain('built-in');
    }
  });
});

describe('adherence rules', () => {
  it('lists the built-in checks after the rules, marked as such, and documents each', () => {
    const r = cli(['rules']);
    expect(r.code).toBe(0);
    const [, builtins] = r.stdout.split('Built-in checks (not rule files):\n');
    for (const b of Object.values(BUILTIN_CHECKS))
      expect(builtins).toMatch(new RegExp(`^${b.id} +${b.severity} +${b.category} +${b.title}$`, 'm'));
    const json = JSON.parse(cli(['rules', '--json']).stdout) as { id: string; builtin?: boolean }[];
    expect(
      json
        .filter((x) => x.builtin)
        .map((x) => x.id)
        .sort(),
    ).toEqual(Object.keys(BUILTIN_CHECKS).sort());
    expect(cli(['rules', 'schema']).stdout).toContain('configure  no: rules run only on a document that passes it');
    expect(cli(['rules', 'waiver-expired']).stdout).toContain('configure  yes');
  });
});

describe('configured severities of built-in checks', () => {
  it('waiver checks follow the configuration; parse, schema and reference-mismatch refuse it', () => {
    expect(loadRuleSet({ severity: { 'waiver-unused': 'error', 'waiver-expired': 'off' } }).builtins).toEqual({
      'waiver-unused': 'error',
      'waiver-expired': 'off',
    });
    for (const id of ['parse', 'schema', 'reference-mismatch'])
      expect(() => loadRuleSet({ severity: { [id]: 'off' } })).toThrow(`the built-in check "${id}" cannot be set to off`);
    expect(() => loadRuleSet({ only: ['schema'] })).toThrow('"schema" is a built-in check, not a rule file');
  });

  it("applyWaivers gives the waivers file's findings the configured severity, or none when off", () => {
    const set = parseWaivers(WAIVERS('opcw-requires-cwc'), 'waivers.yaml', process.cwd());
    const files = [{ file: 'a.yaml', format: 'yaml' as const, state: null, findings: [] }];
    expect(applyWaivers(files, set).report?.findings.map((f) => [f.ruleId, f.severity])).toEqual([[WAIVER_UNUSED, 'warning']]);
    expect(applyWaivers(files, set, { severity: { [WAIVER_UNUSED]: 'error' } }).report?.findings.map((f) => f.severity)).toEqual(['error']);
    const off = applyWaivers(files, set, { severity: { [WAIVER_UNUSED]: 'off' } });
    expect(off.report).toBeUndefined();
    expect(off.summary.unused).toBe(1);
  });

  it('adherence check: an unused waiver fails the run when configured as an error, and is silent when off', async () => {
    const base = { 'a.yaml': MINIMAL, 'waivers.yaml': WAIVERS('opcw-requires-cwc') };
    const asWarning = await run(['check', ...ONE_RULE, 'a.yaml'], folder(base));
    expect(asWarning.code).toBe(0);
    expect(asWarning.stdout).toMatch(/warning .*waiver-unused/);
    const asError = await run(
      ['check', ...ONE_RULE, 'a.yaml'],
      folder({ ...base, 'adherence.config.yaml': 'rules:\n  waiver-unused: error\n' }),
    );
    expect(asError.code).toBe(1);
    expect(asError.stdout).toMatch(/error .*waiver-unused/);
    const off = await run(['check', ...ONE_RULE, 'a.yaml'], folder({ ...base, 'adherence.config.yaml': 'rules:\n  waiver-unused: off\n' }));
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('waiver-unused');
    const refused = await run(['check', 'a.yaml'], folder({ ...base, 'adherence.config.yaml': 'rules:\n  schema: off\n' }));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^adherence: the built-in check "schema" cannot be set to off: /);
  });
});
