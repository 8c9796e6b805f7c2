// A profile written as YAML (what users keep under version control) or JSON.
import { Document, visit, isSeq, isScalar } from 'yaml';
import type { Profile } from '../model/profile.js';

/** Key order a person expects to read, whatever order the data came in. */
const TOP = ['profile', 'state', 'asOf', 'dateOrder', 'sources', 'entries', 'footnotes', 'layout'];
const ENTRY = [
  'instrument',
  'name',
  'status',
  'text',
  'infcirc',
  'agreement',
  'signed',
  'joined',
  'joinedBy',
  'inForce',
  'withdrawn',
  'reports',
  'years',
  'notes',
  'section',
  'group',
  'blankBefore',
  'remark',
];

function ordered<T extends object>(o: T, keys: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o && (o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out) && v !== undefined) out[k] = v;
  return out as T;
}

export function canonical(profile: Profile): Profile {
  const p = ordered(profile, TOP);
  p.entries = profile.entries.map((e) => ordered(e, ENTRY));
  return p;
}

/** YAML with a schema line editors understand (`# yaml-language-server: $schema=…`). */
export function toYaml(profile: Profile, schemaRef?: string): string {
  const doc = new Document(canonical(profile), { version: '1.2' });
  if (schemaRef) doc.commentBefore = ` yaml-language-server: $schema=${schemaRef}`;
  // Lists of numbers (footnote markers, years) read best on one line.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((i) => isScalar(i) && typeof i.value === 'number')) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export function toJson(profile: Profile): string {
  return JSON.stringify(canonical(profile), null, 2) + '\n';
}
