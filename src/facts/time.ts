// Time in the facts: what held on the profile's as-of date. A profile gives a date or a window (or
// nothing, and then its own latest date is the earliest it can describe), so every answer about "then"
// is one of three: yes, no, or unknown — and a rule that needs it says so rather than guess.
import type { Period } from '../catalog/index.js';

/** Yes, no, or not decidable from the dates the profile gives. */
export type Tri = 'yes' | 'no' | 'unknown';

/** The dates a profile may describe: from `earliest` to `latest` (either may be unknown). */
export interface AsOf {
  earliest: string | null;
  latest: string | null;
}

// Periods are added to the catalogue's own dates for every document (grace periods from entry into
// force): the answers are kept, a bounded number of them.
const added = new Map<string, string>();

/** An ISO date moved by whole months (clamped to the month's end) and days. */
export function addPeriod(iso: string, p: Pick<Period, 'days' | 'months'>): string {
  const key = `${iso}|${p.months ?? 0}|${p.days ?? 0}`;
  let out = added.get(key);
  if (out === undefined) {
    if (added.size >= 4096) added.clear();
    out = movedBy(iso, p);
    added.set(key, out);
  }
  return out;
}

function movedBy(iso: string, p: Pick<Period, 'days' | 'months'>): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const months = m - 1 + (p.months ?? 0);
  const year = y + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const t = Date.UTC(year, month, Math.min(d, last)) + (p.days ?? 0) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** Had `date` come by the as-of date? Unknown when the as-of window straddles it or is not given. */
export function reached(date: string | null, asOf: AsOf): Tri {
  if (!date) return 'unknown';
  if (asOf.earliest && asOf.earliest >= date) return 'yes';
  if (asOf.latest && asOf.latest < date) return 'no';
  return 'unknown';
}

/** Was the instrument itself in force on the as-of date? */
export function inForceThen(entryIntoForce: string | null, notInForce: boolean, asOf: AsOf): Tri {
  return notInForce ? 'no' : reached(entryIntoForce, asOf);
}

/**
 * The earliest date a treaty can have been in force for the state: its own in-force date when given,
 * else its consent plus the treaty's lag, never before the treaty's own entry into force.
 */
export function ownInForce(
  inForceDate: string | null,
  joinedDate: string | null,
  entryIntoForce: string | null,
  lag: Period | undefined,
): string | null {
  if (inForceDate) return inForceDate;
  if (!joinedDate) return null;
  return later(lag ? addPeriod(joinedDate, lag) : joinedDate, entryIntoForce);
}

/**
 * When a period to bring safeguards into force ends. `from: state` counts its days from the state's
 * own entry into force (Tlatelolco: talks within 180 days of the deposit); otherwise they run from the
 * treaty's entry into force, and a later joiner starts on its own date (NPT Art. III(4)). The months
 * follow. `earliest` is the soonest it can end when the state's own date is not given.
 */
export function graceEnd(
  own: string | null,
  entryIntoForce: string | null,
  grace: Period,
): { end: string | null; earliest: string | null } {
  const days = { days: grace.days ?? 0 };
  const months = { months: grace.months ?? 0 };
  const fromState = grace.from === 'state';
  const treatyStart = entryIntoForce ? addPeriod(entryIntoForce, fromState ? { days: 0 } : days) : null;
  const start = own ? later(fromState ? addPeriod(own, days) : own, treatyStart) : null;
  const soonest = treatyStart && fromState ? addPeriod(treatyStart, days) : treatyStart;
  return { end: start ? addPeriod(start, months) : null, earliest: soonest ? addPeriod(soonest, months) : null };
}

/** Was the period over on the as-of date ("yes": the obligation was due)? */
export function graceOver(g: { end: string | null; earliest: string | null }, asOf: AsOf): Tri {
  if (g.end) {
    if (asOf.earliest && asOf.earliest > g.end) return 'yes';
    if (asOf.latest && asOf.latest <= g.end) return 'no';
    return 'unknown';
  }
  // The state's own date is not given: the period cannot have ended before its earliest end.
  if (g.earliest && asOf.latest && asOf.latest <= g.earliest) return 'no';
  return 'unknown';
}
