// The prebuilt data is used only while its sources are unchanged: a stamp (size, mtime, hash) taken
// at build time decides, with one `stat` while the mtime holds and the hash when only it moved.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, utimesSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stampOf, unchanged, validatorFile, type Part } from '../../src/prebuilt.js';
import { PREBUILT_FILE } from '../../src/prebuilt.js';

const scratch = () => {
  const f = join(mkdtempSync(join(tmpdir(), 'adherence-stamp-')), 'rule.yaml');
  writeFileSync(f, 'id: one\n');
  return f;
};

describe('stamps of prebuilt sources', () => {
  it('an untouched file is unchanged', () => {
    const f = scratch();
    expect(unchanged(f, stampOf(f))).toBe(true);
  });

  it('a file whose mtime moved but whose bytes did not is unchanged (a fresh checkout)', () => {
    const f = scratch();
    const s = stampOf(f);
    utimesSync(f, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(unchanged(f, s)).toBe(true);
  });

  it('an edit of the same size is seen through the hash', () => {
    const f = scratch();
    const s = stampOf(f);
    writeFileSync(f, 'id: two\n');
    utimesSync(f, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(unchanged(f, s)).toBe(false);
  });

  it('an edit that changes the size, or a file gone, is stale', () => {
    const f = scratch();
    const s = stampOf(f);
    writeFileSync(f, 'id: three-longer\n');
    expect(unchanged(f, s)).toBe(false);
    expect(unchanged(`${f}.gone`, s)).toBe(false);
  });

  it('the build stamps every source instead of keeping its text', () => {
    expect(existsSync(PREBUILT_FILE)).toBe(true);
    const parts = JSON.parse(readFileSync(PREBUILT_FILE, 'utf8')) as Record<string, Part<unknown>>;
    const rules = parts.rules!;
    expect(Object.keys(rules.sources)).toContain('schemas/rule.schema.json');
    for (const [rel, stamp] of Object.entries(rules.sources)) expect(unchanged(rel, stamp), rel).toBe(true);
    expect(readFileSync(validatorFile('profile.schema.json'), 'utf8')).toMatch(/exports\.stamp = \{"size":\d+/);
  });
});
