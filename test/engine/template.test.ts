// Messages read as a person would write them: the article fits the word, and a parenthesis that would
// hold nothing or repeat what precedes it is left out.
import { describe, it, expect } from 'vitest';
import { fill } from '../../src/engine/template.js';

describe('message templates', () => {
  it('"an" before a vowel, "a" otherwise', () => {
    const t = 'not a status a {entry.kindName} takes';
    expect(fill(t, { entry: { kindName: 'export control regime' } })).toBe('not a status an export control regime takes');
    expect(fill(t, { entry: { kindName: 'organization' } })).toBe('not a status an organization takes');
    expect(fill(t, { entry: { kindName: 'treaty' } })).toBe('not a status a treaty takes');
    expect(fill('{x} and a {y}', { x: 'area', y: 'item' })).toBe('area and an item'); // only an article before a value
  });

  it('a parenthesised value that is missing or repeats the text before it is left out', () => {
    const t = '{date.text} ({date.date}) is later';
    expect(fill(t, { date: { text: '2016-10-29', date: '2016-10-29' } })).toBe('2016-10-29 is later');
    expect(fill(t, { date: { text: '10/29/16', date: '2016-10-29' } })).toBe('10/29/16 (2016-10-29) is later');
    expect(fill('before it ({s.inForceDate}).', { s: { inForceDate: null } })).toBe('before it.');
    expect(fill('before it ({s.inForceDate}).', { s: {} })).toBe('before it.');
    // elsewhere a missing value still shows as a dash
    expect(fill('entry into force: {t.date}', { t: {} })).toBe('entry into force: —');
  });
});
