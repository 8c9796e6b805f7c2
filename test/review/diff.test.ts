import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Profile } from '../../src/model/profile.js';
import { diffProfiles } from '../../src/review/diff.js';

const catalog = loadCatalog();
const base: Profile = {
  profile: 1,
  state: { name: 'Kazakhstan', iso3: 'KAZ' },
  asOf: '2010-01-01',
  entries: [
    { instrument: 'ctbt', status: 'Signatory' },
    { instrument: 'cwc', status: 'State Party' },
    { name: 'Some regional arrangement', status: 'Member' },
    { instrument: 'ptbt', status: 'Not a party' },
  ],
  footnotes: [{ marker: 1, text: 'One.' }],
};

describe('diffProfiles', () => {
  it('reads "CTBT: Signatory → State Party"; rows that only moved are not changes', () => {
    const after = structuredClone(base);
    after.entries = [
      after.entries[1]!,
      { instrument: 'ctbt', status: 'State Party', joined: '2002-05-14' },
      after.entries[2]!,
      after.entries[3]!,
    ];
    expect(diffProfiles(base, after, catalog)).toEqual([
      {
        kind: 'changed',
        key: 'ctbt',
        label: 'CTBT',
        before: 'Signatory',
        after: 'State Party (joined 2002-05-14)',
        pointer: '/entries/1',
        fields: [
          { field: 'status', before: 'Signatory', after: 'State Party' },
          { field: 'joined', after: '2002-05-14' },
        ],
      },
    ]);
  });

  it('added, removed, unknown rows by label, the as-of date and footnotes', () => {
    const after = structuredClone(base);
    after.asOf = '2011-01-01';
    after.entries.splice(3, 1);
    after.entries.push({ instrument: 'tpnw', status: 'Signatory' });
    after.entries[2]!.status = 'Not a member';
    after.footnotes = [
      { marker: 1, text: 'One, amended.' },
      { marker: 2, text: 'Two.' },
    ];
    const d = diffProfiles(base, after, catalog);
    expect(d.map((c) => [c.kind, c.label, c.before ?? null, c.after ?? null])).toEqual([
      ['changed', 'As of', '2010-01-01', '2011-01-01'],
      ['changed', 'Some regional arrangement', 'Member', 'Not a member'],
      ['added', 'TPNW', null, 'Signatory'],
      ['removed', 'PTBT', 'Not a party', null],
      ['changed', 'Footnote 1', 'One.', 'One, amended.'],
      ['added', 'Footnote 2', null, 'Two.'],
    ]);
  });

  it('a profile with no published version: every row is added; identical versions: nothing', () => {
    expect(diffProfiles(undefined, base, catalog).filter((c) => c.kind === 'added')).toHaveLength(base.entries.length + 1);
    expect(diffProfiles(base, structuredClone(base), catalog)).toEqual([]);
  });

  it('duplicate rows are matched in order', () => {
    const dup: Profile = {
      ...base,
      entries: [
        { instrument: 'cwc', status: 'State Party' },
        { instrument: 'cwc', status: 'Signatory' },
      ],
    };
    const after = structuredClone(dup);
    after.entries[1]!.status = 'Not a party';
    expect(diffProfiles(dup, after, catalog).map((c) => [c.key, c.before, c.after])).toEqual([['cwc#2', 'Signatory', 'Not a party']]);
  });
});
