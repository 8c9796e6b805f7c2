// Days since 1970-01-01 and how a generated profile writes them (ISO, or numeric in its day/month order).
import type { DateOrder } from '../model/profile.js';

const MS = 86_400_000;

export const day = (iso: string): number =>
  Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS);

export function iso(d: number): string {
  return new Date(d * MS).toISOString().slice(0, 10);
}

/** How a generated profile writes dates: ISO, or numeric in one day/month order. */
export type DateStyle = { kind: 'iso' } | { kind: 'numeric'; order: DateOrder; pad: boolean };

/**
 * Writes a day in a style. Numeric dates use two-digit years only where they read back the same
 * (1950–2049, see facts/dates.ts); other years get four digits.
 */
export function writeDate(d: number, style: DateStyle): string {
  const s = iso(d);
  if (style.kind === 'iso') return s;
  const [y, m, dd] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  const p = (n: number) => (style.pad ? String(n).padStart(2, '0') : String(n));
  const year = y >= 1950 && y <= 2049 ? String(y % 100).padStart(2, '0') : String(y);
  return style.order === 'month-first' ? `${p(m)}/${p(dd)}/${year}` : `${p(dd)}/${p(m)}/${year}`;
}

/** A point `frac` (0…999) of the way from `lo` to `hi` (both included). */
export const between = (lo: number, hi: number, frac: number): number => (hi <= lo ? lo : lo + Math.floor(((hi - lo + 1) * frac) / 1000));
