// The status cell of a published row: a status word plus structured extras, read and written back.
import type { Entry, Report } from '../model/profile.js';
import { stripMarkers } from './markers.js';

export const ABSENT_TEXT = '-----';

export interface StatusCell {
  status: string;
  infcirc?: string;
  inForce?: string;
  signed?: string;
  reports?: Report[];
}

// The patterns read text from stripMarkers, where whitespace comes as single spaces: so `\s?` and
// `\s` stand where free text would need `\s*` and `\s+`, and no two quantifiers compete for the
// same characters (the time of a match stays linear in the cell's length).
const DATE = String.raw`(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})`;
const YES_INFCIRC = /^yes(?:\s?\(\s?INFCIRC\s?\/?\s?([\w./-]+)\s?\))?$/i;
const IN_FORCE = new RegExp(`^in force(?:\\s(?:on\\s)?${DATE})?(?:\\s?\\(\\s?INFCIRC\\s?/?\\s?([\\w./-]+)\\s?\\))?$`, 'i');
const SIGNED = new RegExp(`^signed(?:\\s(?:on\\s)?${DATE})?$`, 'i');
const REPORT = new RegExp(`^report submitted(?:\\s${DATE})?((?:\\sadd\\.?\\s?\\d+\\ssubmitted\\s\\S+)*)$`, 'i');
const ADDENDUM = /add\.?\s?(\d+)\ssubmitted\s(\S+)/gi;

/**
 * Reads a status cell. `absent` is the word the instrument's kind uses for "not a party / member";
 * `words` are the status words it may take (matched without regard to case).
 */
export function parseStatusCell(cell: string, absent: string, words: readonly string[]): StatusCell {
  const text = stripMarkers(cell);
  if (/^-{3,}$/.test(text)) return { status: absent };
  let m = YES_INFCIRC.exec(text);
  if (m) return m[1] ? { status: 'In force', infcirc: m[1] } : { status: 'In force' };
  m = IN_FORCE.exec(text);
  if (m) return { status: 'In force', ...(m[1] ? { inForce: m[1] } : {}), ...(m[2] ? { infcirc: m[2] } : {}) };
  m = SIGNED.exec(text);
  if (m && words.includes('Signed')) return m[1] ? { status: 'Signed', signed: m[1] } : { status: 'Signed' };
  m = REPORT.exec(text);
  if (m) {
    const reports: Report[] = [m[1] ? { date: m[1] } : {}];
    for (const a of (m[2] ?? '').matchAll(ADDENDUM)) reports.push({ addendum: Number(a[1]), date: a[2]! });
    return { status: 'Report submitted', reports };
  }
  const word = words.find((w) => w.toLowerCase() === text.toLowerCase());
  return { status: word ?? text };
}

/** The status cell as this project writes it for an entry (without footnote markers). */
export function renderStatusCell(e: Entry, absent: string): string {
  if (e.status === absent) return ABSENT_TEXT;
  switch (e.status) {
    case 'In force':
      if (e.inForce) return `In force ${e.inForce}` + (e.infcirc ? ` (INFCIRC/${e.infcirc})` : '');
      return e.infcirc ? `Yes (INFCIRC/${e.infcirc})` : 'Yes';
    case 'Signed':
      return e.signed ? `Signed ${e.signed}` : 'Signed';
    case 'Report submitted': {
      const [first, ...adds] = e.reports ?? [];
      let s = first?.date ? `Report submitted ${first.date}` : 'Report submitted';
      for (const a of adds) s += ` Add. ${a.addendum ?? ''} submitted ${a.date ?? ''}`;
      return s;
    }
    default:
      return e.status;
  }
}

/** Whether a cell as written still says what the entry says (so it may be printed verbatim). */
export function cellAgrees(cell: string, e: Entry, absent: string, words: readonly string[]): boolean {
  const c = parseStatusCell(cell, absent, words);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (
    c.status === e.status &&
    same(c.infcirc, e.infcirc) &&
    (c.inForce === undefined || c.inForce === e.inForce) &&
    (c.signed === undefined || c.signed === e.signed) &&
    same(c.reports, e.reports)
  );
}
