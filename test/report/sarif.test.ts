import { describe, it, expect } from 'vitest';
import { sarif, artifactLocation } from '../../src/report/sarif.js';
import { buildReport } from '../../src/report/index.js';
import { sampleReport, RULES } from './sample.js';
import { sarifValidator } from './sarif-schema.js';
import { cli } from '../helpers.js';

const validate = sarifValidator;
const valid = (log: unknown) => (validate(log) ? [] : validate.errors);

describe('sarif reporter', () => {
  const log = JSON.parse(sarif(sampleReport(), { rules: RULES }));
  const run = log.runs[0];

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(valid(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
  });

  it('the schema check is real: a broken log fails it', () => {
    expect(valid({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
    expect(valid({ ...log, runs: [{ ...run, results: [{ ...run.results[0], level: 'fatal' }] }] })).not.toEqual([]);
  });

  it('lists every rule with its metadata and help, sorted, and results point at them', () => {
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['footnote-duplicate', 'instrument-name', 'parse', 'schema', 'status-vocabulary']);
    const sv = run.tool.driver.rules[4];
    expect(sv).toMatchObject({
      shortDescription: { text: 'A status word fits its instrument' },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'vocabulary', basis: 'The catalogue' },
    });
    expect(sv.help.text).toContain('Basis: The catalogue');
    for (const r of run.results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
    expect(run.tool.driver).toMatchObject({ name: 'adherence', version: expect.any(String) });
  });

  it('results carry region, fingerprint, level and the waiver as a suppression', () => {
    const byRule = Object.fromEntries(run.results.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(byRule['status-vocabulary'].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'profiles/kazakhstan.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 71, startColumn: 13 },
    });
    expect(byRule['status-vocabulary'].partialFingerprints).toEqual({ 'adherence/v1': 'status-vocabulary:KAZ:hcoc' });
    expect(byRule['status-vocabulary'].suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'kept as published & signed',
        properties: { approvedBy: 'maintainers', expires: '2027-12-31' },
      },
    ]);
    expect(byRule['status-vocabulary'].relatedLocations[0].physicalLocation.region).toEqual({ startLine: 70, startColumn: 5 });
    expect(byRule['footnote-duplicate'].level).toBe('note');
    expect(byRule['instrument-name'].level).toBe('warning');
    expect(byRule['instrument-name'].suppressions).toBeUndefined();
    expect(byRule.schema.locations[0].physicalLocation.artifactLocation.uri).toBe('profiles/dir%20with%20space/b.yaml');
  });

  it('paths become URI references; absolute paths file URIs', () => {
    expect(artifactLocation('a b/c#d.yaml').uri).toBe('a%20b/c%23d.yaml');
    expect(artifactLocation('/x/y.yaml').uri).toBe('file:///x/y.yaml');
  });

  it('an empty run is valid too, and the output is deterministic', () => {
    const empty = buildReport([{ file: 'a.yaml', format: 'yaml', state: null, findings: [] }]);
    expect(valid(JSON.parse(sarif(empty, {})))).toEqual([]);
    expect(sarif(sampleReport(), { rules: RULES })).toBe(sarif(sampleReport(), { rules: [...RULES].reverse() }));
  });

  it('the CLI output for the bundled profiles validates, with the waived findings suppressed', () => {
    const r = cli(['check', 'profiles', '--format', 'sarif']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(valid(out)).toEqual([]);
    const kaz = out.runs[0].results.filter(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0]!.physicalLocation.artifactLocation.uri === 'profiles/kazakhstan.yaml',
    );
    const sv = kaz.find((x: { ruleId: string }) => x.ruleId === 'status-vocabulary');
    expect(sv.suppressions[0].justification).toMatch(/kept as published/);
  });
});
