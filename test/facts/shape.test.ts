// Facts are plain objects of one shape per kind: every row, known instrument or not, has the same
// own keys in the same order (one hidden class for all rows of all documents), and no prototype of
// its own.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadFile } from '../../src/load/index.js';
import { buildFacts } from '../../src/facts/index.js';
import type { Profile } from '../../src/model/profile.js';
import { root, seedPath } from '../helpers.js';

const catalog = loadCatalog();

describe('facts', () => {
  const files = [
    ...readdirSync(join(root, 'profiles'))
      .filter((f) => /\.(ya?ml|json|txt)$/.test(f))
      .map((f) => join(root, 'profiles', f)),
    seedPath,
  ];
  const docs = files.map((f) => buildFacts(loadFile(f, catalog).profile as Profile, catalog));
  const unknownRow: Profile = {
    profile: 1,
    state: { name: 'Kazakhstan', iso3: 'KAZ' },
    entries: [
      { instrument: 'cwc', status: 'State Party', notes: [1] },
      { instrument: 'no-such-treaty', status: 'State Party' },
      { name: 'Treaty of Nowhere', status: 'Signatory' } as Profile['entries'][number],
    ],
    footnotes: [{ marker: 1, text: 'A  Note' }],
  };
  docs.push(buildFacts(unknownRow, catalog));

  it('give every item of a kind the same own keys in the same order, on a plain object', () => {
    for (const kind of ['entry', 'report', 'footnote', 'note', 'date'] as const) {
      const items = docs.flatMap((d) => d[kind] as object[]);
      expect(items.length, kind).toBeGreaterThan(0);
      const keys = Object.keys(items[0]!).join();
      for (const item of items) {
        expect(Object.getPrototypeOf(item), kind).toBe(Object.prototype);
        expect(Object.keys(item).join(), kind).toBe(keys);
      }
    }
  });

  it('give every instrument the same keys, and a row its instrument’s keys before its own', () => {
    const instrumentKeys = Object.keys(docs[0]!.base.cwc!).join();
    for (const d of docs) for (const i of catalog.instruments) expect(Object.keys(d.base[i.id]!).join()).toBe(instrumentKeys);
    expect(Object.keys(docs[0]!.entry[0]!).join()).toMatch(new RegExp(`^${instrumentKeys},`));
  });

  it('normalise strings once: a footnote’s text for comparison, a row’s footnote texts', () => {
    const d = docs.at(-1)!;
    expect(d.footnote[0]).toMatchObject({ text: 'A  Note', normalizedText: 'a note' });
    expect(d.entry[0]).toMatchObject({ notes: [1], notesText: 'A  Note' });
    expect(d.entry[1]).toMatchObject({ known: false, notes: [], notesText: '' });
  });
});
