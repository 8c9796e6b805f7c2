// A rule's examples as profiles: a base (the bundled Kazakhstan profile, the published seed, or a
// bare state) with rows changed. Used by the test suite (every example of every rule) and by docs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { loadText } from '../load/index.js';
import type { Loaded } from '../load/types.js';
import type { Entry, Profile } from '../model/profile.js';
import { packageRoot } from '../paths.js';
import type { ExpectedFinding, RuleExample } from './types.js';

// The examples' own data lives with the rules: the seed is the published text the rules were written against.
const BASES: Record<string, string> = {
  kazakhstan: 'profiles/kazakhstan.yaml',
  seed: 'rules/examples/kazakhstan-profile.txt',
};

const baseCache = new Map<string, Profile>();

function base(name: string, catalog: Catalog): Profile {
  if (name === 'minimal') return { profile: 1, state: { name: 'Kazakhstan', iso3: 'KAZ' }, entries: [] };
  let p = baseCache.get(name);
  if (!p) {
    const file = BASES[name]!;
    p = loadText(readFileSync(join(packageRoot, file), 'utf8'), file, catalog).profile!;
    baseCache.set(name, p);
  }
  return structuredClone(p);
}

const merge = (target: Record<string, unknown>, patch: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else target[k] = v;
  }
};

/** The profile an example describes, as data (an example given as published text has none). */
export function exampleProfile(ex: RuleExample, catalog: Catalog): Profile {
  const p = base(ex.base ?? 'kazakhstan', catalog);
  if (ex.state) p.state = ex.state as Profile['state'];
  for (const [id, change] of Object.entries(ex.set ?? {})) {
    const i = p.entries.findIndex((e) => e.instrument === id);
    if (change === null) {
      if (i >= 0) p.entries.splice(i, 1);
    } else if (i >= 0) {
      const e = p.entries[i]!;
      // A changed status makes the published wording stale: drop it unless the example gives one.
      if ('status' in change && !('text' in change)) delete e.text;
      merge(e as unknown as Record<string, unknown>, change);
    } else {
      p.entries.push({ instrument: id, ...(change as object) } as Entry);
    }
  }
  if (ex.profile) merge(p as unknown as Record<string, unknown>, ex.profile);
  return p;
}

/** The text of an example's document: its published text, or its profile as JSON. */
export function exampleText(ex: RuleExample, catalog: Catalog): { text: string; path: string } {
  if (ex.text !== undefined) return { text: ex.text, path: 'example.txt' };
  return { text: JSON.stringify(exampleProfile(ex, catalog), null, 2), path: 'example.json' };
}

/** The profile an example describes, loaded as a file would be (positions included). */
export function exampleDocument(ex: RuleExample, catalog: Catalog): Loaded {
  const { text, path } = exampleText(ex, catalog);
  return loadText(text, path, catalog);
}

/** What an invalid example's profile must be after the rule's fix: its `fixed` rows and keys changed, as written. */
export function exampleFixed(ex: RuleExample, catalog: Catalog): Profile | undefined {
  if (!ex.fixed || ex.text !== undefined) return undefined;
  const p = exampleProfile(ex, catalog);
  for (const [id, change] of Object.entries(ex.fixed.set ?? {})) {
    const e = p.entries.find((x) => x.instrument === id);
    if (e && change) merge(e as unknown as Record<string, unknown>, change);
  }
  if (ex.fixed.profile) merge(p as unknown as Record<string, unknown>, ex.fixed.profile);
  return p;
}

/**
 * The pointer an expected finding names, in the profile the example checks: its row found by
 * instrument id (or name), so that the expectation follows the row wherever the profile puts it.
 * Throws when the example names a row its profile does not have.
 */
export function expectedPointer(want: ExpectedFinding, profile: Profile): string | undefined {
  if (want.row === undefined) return want.pointer;
  const nth = want.nth ?? 1;
  let seen = 0;
  const i = profile.entries.findIndex((e) => (e.instrument ?? e.name) === want.row && ++seen === nth);
  if (i < 0) throw new Error(`the example names row "${want.row}"${nth > 1 ? ` (number ${nth})` : ''}, which its profile does not have`);
  return `/entries/${i}${want.at ? `/${want.at}` : ''}`;
}
