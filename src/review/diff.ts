// Row-by-row differences between two versions of one state's profile. Rows are matched by instrument
// (by their label when a row names no known instrument; the n-th duplicate with the n-th), so a row
// that moved is not a change, and "CTBT: Signatory → State Party" reads as one.
import type { Catalog } from '../catalog/index.js';
import type { Entry, Profile } from '../model/profile.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

export interface RowChange {
  kind: ChangeKind;
  /** Catalogue id, or the row label for an unknown row; "asOf", "footnote 3" for profile-level rows. */
  key: string;
  /** Readable label: the catalogue's short name, else the row's own label. */
  label: string;
  /** The row's cell as a reader sees it, before and after ("Signatory", "State Party (joined 2002-05-14)"). */
  before?: string;
  after?: string;
  fields: FieldChange[];
  /** JSON pointer of the row in the draft (or in the published version, for a removed row). */
  pointer: string;
}

const ENTRY_FIELDS = [
  'status',
  'text',
  'signed',
  'joined',
  'joinedBy',
  'inForce',
  'withdrawn',
  'infcirc',
  'agreement',
  'reports',
  'years',
  'notes',
  'name',
] as const;

const show = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    return v
      .map((x) =>
        x && typeof x === 'object'
          ? Object.entries(x)
              .map(([k, y]) => `${k} ${String(y)}`)
              .join(' ')
          : String(x),
      )
      .join('; ');
  }
  return String(v);
};

/** A row's cell in words: the status, and its dates and numbers after it. */
export function cellOf(e: Entry): string {
  const extras: string[] = [];
  if (e.infcirc) extras.push(`INFCIRC/${e.infcirc}`);
  if (e.signed) extras.push(`signed ${e.signed}`);
  if (e.joined) extras.push(`${e.joinedBy ?? 'joined'} ${e.joined}`);
  if (e.inForce) extras.push(`in force ${e.inForce}`);
  if (e.withdrawn) extras.push(`withdrawn ${e.withdrawn}`);
  if (e.reports?.length)
    extras.push(e.reports.map((r) => (r.addendum ? `add. ${r.addendum} ${r.date ?? ''}` : `report ${r.date ?? ''}`).trim()).join(', '));
  if (e.years?.length) extras.push(`years ${e.years.join(', ')}`);
  return extras.length ? `${e.status} (${extras.join('; ')})` : e.status;
}

const rowKey = (e: Entry) => e.instrument ?? `name:${(e.name ?? '').trim()}`;

function keyed(entries: Entry[]): Map<string, { entry: Entry; index: number }> {
  const out = new Map<string, { entry: Entry; index: number }>();
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const k = rowKey(entry);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k}#${n}`, { entry, index });
  });
  return out;
}

function labelOf(e: Entry, catalog: Catalog): string {
  const inst = e.instrument ? catalog.instrument(e.instrument) : undefined;
  return inst?.short ?? inst?.label ?? e.name ?? e.instrument ?? '(unnamed row)';
}

const asOfText = (p: Profile): string | undefined => {
  const a = p.asOf;
  if (a === undefined) return undefined;
  if (typeof a === 'string') return a;
  return a.from && a.to ? `${a.from} – ${a.to}` : a.from ? `from ${a.from}` : a.to ? `until ${a.to}` : undefined;
};

/** What changed from `before` (published) to `after` (draft); either may be absent (a new or dropped profile). */
export function diffProfiles(before: Profile | undefined, after: Profile | undefined, catalog: Catalog): RowChange[] {
  const changes: RowChange[] = [];
  const b = keyed(before?.entries ?? []);
  const a = keyed(after?.entries ?? []);
  const scalar = (key: string, label: string, x: string | undefined, y: string | undefined, pointer: string) => {
    if (x === y) return;
    const kind: ChangeKind = x === undefined ? 'added' : y === undefined ? 'removed' : 'changed';
    changes.push({
      kind,
      key,
      label,
      ...(x !== undefined ? { before: x } : {}),
      ...(y !== undefined ? { after: y } : {}),
      fields: [{ field: key, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) }],
      pointer,
    });
  };
  if (before && after) {
    scalar('state', 'State', before.state.name, after.state.name, '/state/name');
    scalar('asOf', 'As of', asOfText(before), asOfText(after), '/asOf');
  }
  // Draft order first (the reader follows the draft), then rows only the published version had.
  for (const [k, { entry, index }] of a) {
    const old = b.get(k);
    const pointer = `/entries/${index}`;
    if (!old) {
      changes.push({ kind: 'added', key: k, label: labelOf(entry, catalog), after: cellOf(entry), fields: [], pointer });
      continue;
    }
    const fields: FieldChange[] = [];
    for (const f of ENTRY_FIELDS) {
      const x = show(old.entry[f]);
      const y = show(entry[f]);
      if (x !== y) fields.push({ field: f, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) });
    }
    if (fields.length)
      changes.push({
        kind: 'changed',
        key: k,
        label: labelOf(entry, catalog),
        before: cellOf(old.entry),
        after: cellOf(entry),
        fields,
        pointer,
      });
  }
  for (const [k, { entry, index }] of b) {
    if (!a.has(k))
      changes.push({
        kind: 'removed',
        key: k,
        label: labelOf(entry, catalog),
        before: cellOf(entry),
        fields: [],
        pointer: `/entries/${index}`,
      });
  }
  const notes = (p: Profile | undefined) => new Map((p?.footnotes ?? []).map((f, i) => [f.marker, { text: f.text, i }]));
  const nb = notes(before);
  const na = notes(after);
  for (const m of [...new Set([...na.keys(), ...nb.keys()])].sort((x, y) => x - y)) {
    const i = na.get(m)?.i ?? nb.get(m)!.i;
    scalar(`footnote ${m}`, `Footnote ${m}`, nb.get(m)?.text, na.get(m)?.text, `/footnotes/${i}`);
  }
  return changes;
}
