// The bundle and V8's code cache of it (src/build/bundle.ts, src/build/codecache.ts, src/codecache.ts):
// every command prints the same from the bundle with its cache, without the cache and from dist/cli;
// a cache is used only for the bytes it was made from, by the same Node, and V8's own refusal is
// harmless; nothing is written at run time, so a read-only install works.
import { describe, it, expect } from 'vitest';
import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';

/** A copy of the built package to break without touching the real one (node_modules shared). */
function install(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adherence-install-'));
  // Timestamps kept, so the prebuilt data's stamps hold in the copy as they do here.
  for (const f of ['bin', 'dist', 'schemas', 'rules', 'profiles', 'package.json', 'adherence.config.yaml', 'waivers.yaml'])
    cpSync(join(root, f), join(dir, f), { recursive: true, preserveTimestamps: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

// No V8 flags from the environment: under other flags V8 refuses every cache (tested below).
const env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' };

/** The command line of the package in `dir`, as a user runs it; fuzz's timings blanked. */
function run(dir: string, args: string[]): string {
  const r = spawnSync(process.execPath, [join(dir, 'bin/adherence.js'), ...args], { cwd: dir, encoding: 'utf8', env });
  return `exit ${r.status}\n${r.stdout}\n${r.stderr}`.replace(/\d+(\.\d+)? (ms|s)\b/g, '# $2').replace(/\d+ runs\/s/g, '# runs/s');
}

/** Runs a command from the bundle of `dir` and says what each file's cache did. */
function probe(dir: string, args: string[], nodeFlags: string[] = []): { out: string; use: Record<string, string> } {
  // The loader bin/adherence.js requires.
  const script = `const m = require(${JSON.stringify(join(dir, 'dist/codecache.cjs'))});
m.loadBundle().main(${JSON.stringify(args)}).then((code) => {
  process.exitCode = code;
  process.stderr.write('\\n' + JSON.stringify(m.cacheUse()));
});`;
  const r = spawnSync(process.execPath, [...nodeFlags, '-e', script], { cwd: dir, encoding: 'utf8', env });
  const lines = r.stderr.split('\n');
  return {
    out: `exit ${r.status}\n${r.stdout}\n${lines.slice(0, -1).join('\n')}`,
    use: JSON.parse(lines.at(-1)!) as Record<string, string>,
  };
}

const CHECK = ['check', 'profiles/kazakhstan.yaml'];

describe('the code cache the build makes', () => {
  it('is used for every file a check runs: the chunks and the validators', () => {
    const { out, use } = probe(root, CHECK);
    expect(out).toMatch(/^exit 0\n.*kazakhstan\.yaml/s);
    expect(Object.keys(use)).toEqual(
      expect.arrayContaining(['bundle/main.cjs', 'bundle/check.cjs', 'bundle/index.cjs', 'schema/validators/profile.schema.cjs']),
    );
    expect(Object.entries(use).filter(([, u]) => u !== 'used')).toEqual([]);
  });

  it('is refused by V8 under other V8 flags, and the check is the same', () => {
    const plain = probe(root, CHECK);
    const flagged = probe(root, CHECK, ['--max-old-space-size=512']);
    expect(new Set(Object.values(flagged.use))).toEqual(new Set(['rejected']));
    expect(flagged.out).toBe(plain.out);
  });
});

describe('every command, from the bundle with and without its cache and from dist/cli', () => {
  const commands = [
    ['--help'],
    ['--version'],
    ['nope'],
    CHECK,
    ['check', 'profiles', '-f', 'json', '--no-waivers'],
    ['check', '--frmat', 'json'],
    ['rules'],
    ['rules', 'opcw-requires-cwc'],
    ['explain', 'profiles/kazakhstan.yaml', '--rule', 'opcw-requires-cwc'],
    ['review', 'profiles/uzbekistan.yaml', '--against', 'profiles/kazakhstan.yaml', '-f', 'markdown'],
    ['import', 'rules/examples/kazakhstan-profile.txt'],
    ['render', 'profiles/kazakhstan.yaml', '-f', 'text'],
    ['fuzz', '--runs', '10', '--seed', '1'],
  ];

  it('prints the same, and a read-only install writes nothing', () => {
    const dir = install();
    const listing = () =>
      (readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => !f.startsWith('node_modules'))
        .sort()
        .map((f) => {
          const s = statSync(join(dir, f));
          return `${f} ${s.size} ${s.mtimeMs}`;
        });
    const before = listing();
    const modes = new Map(before.map((l) => [l.split(' ')[0]!, statSync(join(dir, l.split(' ')[0]!)).mode]));
    // Read-only for everyone (a superuser may still write: the listing below is what proves nothing was).
    for (const [f, mode] of [...modes].reverse()) chmodSync(join(dir, f), mode & ~0o222);
    chmodSync(dir, 0o555);
    let cached: string[];
    try {
      cached = commands.map((c) => run(dir, c));
      expect(listing()).toEqual(before);
    } finally {
      chmodSync(dir, 0o755);
      for (const [f, mode] of modes) chmodSync(join(dir, f), mode);
    }
    for (const [i, c] of commands.entries()) expect(cached[i], c.join(' ')).toMatch(/^exit [012]\n/);
    expect(cached[0]).toContain('Usage: adherence <command>');
    expect(cached[3]).toContain('6 waived');
    expect(cached[12]).toContain('10 runs in');

    rmSync(join(dir, 'dist/code-cache'), { recursive: true });
    for (const [i, c] of commands.entries()) expect(run(dir, c), `${c.join(' ')} without the cache`).toBe(cached[i]);
    // A build that stopped after tsc: no bundle, no loader.
    rmSync(join(dir, 'dist/bundle'), { recursive: true });
    expect(run(dir, CHECK), 'the loader without a bundle').toBe(cached[3]);
    rmSync(join(dir, 'dist/codecache.cjs'));
    for (const [i, c] of commands.entries()) expect(run(dir, c), `${c.join(' ')} from dist/cli`).toBe(cached[i]);
  }, 300_000); // 39 processes: minutes on a busy machine
});

describe('a cache that does not fit is not used, and the run is as without it', () => {
  const cacheOf = (dir: string, rel: string) => join(dir, 'dist/code-cache', `${rel}.bin`);

  it('an edited chunk of the same length runs as edited', () => {
    const dir = install();
    const chunk = join(dir, 'dist/bundle/stylish.cjs');
    const text = readFileSync(chunk, 'utf8');
    // The summary line of stylish, which the build's own check ran, so its code is in the cache: had
    // the cache been used for the edited text (V8 compares only its length), the old words would print.
    expect(text).toContain('} finding${');
    writeFileSync(chunk, text.replace('} finding${', '} FINDING${'));
    const { out, use } = probe(dir, CHECK);
    expect(out).toContain('0 FINDINGs');
    expect(use['bundle/stylish.cjs']).toBe('none');
    expect(use['bundle/index.cjs']).toBe('used');
  });

  it('a cache file corrupt, truncated or gone', () => {
    const dir = install();
    const intact = probe(dir, CHECK).out;
    const index = cacheOf(dir, 'bundle/index.cjs');
    const bytes = readFileSync(index);
    for (let i = bytes.length >> 1; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(index, bytes);
    truncateSync(cacheOf(dir, 'bundle/pipeline.cjs'), statSync(cacheOf(dir, 'bundle/pipeline.cjs')).size >> 1);
    rmSync(cacheOf(dir, 'schema/validators/profile.schema.cjs'));
    const { out, use } = probe(dir, CHECK);
    expect(out).toBe(intact);
    expect([use['bundle/index.cjs'], use['bundle/pipeline.cjs'], use['schema/validators/profile.schema.cjs']]).toEqual([
      'none',
      'none',
      'none',
    ]);
    expect(use['bundle/check.cjs']).toBe('used');
  });

  it('a cache made by another Node, or a manifest that does not read', () => {
    const dir = install();
    const intact = probe(dir, CHECK).out;
    const manifest = join(dir, 'dist/code-cache/manifest.json');
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { node: string };
    writeFileSync(manifest, JSON.stringify({ ...m, node: 'v19.0.0' }));
    let r = probe(dir, CHECK);
    expect(r.out).toBe(intact);
    expect(new Set(Object.values(r.use))).toEqual(new Set(['none']));
    writeFileSync(manifest, '{"node":');
    r = probe(dir, CHECK);
    expect(r.out).toBe(intact);
    expect(new Set(Object.values(r.use))).toEqual(new Set(['none']));
  });
});
