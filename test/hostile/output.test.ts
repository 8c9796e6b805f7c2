// Text from a profile reaches terminals, CI logs and pull-request comments: there it stays text.
// Control characters (terminal escapes, bidi overrides) are shown escaped in stylish, on standard
// error and in explain; github keeps its own escaping and adds that; markdown (check and review)
// leaves no link, image, HTML or @mention active. And names from the input reach no prototype.
import { describe, it, expect } from 'vitest';
import { run, folder } from './harness.js';
import { showControls, markdownText } from '../../src/report/escape.js';

const ESC = '\u001b';
/** A row name that tries everything: clear the screen, a hyperlink, a forged workflow command,
 *  a bidi override, and Markdown that would show an image, a link, HTML and a mention. */
const EVIL =
  `CWC${ESC}[2J${ESC}]8;;https://evil.example${'\u0007'}x\n::error file=forged.yaml::owned \u202Egnp.exe ` +
  '![x](https://evil.example/p.png) [link](https://evil.example) <img src=x onerror=alert(1)> @octocat www.evil.example #12';
const PROFILE = `profile: 1\nstate: {name: "Kazakhstan${ESC}[31m"}\nentries:\n  - {name: ${JSON.stringify(EVIL)}, status: Member}\n`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const check = (dir: string, ...args: string[]) => run(['check', '--rule', 'unknown-instrument', 'p.yaml', ...args], dir);

describe.concurrent('escaped output', () => {
  it('stylish shows the escapes as text; no line of it is a workflow command', async () => {
    const r = await check(folder({ 'p.yaml': PROFILE }));
    expect(r.code).toBe(1); // unknown-instrument is an error
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('p.yaml (Kazakhstan\\x1B[31m)');
    expect(r.stdout).toContain('CWC\\x1B[2J\\x1B]8;;https://evil.example\\x07x\\n::error file=forged.yaml::owned \\u202Egnp.exe');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
  });

  it('github: one annotation line per finding, its controls escaped', async () => {
    const r = await check(folder({ 'p.yaml': PROFILE }), '-f', 'github');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=p\.yaml,line=4,col=\d+,title=unknown-instrument::"CWC\\x1B\[2J\\x1B\]8;;https:\/\/evil\.example\\x07x%0A::error file=forged\.yaml::owned \\u202Egnp\.exe /,
    );
    expect(lines[1]).toBe('adherence: 1 error, 0 warnings, 0 info in 1 file');
  });

  it('markdown (check): no image, link, HTML, mention or autolink survives', async () => {
    const r = await check(folder({ 'p.yaml': PROFILE }), '-f', 'markdown');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    for (const active of ['![x](', '[link](', '<img', '@octocat', 'https://', 'www.evil', '#12']) expect(r.stdout).not.toContain(active);
    expect(r.stdout).toContain(
      '!\\[x\\](https:&#8203;//evil.example/p.png) \\[link\\](https:&#8203;//evil.example) &lt;img src=x onerror=alert(1)&gt; @&#8203;octocat www&#8203;.evil.example #&#8203;12',
    );
  });

  it('markdown (review): the same', async () => {
    const r = await run(['review', 'p.yaml', '--against', 'p.yaml'], folder({ 'p.yaml': PROFILE }));
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    for (const active of ['![x](', '[link](', '@octocat', 'https://', 'www.evil']) expect(r.stdout).not.toContain(active);
    expect(r.stdout).not.toMatch(/(?<!\\)<img/); // `\<img` is the text "<img", no tag
    expect(r.stdout).toContain(
      '\\!\\[x\\](https:&#8203;//evil.example/p.png) \\[link\\](https:&#8203;//evil.example) \\<img src=x onerror=alert(1)\\> @&#8203;octocat',
    );
  });

  it('an error line on standard error shows the escapes', async () => {
    const r = await run(['check', `gone${ESC}[2J\u202E.yaml`], folder());
    expect(r).toMatchObject({ code: 2, stderr: 'adherence: gone\\x1B[2J\\u202E.yaml: no such file or folder\n' });
  });

  it('explain shows the values of the profile escaped', async () => {
    const r = await run(['explain', 'p.yaml', '--rule', 'unknown-instrument', '--all'], folder({ 'p.yaml': PROFILE }));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('p.yaml (Kazakhstan\\x1B[31m)');
    expect(r.stdout).toContain('CWC\\x1B[2J');
  });

  it('the helpers: what is escaped and what is left', () => {
    expect(showControls('a\tb\u0000c\u007fd\u0085e\u200ff\u2066g')).toBe('a\\tb\\x00c\\x7Fd\\x85e\\u200Ff\\u2066g');
    expect(showControls('two\nlines', '\n')).toBe('two\nlines');
    expect(showControls('plain é 中 ✓')).toBe('plain é 中 ✓');
    expect(markdownText('a|b\\c `d` x@y.org')).toBe('a\\|b\\\\c \\`d\\` x@&#8203;y.org');
  });
});

describe.concurrent('names from the input reach no prototype', () => {
  const TEXT =
    'KAZAKHSTAN\n\nCONSTRUCTOR\n<i>constructor:</i>\t\nUnited Nations (UN)\tMember\n__PROTO__\n<i>__proto__</i>\t\nUnited Nations (UN)\tMember\n';

  it('import of headings named constructor and __proto__: no internal error', async () => {
    const r = await run(['import', 'p.txt'], folder({ 'p.txt': TEXT }));
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('section: constructor');
    expect(r.stdout).toContain('group: constructor');
  });

  it('check and render of the same text', async () => {
    const dir = folder({ 'p.txt': TEXT });
    const c = await run(['check', '-f', 'json', '--rule', 'duplicate-instrument', 'p.txt'], dir);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(1); // UN listed twice
    const r = await run(['render', 'p.txt'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: TEXT });
  });

  it('-f constructor is an unknown format, and `adherence constructor` an unknown command', async () => {
    const dir = folder({ 'p.txt': TEXT });
    const f = await run(['check', '-f', 'constructor', 'p.txt'], dir);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/^adherence: --format takes stylish, .* not "constructor"\n$/);
    for (const option of ['--constructor', '--__proto__', '--toString']) {
      const o = await run(['check', option, 'p.txt'], dir);
      expect(o).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(new RegExp(`^adherence: unknown option ${option}( \\(did you mean --[a-z-]+\\?\\))?; see --help\n$`)),
      });
    }
    const c = await run(['constructor'], dir);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^adherence: unknown command "constructor"/);
  });
});
