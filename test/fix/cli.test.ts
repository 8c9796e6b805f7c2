// The "Done when", run as a user would: the published Kazakhstan profile imported to YAML,
// a comment added, `check --fix`; then a second run; then `--fix-dry-run` on the published text.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, seedPath, seedText } from '../helpers.js';
import { validateAgainst } from '../../src/schema/index.js';
import { sarifValidator } from '../report/sarif-schema.js';

const sarifValid = sarifValidator;

const DONE = ['instrument-name', 'status-vocabulary', 'party-before-entry-into-force'];
const COMMENT = '  # HCoC: checked against the list of subscribing states';

function importedWithComment(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'adh-fix-'));
  const file = join(dir, 'kazakhstan.yaml');
  expect(cli(['import', seedPath, '-o', file]).code).toBe(0);
  const text = readFileSync(file, 'utf8').replace(/^ {2}- instrument: hcoc$/m, `${COMMENT}\n  - instrument: hcoc`);
  expect(text).toContain(COMMENT);
  writeFileSync(file, text);
  return { dir, file };
}

const rulesOf = (file: string) => {
  const r = cli(['check', file, '--format', 'json', '--no-waivers']);
  return (JSON.parse(r.stdout).files[0].findings as { ruleId: string }[]).map((f) => f.ruleId);
};

describe("check --fix (the issue's acceptance test)", () => {
  it('fixes the imported profile, keeps the comment, and a second run changes nothing', () => {
    const { file } = importedWithComment();
    const before = rulesOf(file);
    for (const id of DONE) expect(before).toContain(id);
    const r = cli(['check', file, '--fix', '--no-waivers']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\d+ fixes applied/);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toContain(`${COMMENT}\n  - instrument: hcoc\n    status: Subscribing State\n`);
    const after = rulesOf(file);
    for (const id of DONE) expect(after).not.toContain(id);
    expect(after).not.toContain('footnote-duplicate');
    expect(after).not.toContain('schema');
    // Only the lines the fixes touch changed: every other line of the file is still there, in order.
    const kept = readFileSync(`${file}.bak`, 'utf8')
      .split('\n')
      .filter((l) => fixed.split('\n').includes(l));
    expect(kept.length).toBeGreaterThan(fixed.split('\n').length - 15);
    const again = cli(['check', file, '--fix', '--no-waivers']);
    expect(again.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    expect(again.stdout).not.toContain('fixes applied');
  });

  it('--fix-dry-run on the published text changes no byte and reports the fixes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-fix-'));
    const txt = join(dir, 'kazakhstan-profile.txt');
    copyFileSync(seedPath, txt);
    const stylish = cli(['check', txt, '--fix-dry-run']);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('fix: Say Subscribing State');
    expect(stylish.stdout).toContain('-Hague Code of Conduct against Ballistic Missile\tState Party\n');
    expect(stylish.stdout).toContain('+Hague Code of Conduct against Ballistic Missile Proliferation\tSubscribing State\n');
    const json = JSON.parse(cli(['check', txt, '--fix-dry-run', '-f', 'json']).stdout);
    expect(validateAgainst('report.schema.json', json)).toEqual([]);
    const findings = json.files[0].findings as { ruleId: string; fix?: { title: string; edits: unknown[]; change: { diff: string } } }[];
    for (const id of DONE) expect(findings.find((f) => f.ruleId === id)?.fix?.change.diff, id).toMatch(/^--- /);
    expect(json.files[0].fixed.diff).toContain('+Comprehensive Nuclear Test Ban Treaty (CTBT)\tRatified');
    const sarif = JSON.parse(cli(['check', txt, '--fix-dry-run', '-f', 'sarif']).stdout);
    expect(sarifValid(sarif), JSON.stringify(sarifValid.errors)).toBe(true);
    const hcoc = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'status-vocabulary');
    const change = hcoc.fixes[0].artifactChanges[0];
    expect(change.artifactLocation.uri).toMatch(/kazakhstan-profile\.txt$/);
    const rep = change.replacements[0];
    const original = seedText();
    // Applying the replacement to the original gives the fixed row.
    const patched =
      original.slice(0, rep.deletedRegion.charOffset) +
      rep.insertedContent.text +
      original.slice(rep.deletedRegion.charOffset + rep.deletedRegion.charLength);
    expect(patched).toContain('Hague Code of Conduct against Ballistic Missile\tSubscribing State\n');
    expect(readFileSync(txt, 'utf8')).toBe(original);
  });

  it('--fix rewrites published text: the fixed rows change, every other line stays byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-fix-'));
    const txt = join(dir, 'kazakhstan-profile.txt');
    copyFileSync(seedPath, txt);
    cli(['check', txt, '--fix']);
    const [a, b] = [seedText().split('\n'), readFileSync(txt, 'utf8').split('\n')];
    const changed = a.filter((l) => !b.includes(l));
    expect(changed.map((l) => l.split('\t')[0]).sort()).toEqual([
      'Central Asia Nuclear-Weapon-Free-Zone (CANWZ)',
      'Comprehensive Nuclear Test Ban Treaty (CTBT)',
      'Hague Code of Conduct against Ballistic Missile',
      'Security Council Resolution 1373 (2001) ⁶',
      'Security Council resolution 1267 (1999) and 1455 (2003) ⁷',
      '⁶ Resolution adopted under Chapter VII of the United Nations Charter',
      '⁷ Resolution adopted under Chapter VII of the United Nations Charter',
    ]);
    expect(readFileSync(txt, 'utf8').endsWith('⁵ Resolution adopted under Chapter VII of the United Nations Charter')).toBe(true);
  });

  it('--fix-type suggestion applies suggestions, which --fix alone leaves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-fix-'));
    const file = join(dir, 'undated.yaml');
    // 11/05/04 reads two ways and no other date settles the order: ambiguous-date suggests declaring one.
    writeFileSync(
      file,
      'profile: 1\nstate: { name: Kazakhstan, iso3: KAZ }\nentries:\n  - instrument: unscr-1540\n    status: Report submitted\n    reports:\n      - date: 11/05/04\n',
    );
    const before = readFileSync(file, 'utf8');
    expect(cli(['check', file, '--fix', '--no-waivers']).stdout).toContain('ambiguous-date');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const md = cli(['check', file, '--fix-dry-run', '--fix-type', 'suggestion', '-f', 'markdown', '--no-waivers']);
    expect(md.stdout).toContain('````diff');
    expect(md.stdout).toContain('+dateOrder: month-first');
    const r = cli(['check', file, '--fix', '--fix-type', 'suggestion', '--no-waivers']);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before + 'dateOrder: month-first\n');
  });

  it('adherence rules ID prints the fix a rule declares', () => {
    const r = cli(['rules', 'status-vocabulary']);
    expect(r.stdout).toContain(
      'Fix (check --fix):\n  title: Say {entry.statusMeant}, the {entry.kindName}\'s word for it\n  edits:\n    - set: "{entry.pointer}/status"\n      to: "{entry.statusMeant}"\n',
    );
    expect(cli(['rules', 'ambiguous-date']).stdout).toContain('Suggestions (check --fix --fix-type suggestion):');
  });

  it('refuses what it cannot do, with exit 2', () => {
    for (const args of [
      ['check', '--fix', '--fix-dry-run', seedPath],
      ['check', '--fix-type', 'fix', seedPath],
      ['check', '--fix', '--fix-type', 'all', seedPath],
      ['check', '--fix', '-'],
      ['check', '--fix-id', 'status-vocabulary:KAZ:hcoc#fix', seedPath],
      ['check', '--fix', '--fix-type', 'fix', '--fix-id', 'status-vocabulary:KAZ:hcoc#fix', seedPath],
    ]) {
      const r = cli(args, '');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^adherence: .*fix/);
    }
  });

  it('--fix-id applies only the fix it names, once; an id no finding offers is said on stderr', () => {
    const { file } = importedWithComment();
    const before = rulesOf(file);
    const r = cli(['check', file, '--fix', '--no-waivers', '--fix-id', 'footnote-duplicate:KAZ:fn6#fix']);
    expect(r.stdout).toContain('1 fix applied');
    const after = rulesOf(file);
    // The footnote is folded (both repeats of footnote 5 go: the fix folds every repeat); nothing else changed.
    expect(after.filter((id) => id !== 'footnote-duplicate')).toEqual(before.filter((id) => id !== 'footnote-duplicate'));
    expect(after).not.toContain('footnote-duplicate');
    const none = cli(['check', file, '--fix', '--no-waivers', '--fix-id', 'footnote-duplicate:KAZ:fn6#fix']);
    expect(none.stderr).toBe("adherence: no finding offers footnote-duplicate:KAZ:fn6#fix (fixed already, waived, or another file's)\n");
  });

  it('leaves waived findings alone: the bundled profile is kept as published', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-fix-'));
    cli(['import', seedPath, '-o', join(dir, 'x.yaml')]);
    writeFileSync(
      join(dir, 'waivers.yaml'),
      'waivers:\n  - rule: status-vocabulary\n    profile: KAZ\n    reason: kept as published\n    approvedBy: Data editors\n    expires: 2099-12-31\n',
    );
    const r = cli(['check', 'x.yaml', '--fix', '-f', 'json'], undefined, dir);
    expect(JSON.parse(r.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['status-vocabulary']);
    expect(readFileSync(join(dir, 'x.yaml'), 'utf8')).toContain('  - instrument: hcoc\n    status: State Party\n');
    // The bundled profiles' findings are all waived: --fix-dry-run offers no fix for them.
    const dry = cli(['check', '--fix-dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('waived');
    expect(dry.stdout).not.toContain('fix:');
  });
});
