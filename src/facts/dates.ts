// Dates as written (ISO or numeric, as published) and their readings.
import type { DateOrder } from '../model/profile.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMERIC = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO date string if y-m-d is a real calendar date. */
export function isoOf(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? undefined : `${y}-${pad(m)}-${pad(d)}`;
}

/** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (profiles describe 1945 onwards). */
export const fullYear = (y: string) => (y.length === 4 ? Number(y) : Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y));

export const isNumericDate = (text: string) => NUMERIC.test(text);

// Each date of a document is read several times (facts, date order, readings): the readings of the
// last few thousand texts are kept. `null`: the text names no date under that order.
const read = new Map<string, Map<string, string | null>>([
  ['month-first', new Map()],
  ['day-first', new Map()],
]);

/** The date a text names under a day/month order; ISO dates read the same either way. */
export function readDate(text: string, order: DateOrder): string | undefined {
  // A Map, not an object: an order from a program that is not one of the two (`constructor`) is read
  // without the table instead of landing on Object.prototype.
  const known = read.get(order);
  if (!known) return dateOf(text, order);
  let out = known.get(text);
  if (out === undefined) {
    if (known.size >= 4096) known.clear();
    out = dateOf(text, order) ?? null;
    known.set(text, out);
  }
  return out ?? undefined;
}

function dateOf(text: string, order: DateOrder): string | undefined {
  const iso = ISO.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const n = NUMERIC.exec(text);
  if (!n) return undefined;
  const [a, b] = [Number(n[1]), Number(n[2])];
  return order === 'month-first' ? isoOf(fullYear(n[3]!), a, b) : isoOf(fullYear(n[3]!), b, a);
}

export const ORDERS: readonly DateOrder[] = ['month-first', 'day-first'];
