// The text layout's scanners replaced patterns whose time grew with the square (or worse) of a
// line's length. On short strings, where the old patterns are quick, both must agree exactly.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { looksLikePublishedText, groupHeading, splitRow, yearRanges } from '../../src/load/text.js';
import { stripMarkers } from '../../src/load/markers.js';
import { parseStatusCell, type StatusCell } from '../../src/load/status.js';

// The patterns as they were, kept here as the reference.
const OLD_SNIFF = /^\uFEFF?\s*[^\sa-z][^a-z\t]*\r?\n[\s\S]*?(INTERNATIONAL ORGANIZATIONS|TREATIES\s*&\s*AGREEMENTS)/;
const OLD_GROUP = /^<i>\s*(.*?)\s*:?\s*<\/i>\s*$/i;
const OLD_SPLIT = /\S( {2,})(?=\S)/;
const OLD_YEARS = /\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b/g;
const oldStrip = (t: string) =>
  t
    .replace(/\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
const oldSplit = (line: string) => {
  const m = OLD_SPLIT.exec(line);
  if (!m) return { name: line, cellColumn: 0 };
  const at = m.index + 1;
  return { name: line.slice(0, at), cell: line.slice(at + m[1]!.length), cellColumn: at + m[1]!.length + 1 };
};
const oldYears = (t: string) => [...t.matchAll(OLD_YEARS)].map((m) => [Number(m[1]), m[2] ? Number(m[2]) : Number(m[1])]);

const text = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((a) => a.join(''));
const RUNS = { numRuns: 3000 };

describe('scanners agree with the patterns they replaced', () => {
  it('the first-line sniff of the published layout', () => {
    const pieces = [
      'KAZAKHSTAN',
      'Kaz',
      '\n',
      '\r\n',
      ' ',
      '\t',
      '\uFEFF',
      'INTERNATIONAL ORGANIZATIONS',
      'TREATIES',
      ' & ',
      '&',
      'AGREEMENTS',
      'x',
      '\u00a0',
    ];
    fc.assert(
      fc.property(text(pieces), (s) => {
        expect(looksLikePublishedText(s)).toBe(OLD_SNIFF.test(s));
      }),
      RUNS,
    );
  });

  it('the <i>…</i> sub-heading', () => {
    const pieces = ['<i>', '<I>', '</i>', '</I>', ' ', '\u00a0', ':', '::', 'Nuclear', 'a', '\t'];
    fc.assert(
      fc.property(text(pieces), (s) => {
        const m = OLD_GROUP.exec(s);
        expect(groupHeading(s)).toBe(m ? m[1] : undefined);
      }),
      RUNS,
    );
  });

  it('the row split on two or more spaces', () => {
    const pieces = [' ', '  ', '   ', 'a', 'UN', '\u00a0', '¹', '-'];
    fc.assert(
      fc.property(text(pieces), (s) => {
        expect(splitRow(s)).toEqual(oldSplit(s));
      }),
      RUNS,
    );
  });

  it('marker stripping', () => {
    const pieces = [' ', '\u00a0', '¹', '²³', '⁰', 'a', 'B', '\t', '\n', '-'];
    fc.assert(
      fc.property(text(pieces), (s) => {
        expect(stripMarkers(s)).toBe(oldStrip(s));
      }),
      RUNS,
    );
  });

  it('CBM years in a footnote', () => {
    const pieces = ['1990', '2001', '1899', '19', '2', ' ', '-', '–', ' - ', 'x', '_', '0', ',', '\u00a0'];
    fc.assert(
      fc.property(text(pieces), (s) => {
        expect(yearRanges(s)).toEqual(oldYears(s));
      }),
      RUNS,
    );
  });
});

// The status patterns as they were, with `\s*` and `\s+`, over the same marker-stripped text.
const D = String.raw`(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})`;
const OLD_STATUS = [
  /^yes(?:\s*\(\s*INFCIRC\s*\/?\s*([\w./-]+)\s*\))?$/i,
  new RegExp(`^in force(?:\\s+(?:on\\s+)?${D})?(?:\\s*\\(\\s*INFCIRC\\s*/?\\s*([\\w./-]+)\\s*\\))?$`, 'i'),
  new RegExp(`^signed(?:\\s+(?:on\\s+)?${D})?$`, 'i'),
  new RegExp(`^report submitted(?:\\s+${D})?((?:\\s+add\\.?\\s*\\d+\\s+submitted\\s+\\S+)*)$`, 'i'),
];
const oldCell = (cell: string, words: string[]): StatusCell => {
  const text = oldStrip(cell);
  if (/^-{3,}$/.test(text)) return { status: 'Not a party' };
  let m = OLD_STATUS[0]!.exec(text);
  if (m) return m[1] ? { status: 'In force', infcirc: m[1] } : { status: 'In force' };
  m = OLD_STATUS[1]!.exec(text);
  if (m) return { status: 'In force', ...(m[1] ? { inForce: m[1] } : {}), ...(m[2] ? { infcirc: m[2] } : {}) };
  m = OLD_STATUS[2]!.exec(text);
  if (m && words.includes('Signed')) return m[1] ? { status: 'Signed', signed: m[1] } : { status: 'Signed' };
  m = OLD_STATUS[3]!.exec(text);
  if (m) {
    const reports: { date?: string; addendum?: number }[] = [m[1] ? { date: m[1] } : {}];
    for (const a of (m[2] ?? '').matchAll(/add\.?\s*(\d+)\s+submitted\s+(\S+)/gi)) reports.push({ addendum: Number(a[1]), date: a[2]! });
    return { status: 'Report submitted', reports } as StatusCell;
  }
  return { status: words.find((w) => w.toLowerCase() === text.toLowerCase()) ?? text };
};

describe('status cells read as before', () => {
  it('every pattern, on cells of status words, dates, INFCIRC numbers, addenda, markers and spaces', () => {
    const pieces = [
      'Yes',
      'In force',
      'Signed',
      'Report submitted',
      ' ',
      '  ',
      '\u00a0',
      '(',
      ')',
      'INFCIRC',
      '/',
      '504',
      'on',
      '1/2/03',
      '2003-01-02',
      'Add.',
      'Add',
      '1',
      'submitted',
      '¹',
      '-----',
      'x',
    ];
    const words = ['In force', 'Signed', 'None'];
    fc.assert(
      fc.property(text(pieces), (s) => {
        expect(parseStatusCell(s, 'Not a party', words)).toEqual(oldCell(s, words));
      }),
      RUNS,
    );
  });
});
