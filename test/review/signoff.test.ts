// Review of a new profile (no published version), the configuration's failOn, and the sign-off
// record: written through the safe writer, schema-checked, verified, and refused once a file changes.
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateAgainst } from '../../src/schema/index.js';
import { SignOffError, signOffClock } from '../../src/review/signoff.js';
import { cli, root } from '../helpers.js';
import { editProfile, publishedKazakhstan, scratch } from './fixtures.js';

const untc = join(root, '..', 'shared', 'data', 'untc');
const published = 'profiles/kazakhstan.yaml';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('review of a new profile, against the depositary records alone', () => {
  const dir = scratch();
  const draft = join(dir, 'kazakhstan.yaml');
  writeFileSync(draft, editProfile(publishedKazakhstan(), { cwc: { status: 'Signatory' } }));

  it('every row is new, the findings and the cross-check still apply', () => {
    const r = cli(['review', draft, '--reference', untc, '-f', 'json', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const p = report.profiles[0];
    expect(p.published).toBeUndefined();
    const doc = parse(readFileSync(draft, 'utf8')) as { entries: unknown[]; footnotes: unknown[] };
    expect(p.changes).toHaveLength(doc.entries.length + doc.footnotes.length); // every row and footnote
    expect(p.changes.every((c: { kind: string }) => c.kind === 'added')).toBe(true);
    expect(p.findings.map((f: { finding: { ruleId: string } }) => f.finding.ruleId)).toContain('opcw-requires-cwc');
    expect(p.findings.every((f: { state: string }) => f.state === 'new')).toBe(true);
    expect(p.reference.rows.length).toBeGreaterThan(0);
    const md = cli(['review', draft, '--reference', untc, '--fail-on', 'never']).stdout;
    expect(md).toContain('with no published version (new profiles: every row is new)');
    expect(md).toContain('- Published: none (a new profile)');
    expect(md).toContain('### Depositary cross-check');
  });

  it('a folder review names the published profiles it leaves out, on the page as in the Markdown', () => {
    const drafts = join(dir, 'drafts');
    mkdirSync(drafts, { recursive: true });
    copyFileSync(draft, join(drafts, 'kazakhstan.yaml'));
    const page = join(dir, 'folder.html');
    expect(cli(['review', drafts, '--against', 'profiles', '-o', page, '--fail-on', 'never']).code).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).toMatch(
      /<p class="meta">\d+ published profiles have no draft and are not reviewed \([^)]*Israel[^)]*\); --all-published includes them\.<\/p>/,
    );
    const all = join(dir, 'all.html');
    cli(['review', drafts, '--against', 'profiles', '-o', all, '--all-published', '--fail-on', 'never']);
    expect(readFileSync(all, 'utf8')).not.toContain('have no draft and are not reviewed');
  });

  it("takes --fail-on from the configuration's failOn, as check does", () => {
    expect(cli(['review', draft]).code).toBe(1); // an open error
    const config = join(dir, 'lenient.yaml');
    writeFileSync(config, 'failOn: never\n');
    expect(cli(['review', draft, '-c', config]).code).toBe(0);
    expect(cli(['check', draft, '-c', config]).code).toBe(0);
    expect(cli(['review', draft, '-c', config, '--fail-on', 'error']).code).toBe(1); // the command line wins
  });
});

describe('sign-off record', () => {
  const dir = scratch();
  const draft = join(dir, 'kazakhstan.yaml');
  const record = join(dir, 'sign-off.yaml');
  const page = join(dir, 'review.html');
  writeFileSync(draft, editProfile(publishedKazakhstan(), { cwc: { status: 'Signatory' } }));
  const fixedClock = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01T00:00:00Z

  it('is written through the safe writer, matches its schema and holds the hashes, fingerprints, verdict, who and when', () => {
    Object.assign(process.env, fixedClock);
    const r = cli([
      'review',
      draft,
      '--against',
      published,
      '--sign-off',
      'A. Reviewer',
      '--sign-off-file',
      record,
      '-o',
      page,
      '--fail-on',
      'never',
    ]);
    delete process.env.SOURCE_DATE_EPOCH;
    expect(r.code, r.stderr).toBe(0);
    const rec = parse(readFileSync(record, 'utf8'));
    expect(validateAgainst('signoff.schema.json', rec)).toEqual([]);
    expect(rec).toMatchObject({ signedBy: 'A. Reviewer', signedAt: '2026-01-01T00:00:00.000Z', verdict: 'blocked' });
    expect(rec.profiles[0].draft).toEqual({ file: draft, sha256: sha(draft) });
    expect(rec.profiles[0].published).toEqual({ file: published, sha256: sha(join(root, published)) });
    const json = JSON.parse(cli(['review', draft, '--against', published, '-f', 'json', '--fail-on', 'never']).stdout);
    const open = json.profiles[0].findings.filter((f: { state: string }) => f.state !== 'resolved');
    expect(rec.findings).toEqual(open.map((f: { finding: { fingerprint: string } }) => f.finding.fingerprint).sort());
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<h2 id="sign-off-h">Sign-off</h2>');
    expect(html).toContain('Signed off by A. Reviewer at 2026-01-01T00:00:00.000Z: blocked by errors');
    // The writer refuses to replace an input: the draft cannot be the record.
    const clash = cli([
      'review',
      draft,
      '--against',
      published,
      '--sign-off',
      'A. Reviewer',
      '--sign-off-file',
      draft,
      '--fail-on',
      'never',
    ]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('refusing to overwrite');
  });

  it('--verify-sign-off: still matches (exit 0), then a changed draft is named (exit 1) and shown on the page', () => {
    const ok = cli(['review', '--verify-sign-off', record]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('signed off by A. Reviewer at 2026-01-01T00:00:00.000Z; still matches (1 profile,');
    writeFileSync(draft, editProfile(publishedKazakhstan(), { cwc: { status: 'Signatory' }, ctbt: { status: 'Signatory' } }));
    const changed = cli(['review', '--verify-sign-off', record, '-o', page]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`Kazakhstan: the draft ${draft} changed since the sign-off (sha256 `);
    expect(readFileSync(page, 'utf8')).toContain('Changed since the sign-off:');
  });

  it('a broken record exits 2, named with file:line:column', () => {
    const broken = join(dir, 'broken.yaml');
    const text = readFileSync(record, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('sha256:'));
    lines[at] = lines[at]!.replace(/sha256: \S+/, 'sha256: not-a-hash');
    writeFileSync(broken, lines.join('\n'));
    const r = cli(['review', '--verify-sign-off', broken]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${broken}:${at + 1}:`);
    writeFileSync(broken, 'signedBy: [unclosed\n');
    const bad = cli(['review', '--verify-sign-off', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`${broken.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
  });
});

describe('the sign-off time and name', () => {
  it('SOURCE_DATE_EPOCH fixes the time when it is one; any other value is refused, never ignored', () => {
    expect(signOffClock({ SOURCE_DATE_EPOCH: '0' }).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(signOffClock({ SOURCE_DATE_EPOCH: '1767225600' }).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const before = Date.now();
    expect(signOffClock({}).getTime()).toBeGreaterThanOrEqual(before);
    expect(signOffClock({ SOURCE_DATE_EPOCH: '' }).getTime()).toBeGreaterThanOrEqual(before);
    for (const bad of ['abc', '-5', '1.5', '99999999999999999'])
      expect(() => signOffClock({ SOURCE_DATE_EPOCH: bad }), bad).toThrow(SignOffError);
  });

  it('an empty name is named as such, with or without --sign-off-file', () => {
    const dir = scratch();
    const draft = join(dir, 'kz.yaml');
    writeFileSync(draft, publishedKazakhstan());
    for (const extra of [[], ['--sign-off-file', join(dir, 'rec.yaml')]]) {
      const r = cli(['review', draft, '--sign-off', ' ', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('adherence: --sign-off needs the name of who signs off\n');
    }
  });
});
