// adherence review as a user runs it: a changed copy of the Kazakhstan profile against the published
// one. Expectations come from `adherence check` on both sides, so they follow the rule set as it grows.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, root } from '../helpers.js';
import { changedKazakhstan, editProfile, publishedKazakhstan, scratch } from './fixtures.js';

const untc = join(root, '..', 'shared', 'data', 'untc');
const published = 'profiles/kazakhstan.yaml';
const fingerprints = (file: string) =>
  new Set<string>(
    JSON.parse(cli(['check', '-f', 'json', '--fail-on', 'never', file]).stdout).files[0].findings.map(
      (f: { fingerprint: string }) => f.fingerprint,
    ),
  );

describe('adherence review', () => {
  const dir = scratch();
  const draft = changedKazakhstan(dir);

  it('new, resolved and unchanged findings match check on both sides, by fingerprint', () => {
    const r = cli(['review', draft, '--against', published, '-f', 'json', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.profiles).toHaveLength(1);
    const p = report.profiles[0];
    const before = fingerprints(published);
    const after = fingerprints(draft);
    const states = (s: string) =>
      p.findings
        .filter((f: { state: string }) => f.state === s)
        .map((f: { finding: { fingerprint: string } }) => f.finding.fingerprint)
        .sort();
    expect(states('new')).toEqual([...after].filter((f) => !before.has(f)).sort());
    expect(states('resolved')).toEqual([...before].filter((f) => !after.has(f)).sort());
    expect(states('unchanged')).toEqual([...after].filter((f) => before.has(f)).sort());
    expect(p.changes.map((c: { label: string; before: string; after: string }) => `${c.label}: ${c.before} → ${c.after}`)).toContain(
      'CTBT: State Party → Signatory (signed 1996-09-30)',
    );
    // Every rule finding carries its explanation; its root held, since the rule fired.
    for (const f of p.findings) expect(f.explanation?.held, f.finding.ruleId).toBe(true);
    const errors = p.findings.filter(
      (f: { state: string; finding: { severity: string } }) => f.state !== 'resolved' && f.finding.severity === 'error',
    ).length;
    expect(p.verdict).toBe(errors ? 'blocked' : p.counts.warning ? 'needs-attention' : 'ready');
  });

  it('Markdown: the changed rows, the findings and their explanations; --reference reports the wrong date', () => {
    const r = cli(['review', draft, '--against', published, '--reference', untc]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^# Pre-publication review/);
    expect(r.stdout).toContain(
      '| CTBT | ~ Changed (status: State Party → Signatory; signed: — → 1996-09-30) | State Party | Signatory (signed 1996-09-30) |',
    );
    expect(r.stdout).toContain('#### Resolved since the published version');
    expect(r.stdout).toMatch(/why it fired:\n {4}- ✓ holds: /);
    expect(r.stdout).toContain("CWC: joined 2000-03-24 in the profile, 2000-03-23 (ratification) in the depositary's record.");
    expect(r.stdout).toContain('### Depositary cross-check');
    for (const id of ['CWC', 'CTBT', 'Hostages Convention', 'Financing Convention', 'ICSANT'])
      expect(r.stdout).toMatch(new RegExp(`^\\| ${id} \\| X`, 'm'));
    expect(r.stdout).toContain('The record (2015-03-14) is newer than the profile');
  });

  it('HTML: self-contained, accessible structure, print and narrow-screen styles', () => {
    const out = join(dir, 'review.html');
    const r = cli(['review', draft, '--against', published, '--reference', untc, '-o', out, '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(|@import|href="(?!#)/i);
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width:44rem)');
    expect(html).toContain('<th scope="col">Published</th>');
    expect(html).toMatch(/<h1>Review: Kazakhstan<\/h1>[\s\S]*<h2 id="summary-h">Summary<\/h2>[\s\S]*<h3 id="p-kaz-changes">/);
    expect(html).toContain('✖</span> Blocked by errors');
    expect(html).not.toContain('<td></td>');
  });

  it('--against git:REV reads the same paths at a revision (no shell involved)', () => {
    const repo = scratch();
    const run = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    run('init', '-q');
    run('config', 'user.email', 'reviewer@example.org');
    run('config', 'user.name', 'Reviewer');
    mkdirSync(join(repo, 'profiles'));
    copyFileSync(join(root, published), join(repo, 'profiles', 'kazakhstan.yaml'));
    run('add', '.');
    run('commit', '-q', '-m', 'published');
    writeFileSync(join(repo, 'profiles', 'kazakhstan.yaml'), editProfile(publishedKazakhstan(), { cns: { status: 'State Party' } }));
    const r = cli(['review', 'profiles', '--against', 'git:HEAD', '-f', 'json', '--fail-on', 'never'], undefined, repo);
    expect(r.stderr).toBe('');
    const p = JSON.parse(r.stdout).profiles[0];
    expect(p.published).toBe('git:HEAD:profiles/kazakhstan.yaml');
    expect(p.changes.map((c: { key: string; before: string; after: string }) => [c.key, c.before, c.after])).toEqual([
      ['cns', 'Signatory', 'State Party'],
    ]);
    const bad = cli(['review', 'profiles', '--against', 'git:no-such-rev'], undefined, repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('adherence: unknown git revision "no-such-rev"\n');
  });

  it('waived findings are shown as waived with their reason and do not block', () => {
    const report = JSON.parse(cli(['review', draft, '--against', published, '-f', 'json', '--fail-on', 'never']).stdout);
    const open = report.profiles[0].findings.filter((f: { state: string }) => f.state !== 'resolved');
    const target = open[0].finding;
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(
      waivers,
      `waivers:\n  - rule: ${target.ruleId}\n    profile: KAZ\n    pointer: "${target.pointer}"\n    reason: Kept as published until the next edition\n    approvedBy: Desk editor\n    expires: 2999-12-31\n`,
    );
    const r = cli(['review', draft, '--against', published, '--waivers', waivers, '-f', 'json', '--fail-on', 'never']);
    const p = JSON.parse(r.stdout).profiles[0];
    const waived = p.findings.filter((f: { waived: boolean }) => f.waived);
    expect(waived.length).toBeGreaterThan(0);
    expect(waived[0].finding.suppressed).toMatchObject({ reason: 'Kept as published until the next edition', approvedBy: 'Desk editor' });
    const md = cli(['review', draft, '--against', published, '--waivers', waivers, '--fail-on', 'never']).stdout;
    expect(md).toContain('#### Waived');
    expect(md).toContain('waived: Kept as published until the next edition (approved by Desk editor, until 2999-12-31)');
  });

  it('a folder review covers the states with a draft; the published ones without are named, or reviewed with --all-published', () => {
    const drafts = join(dir, 'one-draft');
    mkdirSync(drafts, { recursive: true });
    copyFileSync(draft, join(drafts, 'kazakhstan.yaml'));
    const r = JSON.parse(cli(['review', drafts, '--against', 'profiles', '-f', 'json', '--fail-on', 'never']).stdout);
    expect(r.profiles.map((p: { state: { iso3: string } }) => p.state.iso3)).toEqual(['KAZ']);
    const others = JSON.parse(cli(['check', 'profiles', '-f', 'json', '--fail-on', 'never']).stdout).files.length - 1;
    expect(r.leftOut).toHaveLength(others);
    expect(r.summary['needs-attention'] + r.summary.blocked + r.summary.ready).toBe(1);
    const md = cli(['review', drafts, '--against', 'profiles', '--fail-on', 'never']).stdout;
    expect(md).toContain(`${others} published profiles have no draft and are not reviewed (`);
    expect(md).toContain('--all-published includes them');
    const all = JSON.parse(cli(['review', drafts, '--against', 'profiles', '-f', 'json', '--fail-on', 'never', '--all-published']).stdout);
    expect(all.profiles).toHaveLength(others + 1);
    expect(all.leftOut).toBeUndefined();
    const dropped = all.profiles.filter((p: { reasons: string[] }) => p.reasons.includes('no draft: publishing would drop this profile'));
    expect(dropped).toHaveLength(others);
  });

  it('a profile with no open finding is ready; usage errors exit 2 with one line', () => {
    const r = cli(['review', published, '--against', published, '--rule', 'opcw-requires-cwc', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).profiles[0]).toMatchObject({ verdict: 'ready', changes: [] });
    for (const args of [
      ['review', '--against', published],
      ['review', draft, '--against', 'no/such'],
      ['review', draft, '--against', published, '-f', 'pdf'],
      ['review', draft, '--against', published, '--reference', join(dir, 'nowhere')],
      ['review', draft, '--against', published, '--mapping', 'x.yaml'],
    ]) {
      const x = cli(args);
      expect(x.code, args.join(' ')).toBe(2);
      expect(x.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(cli(['review', '--help']).stdout).toMatch(/^Usage: adherence review/);
  });
});
