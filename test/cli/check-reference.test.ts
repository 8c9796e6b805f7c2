// `check --reference DIR`: the depositary cross-check of a review, for a profile that has no published
// version to compare with. The UN Treaty Collection tables are read from the shared data folder beside
// the repository, never copied into it.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root } from '../helpers.js';

const untc = join(root, '..', 'shared', 'data', 'untc');
const kyrgyzstan = join(root, 'test', 'fixtures', 'history', 'kyrgyzstan-2010.yaml');

describe('check --reference', () => {
  it('a profile that agrees with the record draws nothing', () => {
    const r = cli(['check', kyrgyzstan, '--reference', untc, '--no-waivers']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('0 findings');
    expect(r.code).toBe(0);
  });

  it('a date the record contradicts is a reference-mismatch error at its row, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adherence-ref-'));
    const file = join(dir, 'kyrgyzstan.yaml');
    writeFileSync(file, readFileSync(kyrgyzstan, 'utf8').replace('joined: 2003-09-29', 'joined: 2003-09-30'));
    const r = cli(['check', file, '--reference', untc, '--no-waivers', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).files[0].findings;
    expect(findings.map((f: { ruleId: string; pointer: string; severity: string }) => [f.ruleId, f.pointer, f.severity])).toEqual([
      ['reference-mismatch', '/entries/9/joined', 'error'],
    ]);
    expect(findings[0].message).toBe("CWC: joined 2003-09-30 in the profile, 2003-09-29 (ratification) in the depositary's record.");
    // Without --reference the same profile is clean: the record is what finds it.
    expect(cli(['check', file, '--no-waivers']).code).toBe(0);
  });

  it('a folder without the tables is a usage error (exit 2, one line)', () => {
    const r = cli(['check', kyrgyzstan, '--reference', mkdtempSync(join(tmpdir(), 'adherence-ref-'))]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot read the table/);
  });
});
