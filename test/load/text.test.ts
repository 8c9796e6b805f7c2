import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { parsePublishedText, renderPublishedText, loadText } from '../../src/load/index.js';
import { toYaml } from '../../src/load/serialize.js';
import { seedText, root } from '../helpers.js';

const catalog = loadCatalog();
const roundTrip = (text: string) => renderPublishedText(parsePublishedText(text, catalog).profile!, catalog);

describe('published text layout', () => {
  it('reads the seed: every row is a known instrument, in its section', () => {
    const { profile, problems } = parsePublishedText(seedText(), catalog);
    expect(problems).toEqual([]);
    expect(profile!.state).toEqual({ name: 'Kazakhstan', iso3: 'KAZ' });
    expect(profile!.entries).toHaveLength(40);
    expect(profile!.entries.every((e) => e.instrument)).toBe(true);
    expect(profile!.footnotes!.map((f) => f.marker)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(profile!.footnotes![0]!.text).toContain('**Status**');
  });

  it('keeps the structured extras of the status cells', () => {
    const e = parsePublishedText(seedText(), catalog).profile!.entries;
    const by = (id: string) => e.find((x) => x.instrument === id)!;
    expect(by('iaea-safeguards')).toMatchObject({ status: 'In force', infcirc: '504', text: 'Yes (INFCIRC 504)' });
    expect(by('iaea-additional-protocol')).toMatchObject({ status: 'In force', inForce: '1/2/07' });
    expect(by('unscr-1540').reports).toEqual([{ date: '11/03/04' }, { addendum: 1, date: '12/07/05' }]);
    expect(by('btwc-cbm')).toMatchObject({ status: 'Submitted', notes: [3, 4], years: [1987, 1988, 1989, 1990, 1991, 2008] });
    expect(by('opcw').notes).toEqual([2]);
    expect(by('ptbt').status).toBe('Not a party');
    expect(by('australia-group').status).toBe('Not a member');
    expect(by('canwfz').name).toBe('Central Asia Nuclear-Weapon-Free-Zone (CANWZ)');
  });

  it('prints the seed back byte for byte', () => {
    expect(roundTrip(seedText())).toBe(seedText());
  });

  it('prints the bundled profile as the seed, byte for byte', async () => {
    const text = readFileSync(join(root, 'profiles/kazakhstan.yaml'), 'utf8');
    const loaded = loadText(text, 'kazakhstan.yaml', catalog);
    expect(loaded.problems).toEqual([]);
    expect(renderPublishedText(loaded.profile!, catalog)).toBe(seedText());
  });

  it('keeps CRLF, a byte-order mark and a final newline', () => {
    const crlf = '\uFEFF' + seedText().replace(/\n/g, '\r\n') + '\r\n';
    expect(roundTrip(crlf)).toBe(crlf);
  });

  it('tolerates runs of spaces in place of the tab, and prints a tab', () => {
    const spaced = seedText().replace('United Nations (UN)\tMember', 'United Nations (UN)    Member');
    const { profile, problems } = parsePublishedText(spaced, catalog);
    expect(problems).toEqual([]);
    expect(profile!.entries[0]).toMatchObject({ instrument: 'un', status: 'Member' });
  });

  it('reads two-digit footnote markers on names and statuses', () => {
    const text =
      seedText().replace('Geneva Protocol\t-----', 'Geneva Protocol¹²\tSignatory ¹³') + '\n\n¹² Note twelve.\n\n¹³ Note thirteen.';
    const { profile } = parsePublishedText(text, catalog);
    const gp = profile!.entries.find((e) => e.instrument === 'geneva-protocol')!;
    expect(gp).toMatchObject({ status: 'Signatory', notes: [12, 13] });
    expect(profile!.footnotes!.slice(-2)).toEqual([
      { marker: 12, text: 'Note twelve.' },
      { marker: 13, text: 'Note thirteen.' },
    ]);
    expect(roundTrip(text)).toBe(text);
  });

  it('keeps a blank line inside a section (a page break) without ending the section', () => {
    const { profile } = parsePublishedText(seedText(), catalog);
    const airport = profile!.entries.find((e) => e.instrument === 'airport-protocol')!;
    expect(airport.blankBefore).toBe(1);
    expect(airport.section).toBeUndefined(); // still in the terrorism section, as the catalogue places it
  });

  it('reports a row without a status, with its line, and keeps the row', () => {
    const text = seedText().replace('Geneva Protocol\t-----', 'Geneva Protocol');
    const { profile, problems } = parsePublishedText(text, catalog);
    const line = text.split('\n').indexOf('Geneva Protocol') + 1;
    expect(problems).toEqual([expect.objectContaining({ line, message: expect.stringContaining('no status') })]);
    expect(profile!.entries.some((e) => e.instrument === 'geneva-protocol')).toBe(true);
  });

  it('prints an edited status from the data, not the stale published text', () => {
    const { profile } = parsePublishedText(seedText(), catalog);
    const ap = profile!.entries.find((e) => e.instrument === 'iaea-additional-protocol')!;
    ap.inForce = '5/9/07';
    const sg = profile!.entries.find((e) => e.instrument === 'iaea-safeguards')!;
    sg.status = 'Signed';
    const out = renderPublishedText(profile!, catalog);
    expect(out).toContain('IAEA Additional Protocol\tIn force 5/9/07');
    expect(out).toContain('IAEA Safeguards Agreement\tSigned');
  });

  it('writes YAML that reads back to the same profile', () => {
    const { profile } = parsePublishedText(seedText(), catalog);
    const yaml = toYaml(profile!, 'schemas/profile.schema.json');
    expect(yaml.startsWith('# yaml-language-server: $schema=schemas/profile.schema.json')).toBe(true);
    const back = loadText(yaml, 'x.yaml', catalog);
    expect(back.problems).toEqual([]);
    expect(back.profile).toEqual(profile);
  });
});
