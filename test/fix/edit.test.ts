// Edits applied to a document's text: only what they change changes, in each format's own style.
import { describe, it, expect } from 'vitest';
import { applyToText } from '../../src/fix/index.js';
import { overlaps, touched } from '../../src/fix/edit.js';
import { loadCatalog } from '../../src/catalog/index.js';

const catalog = loadCatalog();
const set = (pointer: string, value: unknown) => ({ op: 'set' as const, pointer, value });
const remove = (pointer: string) => ({ op: 'remove' as const, pointer });

describe('applyToText', () => {
  const yaml = [
    '# a profile kept by hand',
    'profile: 1',
    "state: { name: Kazakhstan, iso3: 'KAZ' }   # flow style, single quotes",
    'entries:',
    '  - instrument: hcoc',
    '    name: "Hague Code of Conduct against Ballistic Missile"   # as published',
    '    status: "State Party"',
    '  - instrument: psi',
    '    status: Participant',
    '',
  ].join('\n');

  it('YAML: comments, flow style, quoting and the other lines stay as they were', () => {
    const out = applyToText(yaml, 'yaml', [set('/entries/0/status', 'Subscribing State'), remove('/entries/0/name')], catalog);
    expect(out).toBe(
      yaml
        .replace('    name: "Hague Code of Conduct against Ballistic Missile"   # as published\n', '')
        .replace('"State Party"', '"Subscribing State"'),
    );
  });

  it('YAML with CRLF line endings and a byte-order mark keeps both', () => {
    const text = '\uFEFF' + yaml.replace(/\n/g, '\r\n');
    const out = applyToText(text, 'yaml', [set('/entries/1/status', 'Endorsing State')], catalog);
    expect(out).toBe(text.replace('status: Participant', 'status: Endorsing State'));
  });

  it('YAML: a new key goes at the end of its mapping', () => {
    const out = applyToText(yaml, 'yaml', [set('/dateOrder', 'month-first')], catalog);
    expect(out).toBe(yaml + 'dateOrder: month-first\n');
  });

  it('JSON keeps its indentation and its missing final newline', () => {
    const json = JSON.stringify(
      { profile: 1, state: { name: 'Kazakhstan' }, entries: [{ instrument: 'hcoc', status: 'State Party', notes: [6, 7] }] },
      null,
      4,
    );
    const out = applyToText(json, 'json', [set('/entries/0/notes/0', 5), remove('/entries/0/notes/1')], catalog);
    expect(out).toBe(json.replace('6,\n                7', '5'));
    expect(out.endsWith('}')).toBe(true);
  });

  it('changes nothing when the edits change nothing', () => {
    expect(applyToText(yaml, 'yaml', [set('/entries/1/status', 'Participant')], catalog)).toBe(yaml);
  });
});

describe('overlap of edits', () => {
  it('removing a list item touches the whole list; setting a field touches that field', () => {
    expect(touched(remove('/footnotes/5'))).toEqual(['footnotes']);
    expect(touched(set('/footnotes/6/marker', 6))).toEqual(['footnotes', '6', 'marker']);
    expect(overlaps(touched(remove('/footnotes/5')), touched(set('/footnotes/6/marker', 6)))).toBe(true);
    expect(overlaps(touched(set('/entries/6/status', 'Ratified')), touched(remove('/entries/6/name')))).toBe(false);
    expect(overlaps(touched(set('/entries/18/status', 'x')), touched(set('/entries/18/status', 'y')))).toBe(true);
  });
});
