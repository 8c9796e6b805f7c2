// Which day/month order a document's numeric dates follow: declared, or inferred from constraints
// that no real document breaks (a report is not older than its resolution; addenda follow their report).
import type { Catalog } from '../catalog/index.js';
import type { DateOrder, Profile } from '../model/profile.js';
import { readDate, isNumericDate, ORDERS } from './dates.js';

export type OrderHow = 'declared' | 'inferred' | 'unneeded' | 'ambiguous' | 'impossible';

export interface DateOrderResult {
  order?: DateOrder;
  how: OrderHow;
  /** Why: the constraint that ruled an order out, or why none could be chosen. */
  reason: string;
  /** Inferred: the date whose constraint ruled the other order out. */
  pointer?: string;
}

interface Reading {
  order: DateOrder;
  /** Constraints this order breaks, by key (the same constraint has the same key under both orders): why, and the date's pointer. */
  violations: Map<string, { why: string; pointer: string }>;
}

/** The latest adoption date of the resolutions an instrument's reports answer. */
export function adoptionOf(catalog: Catalog, id: string | undefined): string | undefined {
  const inst = id ? catalog.instrument(id) : undefined;
  const dates = [inst?.adopted?.date, ...(inst?.adoptedAlso ?? []).map((a) => a.date)].filter((d): d is string => !!d);
  return dates.sort().at(-1);
}

function check(profile: Profile, catalog: Catalog, order: DateOrder): Reading {
  const violations: Reading['violations'] = new Map();
  profile.entries.forEach((e, i) => {
    for (const key of ['signed', 'joined', 'inForce', 'withdrawn'] as const) {
      const t = e[key];
      if (t && isNumericDate(t) && !readDate(t, order))
        violations.set(`${i}/${key}`, { why: `${t} is no date`, pointer: `/entries/${i}/${key}` });
    }
    const adopted = adoptionOf(catalog, e.instrument);
    let prev: string | undefined;
    (e.reports ?? []).forEach((r, k) => {
      if (!r.date) return;
      const d = readDate(r.date, order);
      const pointer = `/entries/${i}/reports/${k}/date`;
      if (!d) violations.set(`${i}/${k}/date`, { why: `${r.date} is no date`, pointer });
      else if (adopted && d < adopted)
        violations.set(`${i}/${k}/adopted`, { why: `a report dated ${r.date} would precede the resolution (${adopted})`, pointer });
      else if (prev && d < prev)
        violations.set(`${i}/${k}/order`, { why: `addendum dated ${r.date} would precede the report before it`, pointer });
      if (d) prev = d;
    });
  });
  return { order, violations };
}

/** Drops the constraints both orders break: a violation under every reading is certain, and tells nothing about the order. */
function discriminating(a: Reading, b: Reading): [Reading, Reading] {
  const only = (x: Reading, y: Reading): Reading => ({
    order: x.order,
    violations: new Map([...x.violations].filter(([k]) => !y.violations.has(k))),
  });
  return [only(a, b), only(b, a)];
}

function numericDates(profile: Profile): string[] {
  const out: string[] = [];
  for (const e of profile.entries) {
    for (const t of [e.signed, e.joined, e.inForce, e.withdrawn, ...(e.reports ?? []).map((r) => r.date)])
      if (t && isNumericDate(t)) out.push(t);
  }
  return out;
}

export function resolveDateOrder(profile: Profile, catalog: Catalog, fallback?: DateOrder): DateOrderResult {
  if (profile.dateOrder) return { order: profile.dateOrder, how: 'declared', reason: 'declared in the profile' };
  if (fallback) return { order: fallback, how: 'declared', reason: 'given on the command line' };
  const numeric = numericDates(profile);
  if (numeric.every((t) => readDate(t, 'month-first') === readDate(t, 'day-first'))) {
    return { how: 'unneeded', reason: 'no date reads differently in either order' };
  }
  const readings = discriminating(check(profile, catalog, ORDERS[0]!), check(profile, catalog, ORDERS[1]!));
  const first = (r: Reading) => [...r.violations.values()][0]?.why;
  const viable = readings.filter((r) => r.violations.size === 0);
  if (viable.length === 1) {
    const other = readings.find((r) => r !== viable[0])!;
    const pointer = [...other.violations.values()][0]!.pointer;
    return { order: viable[0]!.order, how: 'inferred', reason: `read ${other.order}, ${first(other)}`, pointer };
  }
  if (viable.length === 2) return { how: 'ambiguous', reason: 'no constraint tells the two orders apart' };
  const [a, b] = readings as [Reading, Reading];
  if (a.violations.size !== b.violations.size) {
    const best = a.violations.size < b.violations.size ? a : b;
    return { order: best.order, how: 'impossible', reason: `each order breaks a constraint; read ${best.order}, where ${first(best)}` };
  }
  return { how: 'impossible', reason: `each order breaks a constraint (${first(a)}; ${first(b)})` };
}
