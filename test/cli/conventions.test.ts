// Command-line conventions a new user meets: did-you-mean, globs, ignores, the configuration found
// from a subfolder, --quiet, --stdin-filename, rule folders added to the bundled rules, colour.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root } from '../helpers.js';
import { colorWanted } from '../../src/cli/args.js';
import { parseOptions, oneOf, wholeNumber, isoDate, optionsHelp } from '../../src/cli/options.js';

const MINIMAL = 'profile: 1\nstate: {name: Kazakhstan}\nentries:\n  - {instrument: cwc, status: State Party}\n';
const SCHEMA_ERROR = 'profile: 1\nstate: {name: Kazakhstan}\nentries:\n  - {instrument: cwc, stauts: State Party}\n';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'adh-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
const checked = (stdout: string) => (JSON.parse(stdout) as { files: { file: string }[] }).files.map((f) => f.file);

describe('options declared once', () => {
  const table = {
    format: { short: 'f', value: 'NAME', parse: oneOf(['text', 'json'] as const), help: 'a format' },
    runs: { value: 'N', parse: wholeNumber, help: 'how many' },
    'as-of': { value: 'DATE', parse: isoDate, help: 'a day' },
    rule: { value: 'ID', multiple: true, help: 'rules' },
    quiet: { short: 'q', help: 'less' },
  } as const;

  it('parses, converts and checks values; unknown options get a did-you-mean, never parseArgs text', () => {
    const p = parseOptions(table, ['-f', 'json', '--runs', '3', '--rule', 'a', '--rule=b', '-q', 'x.yaml']);
    expect(p.values).toEqual({ format: 'json', runs: 3, rule: ['a', 'b'], quiet: true });
    expect(p.positionals).toEqual(['x.yaml']);
    expect(() => parseOptions(table, ['--frmat', 'json'])).toThrow('unknown option --frmat (did you mean --format?); see --help');
    expect(() => parseOptions(table, ['--zzzzzz'])).toThrow(/^unknown option --zzzzzz; see --help$/);
    expect(() => parseOptions(table, ['-f', 'jsno'])).toThrow('--format takes text or json, not "jsno" (did you mean json?)');
    expect(() => parseOptions(table, ['--runs', 'many'])).toThrow('--runs takes a whole number, not "many"');
    expect(() => parseOptions(table, ['--runs'])).toThrow('--runs needs a value (N)');
    expect(() => parseOptions(table, ['--quiet=yes'])).toThrow('--quiet takes no value');
    expect(() => parseOptions(table, ['x'], false)).toThrow('unexpected argument "x"');
    for (const bad of ['2010-13-01', '2011-02-29', '10-01-2010'])
      expect(() => parseOptions(table, ['--as-of', bad])).toThrow(`--as-of takes a calendar date YYYY-MM-DD, not "${bad}"`);
    expect(parseOptions(table, ['--as-of', '2012-02-29']).values['as-of']).toBe('2012-02-29');
  });

  it('the help text lists every option with its value name', () => {
    const help = optionsHelp(table);
    expect(
      help
        .split('\n')
        .filter((l) => /^\s+(-\w, )?--/.test(l))
        .map((l) => l.trim().split(/\s{2,}/)[0]),
    ).toEqual(['-f, --format NAME', '--runs N', '--as-of DATE', '--rule ID', '-q, --quiet']);
  });

  it('the CLI prints one line, exit 2, on every command', () => {
    for (const [cmd, typo, near] of [
      ['check', '--frmat', '--format'],
      ['review', '--againts', '--against'],
      ['explain', '--rlue', '--rule'],
      ['rules', '--jsn', '--json'],
      ['import', '--as_of', '--as-of'],
      ['render', '--outptu', '--output'],
      ['fuzz', '--rnus', '--runs'],
    ] as const) {
      expect(cli([cmd, typo, 'x'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `adherence: unknown option ${typo} (did you mean ${near}?); see --help\n`,
      });
    }
    expect(cli(['chek']).stderr).toMatch(/^adherence: unknown command "chek" \(did you mean check\?\)/);
    expect(cli(['check', '--rule', 'opcw-requires-cw']).stderr).toBe(
      'adherence: unknown rule "opcw-requires-cw" (did you mean opcw-requires-cwc?) (adherence rules lists them)\n',
    );
  });
});

describe('which files check reads', () => {
  it('expands a glob that names no file', () => {
    const dir = tree({ 'p/a.yaml': MINIMAL, 'p/deep/b.yaml': MINIMAL, 'p/c.json': '{}', 'q/d.yaml': MINIMAL });
    const r = cli(['check', 'p/**/*.yaml', '-f', 'json', '--rule', 'opcw-requires-cwc'], undefined, dir);
    expect(checked(r.stdout)).toEqual(['p/a.yaml', 'p/deep/b.yaml']);
    expect(cli(['check', 'p/**/*.txt'], undefined, dir)).toMatchObject({
      code: 2,
      stderr: 'adherence: p/**/*.txt: no profile file matches\n',
    });
  });

  it('leaves out what the configuration and .adherenceignore ignore, in folders and globs, not a file named', () => {
    const dir = tree({
      'adherence.config.yaml': 'ignores: [README.txt]\n',
      '.adherenceignore': '# drafts are not checked\ndrafts/\n',
      'profiles/a.yaml': MINIMAL,
      'profiles/README.txt': 'Profiles of the states.\n',
      'profiles/drafts/b.yaml': SCHEMA_ERROR,
    });
    const run = (...args: string[]) => cli(['check', ...args, '-f', 'json', '--rule', 'opcw-requires-cwc'], undefined, dir);
    expect(checked(run('profiles').stdout)).toEqual(['profiles/a.yaml']);
    expect(checked(run('profiles/**/*.*').stdout)).toEqual(['profiles/a.yaml']);
    expect(checked(run('profiles/README.txt').stdout)).toEqual(['profiles/README.txt']);
  });

  it('finds the configuration from a subfolder; its paths and waivers are relative to it', () => {
    const dir = tree({
      'adherence.config.yaml': 'paths: [profiles]\nfailOn: warning\n',
      'profiles/a.yaml': MINIMAL,
      'sub/deeper/x.txt': 'not read',
    });
    const r = cli(['check', '-f', 'json', '--rule', 'opcw-requires-cwc'], undefined, join(dir, 'sub/deeper'));
    expect(checked(r.stdout)).toEqual(['../../profiles/a.yaml']);
    const printed = cli(['check', '--print-config'], undefined, join(dir, 'sub/deeper'));
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('file: ../../adherence.config.yaml\npaths:\n  - ../../profiles\n');
    expect(printed.stdout).toContain('failOn: warning\n');
    // The project's own configuration and waivers apply from inside profiles/ too.
    const own = cli(['check'], undefined, join(root, 'profiles'));
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/6 waived\) in \d+ files\n$/);
  });

  it('- is read once; --stdin-filename names it and picks its format', () => {
    const dir = tree({});
    expect(cli(['check', '-', '-'], MINIMAL, dir)).toMatchObject({
      code: 2,
      stderr: 'adherence: - is given twice: standard input is read once\n',
    });
    const r = cli(['check', '-', '--stdin-filename', 'drafts/kaz.yaml', '-f', 'json'], SCHEMA_ERROR, dir);
    expect(checked(r.stdout)).toEqual(['drafts/kaz.yaml']);
    expect(r.code).toBe(1);
    const seed = readFileSync(join(root, 'rules/examples/kazakhstan-profile.txt'), 'utf8');
    const format = (name: string) =>
      JSON.parse(cli(['check', '-', '--stdin-filename', name, '-f', 'json'], seed, dir).stdout).files[0].format;
    expect(format('kaz.txt')).toBe('text');
    expect(format('kaz.yaml')).toBe('yaml');
    expect(cli(['check', 'a.yaml', '--stdin-filename', 'x.yaml'], undefined, dir).stderr).toBe(
      'adherence: --stdin-filename names standard input: give - among the paths\n',
    );
  });
});

describe('check options', () => {
  it('--quiet reports errors only; the exit code still weighs the rest', () => {
    const all = cli(['check', 'profiles/kazakhstan.yaml', '--no-waivers', '-f', 'json']);
    const quiet = cli(['check', 'profiles/kazakhstan.yaml', '--no-waivers', '-f', 'json', '--quiet']);
    const sev = (s: string) =>
      (JSON.parse(s) as { files: { findings: { severity: string }[] }[] }).files[0]!.findings.map((f) => f.severity);
    expect(sev(all.stdout)).toEqual(expect.arrayContaining(['error', 'warning', 'info']));
    expect(sev(quiet.stdout)).toEqual(sev(all.stdout).filter((s) => s === 'error'));
    expect(
      cli(['check', 'profiles/kazakhstan.yaml', '--no-waivers', '-q', '--ignore-rule', 'status-vocabulary', '--fail-on', 'warning']).code,
    ).toBe(1);
  });

  it('--rules-dir adds to the bundled rules (a same id replaces one); --no-bundled-rules leaves them out', () => {
    const dir = tree({ 'profiles/a.yaml': MINIMAL });
    const own = readFileSync(join(root, 'rules/opcw-requires-cwc.yaml'), 'utf8').replace(/^id: opcw-requires-cwc$/m, 'id: my-opcw-rule');
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine/my-opcw-rule.yaml'), own);
    cpSync(join(root, 'rules/cwc-requires-opcw.yaml'), join(dir, 'mine/cwc-requires-opcw.yaml'));
    // rule files only: the built-in checks (parse, schema, …) are listed after them whatever the folders
    const ids = (args: string[]) => {
      const r = cli(['rules', '-f', 'json', ...args], undefined, dir);
      return { ...r, stdout: JSON.stringify((JSON.parse(r.stdout) as { builtin?: boolean }[]).filter((x) => !x.builtin)) };
    };
    const bundled = (JSON.parse(ids([]).stdout) as { id: string }[]).map((r) => r.id);
    const added = (JSON.parse(ids(['--rules-dir', 'mine']).stdout) as { id: string }[]).map((r) => r.id);
    expect(added).toEqual([...bundled, 'my-opcw-rule'].sort());
    expect((JSON.parse(ids(['--rules-dir', 'mine', '--no-bundled-rules']).stdout) as { id: string }[]).map((r) => r.id)).toEqual([
      'cwc-requires-opcw',
      'my-opcw-rule',
    ]);
    // the same options on check, explain and review, and rulesDir in the configuration
    const r = cli(['check', 'profiles', '--rules-dir', 'mine', '--rule', 'my-opcw-rule', '-f', 'json'], undefined, dir);
    expect(r.code).toBe(0);
    expect(cli(['explain', 'profiles/a.yaml', '--rules-dir', 'mine', '--rule', 'my-opcw-rule']).code).toBe(2); // cwd is the project: no mine/
    expect(cli(['explain', 'profiles/a.yaml', '--rules-dir', 'mine', '--rule', 'my-opcw-rule'], undefined, dir)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^my-opcw-rule: /),
    });
    expect(
      cli(
        ['review', 'profiles/a.yaml', '--against', 'profiles/a.yaml', '--rules-dir', 'mine', '--rule', 'my-opcw-rule', '-f', 'json'],
        undefined,
        dir,
      ).code,
    ).toBe(0);
    writeFileSync(join(dir, 'adherence.config.yaml'), 'rulesDir: mine\nbundledRules: false\n');
    mkdirSync(join(dir, 'sub'));
    expect(
      (JSON.parse(cli(['rules', '-f', 'json'], undefined, join(dir, 'sub')).stdout) as { id: string; builtin?: boolean }[])
        .filter((r) => !r.builtin)
        .map((r) => r.id),
    ).toEqual(['cwc-requires-opcw', 'my-opcw-rule']);
  });

  it('review -o FILE.json writes JSON, -o FILE.html HTML, anything else Markdown', () => {
    const dir = tree({});
    for (const [name, start] of [
      ['r.json', '{'],
      ['r.html', '<!doctype html>'],
      ['r.md', '#'],
    ] as const) {
      const out = join(dir, name);
      const r = cli(['review', 'profiles/kazakhstan.yaml', '--against', 'profiles/kazakhstan.yaml', '-o', out]);
      expect(r.stderr).toBe('');
      expect(readFileSync(out, 'utf8').startsWith(start), name).toBe(true);
    }
  });

  it('import --as-of refuses a date that is not on the calendar, before writing anything', () => {
    const r = cli(['import', 'rules/examples/kazakhstan-profile.txt', '--as-of', '2010-13-01']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'adherence: --as-of takes a calendar date YYYY-MM-DD, not "2010-13-01"\n' });
  });

  it('render -f yaml keeps the comments of a YAML profile, the schema line among them; from text it writes one', () => {
    for (const name of ['kazakhstan', 'india', 'dprk']) {
      const file = `profiles/${name}.yaml`;
      expect(cli(['render', file, '-f', 'yaml']).stdout).toBe(readFileSync(join(root, file), 'utf8'));
    }
    const commented =
      '# yaml-language-server: $schema=../schemas/profile.schema.json\n# a note\nprofile: 1 # the format\nstate: {name: Kazakhstan}\nentries: []\n';
    const dir = tree({ 'p/a.yaml': commented });
    expect(cli(['render', 'p/a.yaml', '-f', 'yaml'], undefined, dir).stdout).toContain('# a note\nprofile: 1 # the format\n');
    expect(cli(['render', 'rules/examples/kazakhstan-profile.txt', '-f', 'yaml']).stdout).toMatch(
      /^# yaml-language-server: \$schema=schemas\/profile\.schema\.json\n/,
    );
  });

  it('-f on every command that prints: rules, import, render, explain, review', () => {
    expect(JSON.parse(cli(['rules', 'opcw-requires-cwc', '-f', 'json']).stdout).id).toBe('opcw-requires-cwc');
    expect(JSON.parse(cli(['import', 'rules/examples/kazakhstan-profile.txt', '-f', 'json']).stdout).state.name).toBe('Kazakhstan');
    expect(JSON.parse(cli(['render', 'profiles/kazakhstan.yaml', '-f', 'json']).stdout).state.iso3).toBe('KAZ');
  });
});

describe('colour', () => {
  it('follows --color/--no-color, then no-color.org, FORCE_COLOR and TERM=dumb, then the terminal', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorWanted(tty, {}, {})).toBe(true);
    expect(colorWanted(pipe, {}, {})).toBe(false);
    expect(colorWanted(tty, {}, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted(tty, {}, { NO_COLOR: '' })).toBe(true); // empty: not set, per no-color.org
    expect(colorWanted(pipe, {}, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorWanted(pipe, {}, { FORCE_COLOR: '' })).toBe(false);
    expect(colorWanted(tty, {}, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorWanted(tty, {}, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorWanted(tty, {}, { TERM: 'dumb' })).toBe(false);
    expect(colorWanted(pipe, {}, { TERM: 'dumb', FORCE_COLOR: '1' })).toBe(true);
    expect(colorWanted(pipe, { color: true }, { NO_COLOR: '1' })).toBe(true);
    expect(colorWanted(tty, { 'no-color': true }, { FORCE_COLOR: '1' })).toBe(false);
  });

  it('the CLI paints stylish output for FORCE_COLOR and never for NO_COLOR', () => {
    const run = (env: Record<string, string>) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'TERM'].includes(k)));
      return spawnSync(process.execPath, [join(root, 'bin/adherence.js'), 'check', 'profiles/kazakhstan.yaml', '--no-waivers'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...base, ...env },
      }).stdout;
    };
    expect(run({ FORCE_COLOR: '1' })).toContain('\u001b[');
    expect(run({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(run({})).not.toContain('\u001b[');
  });
});
