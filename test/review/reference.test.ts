// The depositary cross-check on the real UN Treaty Collection tables (March 2015), read from the shared
// data folder beside the repository, never copied into it.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import type { Profile } from '../../src/model/profile.js';
import { readDepositary, parseCsv, DepositaryError, DEFAULT_MAPPING } from '../../src/review/depositary.js';
import { crossCheck } from '../../src/review/reference.js';
import { root } from '../helpers.js';
import { DRAFT_CHANGES, editProfile, publishedKazakhstan, scratch } from './fixtures.js';

const catalog = loadCatalog();
const untc = join(root, '..', 'shared', 'data', 'untc');
const dep = readDepositary(untc, catalog);

const check = (text: string, file = 'p.yaml') => {
  const loaded = loadText(text, file, catalog);
  return crossCheck(loaded.profile!, loaded, file, catalog, dep);
};
const profileOf = (p: Profile) => JSON.stringify(p);

describe('depositary tables', () => {
  it('reads every mapped table, one row per participant, with the lines of the file', () => {
    expect(dep.recordedOn).toBe('2015-03-14');
    for (const t of dep.tables) {
      expect(catalog.instrument(t.instrument)?.untc, t.file).toBe(t.untc);
      expect(t.rows.size + t.unmatched.length, t.file).toBeGreaterThan(100);
    }
    const kaz = dep.tables.find((t) => t.instrument === 'cwc')!.rows.get('KAZ')!;
    expect(kaz).toMatchObject({
      participant: 'Kazakhstan',
      signature: { date: '1993-01-14' },
      consent: { date: '2000-03-23', by: 'ratification' },
    });
  });

  it('parses quoted fields and keeps line and column', () => {
    expect(parseCsv('a,"b, c",d\r\nx,"y ""q""",\n')).toEqual([
      { line: 1, fields: ['a', 'b, c', 'd'], columns: [1, 3, 10] },
      { line: 2, fields: ['x', 'y "q"', ''], columns: [1, 3, 13] },
    ]);
  });

  it('a bad mapping or table stops with file:line:column', () => {
    const dir = scratch();
    const mapping = join(dir, 'map.yaml');
    writeFileSync(mapping, 'recordedOn: 2015-03-14\ntables:\n  - { file: 26-3.csv, untc: XXVI-3, instrument: cwcc }\n');
    expect(() => readDepositary(untc, catalog, mapping)).toThrow(new DepositaryError(`${mapping}:3:49: unknown instrument "cwcc"`));
    writeFileSync(mapping, 'recordedOn: 2015-03-14\ntables:\n  - { file: 26-3.csv, untc: XXVI-4, instrument: cwc }\n');
    expect(() => readDepositary(untc, catalog, mapping)).toThrow(/map\.yaml:3:29: the catalogue records cwc as UNTC XXVI-3/);
    mkdirSync(join(dir, 't'));
    writeFileSync(join(dir, 't', '26-3.csv'), 'Participant,Signature,Ratification\nKazakhstan,14 Jan 1993,23 Mars 2000\n');
    writeFileSync(mapping, 'recordedOn: 2015-03-14\ntables:\n  - { file: 26-3.csv, untc: XXVI-3, instrument: cwc }\n');
    expect(() => readDepositary(join(dir, 't'), catalog, mapping)).toThrow(/26-3\.csv:2:24: cannot read the date "23 Mars 2000"/);
    expect(() => readDepositary(dir, catalog, DEFAULT_MAPPING)).toThrow(/26-3\.csv: cannot read the table/);
  });
});

describe('cross-check', () => {
  it('the published Kazakhstan profile: every mapped row compared, none disagrees', () => {
    const r = check(publishedKazakhstan());
    expect(r.findings).toEqual([]);
    expect(r.check.rows.map((x) => x.instrument).sort()).toEqual(dep.tables.map((t) => t.instrument).sort());
    expect(r.check.rows.every((x) => x.outcome === 'agrees')).toBe(true);
    expect(r.check.recordOlder).toBe(false);
  });

  it('a deliberately wrong date and a status the record contradicts are reported, at their rows', () => {
    const r = check(editProfile(publishedKazakhstan(), DRAFT_CHANGES), 'draft.yaml');
    const byField = Object.fromEntries(r.findings.map((f) => [`${f.instruments[0]}.${f.pointer.split('/').pop()}`, f]));
    expect(Object.keys(byField).sort()).toEqual(['ctbt.status', 'cwc.joined']);
    expect(byField['cwc.joined']).toMatchObject({
      ruleId: 'reference-mismatch',
      category: 'reference',
      severity: 'error',
      file: 'draft.yaml',
      evidence: { 'cwc.joined': '2000-03-24', 'record XXVI-3 consent': '2000-03-23', record: expect.stringMatching(/^26-3\.csv:\d+$/) },
    });
    expect(byField['cwc.joined']!.line).toBeGreaterThan(1);
    expect(byField['ctbt.status']!.message).toContain('records ratification on 2002-05-14');
    expect(r.explanations.get(byField['cwc.joined']!)).toMatchObject({
      kind: 'leaf',
      actual: '2000-03-24',
      compared: '2000-03-23',
      held: true,
    });
  });

  it('a record older than the profile confirms nothing it cannot show, and says so', () => {
    // Albania signed ICSANT in 2005 and had not ratified by March 2015.
    const base: Profile = {
      profile: 1,
      state: { name: 'Albania', iso3: 'ALB' },
      entries: [{ instrument: 'icsant', status: 'State Party' }],
    };
    const later = check(profileOf({ ...base, asOf: '2020-01-01' }));
    expect(later.check.recordOlder).toBe(true);
    expect(later.check.note).toMatch(/older than the profile/);
    expect(later.findings).toEqual([]);
    expect(later.check.rows.find((x) => x.instrument === 'icsant')!.outcome).toBe('unconfirmed');
    const earlier = check(profileOf({ ...base, asOf: '2012-01-01' }));
    expect(earlier.findings.map((f) => f.pointer)).toEqual(['/entries/0/status']);
    const undated = check(profileOf(base));
    expect(undated.check.recordOlder).toBeNull();
    expect(undated.check.note).toMatch(/no as-of date/);
  });

  it("consent after the profile's date is not held against a Signatory row", () => {
    // Kazakhstan ratified ICSANT on 31 Jul 2008: a profile as of 2007 rightly says Signatory.
    const r = check(
      profileOf({
        profile: 1,
        state: { name: 'Kazakhstan', iso3: 'KAZ' },
        asOf: '2007-01-01',
        entries: [{ instrument: 'icsant', status: 'Signatory', signed: '2005-09-16' }],
      }),
    );
    expect(r.findings).toEqual([]);
    const wrong = check(
      profileOf({
        profile: 1,
        state: { name: 'Kazakhstan', iso3: 'KAZ' },
        asOf: '2009-01-01',
        entries: [{ instrument: 'icsant', status: 'Signatory' }],
      }),
    );
    expect(wrong.findings.map((f) => f.message)).toEqual([expect.stringContaining('records ratification on 2008-07-31')]);
  });
});
