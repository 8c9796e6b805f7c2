// A draft of the bundled Kazakhstan profile with statuses changed the way an editor would: CTBT set
// back to Signatory (the depositary records ratification), the HCoC row corrected, the CNS brought up
// to date, and a CWC ratification date one day off the depositary's record.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { root } from '../helpers.js';

export const scratch = () => mkdtempSync(join(tmpdir(), 'adh-review-'));

export const publishedKazakhstan = () => readFileSync(join(root, 'profiles/kazakhstan.yaml'), 'utf8');

type Row = Record<string, unknown>;

/** The published profile with rows changed by instrument id (null removes the row, a new id appends it). */
export function editProfile(text: string, changes: Record<string, Row | null>): string {
  const doc = parseDocument(text);
  const entries = (doc.toJS() as { entries: Row[] }).entries;
  for (const [id, change] of Object.entries(changes)) {
    const i = entries.findIndex((e) => e.instrument === id);
    if (change === null) doc.deleteIn(['entries', i]);
    else if (i < 0) doc.addIn(['entries'], doc.createNode({ instrument: id, ...change }));
    else for (const [k, v] of Object.entries(change)) v === undefined ? doc.deleteIn(['entries', i, k]) : doc.setIn(['entries', i, k], v);
    if (change === null) entries.splice(i, 1);
  }
  return doc.toString();
}

export const DRAFT_CHANGES: Record<string, Row> = {
  ctbt: { status: 'Signatory', signed: '1996-09-30' },
  cns: { status: 'State Party' },
  cwc: { signed: '1993-01-14', joined: '2000-03-24', joinedBy: 'ratification' },
  hcoc: { name: 'Hague Code of Conduct against Ballistic Missile Proliferation', status: 'Subscribing State' },
};

export function changedKazakhstan(dir: string, name = 'kazakhstan.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, editProfile(publishedKazakhstan(), DRAFT_CHANGES));
  return path;
}
