// The README cannot drift from the tool: every option table is the one the command declares, and
// every command block that shows its output is run here and compared.
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { root, seedPath, cli } from '../helpers.js';
import { optionsMarkdown, type OptionTable } from '../../src/cli/options.js';
import * as check from '../../src/cli/check.js';
import * as importCommand from '../../src/cli/import.js';
import * as render from '../../src/cli/render.js';
import * as rules from '../../src/cli/rules.js';
import * as explain from '../../src/cli/explain.js';
import * as review from '../../src/cli/review.js';
import * as fuzz from '../../src/cli/fuzz.js';

const README = readFileSync(join(root, 'README.md'), 'utf8');
const COMMANDS: Record<string, { OPTIONS: OptionTable; HELP_TEXT: string }> = {
  check,
  import: importCommand,
  render,
  rules,
  explain,
  review,
  fuzz,
};

interface Block {
  info: string;
  lines: string[];
  at: number;
}

/** The fenced blocks of a Markdown text, with their info string and first line number. */
function fencedBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    blocks.push({ info: open[1]!, lines: body, at: start + 1 });
  }
  return blocks;
}

/** `$ npx adherence …` lines and the output shown under each, from blocks that show output. */
function examples(md: string): { command: string[]; expected: string; at: number }[] {
  const out: { command: string[]; expected: string; at: number }[] = [];
  for (const b of fencedBlocks(md)) {
    if (!b.lines[0]?.startsWith('$ ')) continue;
    let cur: { command: string[]; expected: string[]; at: number } | undefined;
    b.lines.forEach((l, k) => {
      if (l.startsWith('$ ')) {
        if (cur) out.push({ ...cur, expected: cur.expected.join('\n') });
        const words = l
          .slice(2)
          .trim()
          .split(/\s+/)
          .map((w) => w.replace(/^'(.*)'$/, '$1'));
        expect(words.slice(0, 2), `README line ${b.at + k + 1}: a shown command runs adherence`).toEqual(['npx', 'adherence']);
        cur = { command: words.slice(2), expected: [], at: b.at + k + 1 };
      } else cur!.expected.push(l);
    });
    if (cur) out.push({ ...cur, expected: cur.expected.join('\n') });
  }
  return out;
}

/**
 * The folder the examples run in, as a new user's would be: the bundled profiles, the published text
 * of the seed, every YAML block of the README that starts with `# file: NAME`, and a rules folder with
 * one mistake (for the broken-rule example). No configuration, so no waivers apply.
 */
function exampleFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adh-readme-'));
  cpSync(join(root, 'profiles'), join(dir, 'profiles'), { recursive: true });
  cpSync(seedPath, join(dir, 'kazakhstan-profile.txt'));
  for (const b of fencedBlocks(README)) {
    const name = /^# file: (\S+)$/.exec(b.lines[0] ?? '')?.[1];
    if (b.info !== 'yaml' || !name) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), b.lines.join('\n') + '\n');
  }
  mkdirSync(join(dir, 'my-rules'));
  const rule = readFileSync(join(root, 'rules/opcw-requires-cwc.yaml'), 'utf8');
  writeFileSync(join(dir, 'my-rules/opcw-requires-cwc.yaml'), rule.replace('operator: equal,', 'operator: equals,'));
  return dir;
}

describe('README', () => {
  it('each command has its option table, and it is the table the command declares', () => {
    for (const [name, mod] of Object.entries(COMMANDS)) {
      const heading = README.indexOf(`Options of \`${name}\`\n`);
      expect(heading, `README has "Options of \`${name}\`"`).toBeGreaterThan(-1);
      const table = README.slice(heading).split('\n\n')[1];
      expect(table, `README's options of ${name}`).toBe(optionsMarkdown(mod.OPTIONS));
      // and --help lists the same options
      for (const option of Object.keys(mod.OPTIONS)) expect(mod.HELP_TEXT).toContain(`--${option}`);
    }
  });

  const shown = examples(README);
  it('shows command examples with their output (the harness finds them)', () => {
    expect(shown.map((e) => e.command.join(' '))).toEqual(
      expect.arrayContaining(['check kazakhstan-profile.txt', 'check broken.yaml', 'rules']),
    );
  });

  const dir = exampleFolder();
  for (const e of shown) {
    it(`README line ${e.at}: adherence ${e.command.join(' ')}`, () => {
      const r = cli(e.command, undefined, dir);
      const normalise = (s: string) =>
        s
          .split(dir)
          .join('.')
          .split('\n')
          .map((l) => l.trimEnd())
          .join('\n')
          .trimEnd();
      expect(normalise(r.stdout + r.stderr)).toBe(normalise(e.expected));
    });
  }
});
