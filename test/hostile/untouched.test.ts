// Nothing we read is ever written: every command leaves its inputs' bytes and mtime as they were;
// commands that write (-o) go through a temporary file and a rename, refuse to overwrite an input
// unless --force, and keep a .bak of what they replace. And no input pollutes Object.prototype.
import { describe, it, expect } from 'vitest';
import { readFileSync, statSync, readdirSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { seedPath } from '../helpers.js';
import { run, folder, MINIMAL } from './harness.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadText } from '../../src/load/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';

const SEED = readFileSync(seedPath);
const OLD = new Date('2001-02-03T04:05:06Z');

/** A folder of inputs with an old, known mtime, and a way to assert none of them changed. */
function inputs() {
  const dir = folder({ 'seed.txt': SEED, 'p.yaml': MINIMAL, 'bad.yaml': 'profile: [\n' });
  for (const f of readdirSync(dir)) utimesSync(join(dir, f), OLD, OLD);
  const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
  const unchanged = () => {
    for (const [f, bytes] of Object.entries(before)) {
      expect(readFileSync(join(dir, f)).equals(bytes), f).toBe(true);
      expect(statSync(join(dir, f)).mtimeMs, f).toBe(OLD.getTime());
    }
  };
  return { dir, unchanged };
}

describe.concurrent('inputs are never written', () => {
  for (const args of [
    ['check', '.'],
    ['check', '--format', 'json', 'seed.txt', 'p.yaml', 'bad.yaml'],
    ['import', 'seed.txt'],
    ['render', 'p.yaml', '--format', 'yaml'],
    ['render', 'bad.yaml'],
  ]) {
    it(`adherence ${args.join(' ')}`, async () => {
      const { dir, unchanged } = inputs();
      const r = await run(args, dir);
      expect([0, 1, 2]).toContain(r.code);
      unchanged();
      expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'p.yaml', 'seed.txt']);
    });
  }

  it('import -o onto its own input is refused, the input untouched', async () => {
    const { dir, unchanged } = inputs();
    const r = await run(['import', 'seed.txt', '-o', 'seed.txt'], dir);
    expect(r).toMatchObject({
      code: 2,
      stderr:
        'adherence: refusing to overwrite seed.txt, which is also an input (add --force to replace it; a backup is kept as seed.txt.bak)\n',
    });
    unchanged();
  });

  it('render -o onto its input through another name (a ./ path) is refused too', async () => {
    const { dir, unchanged } = inputs();
    const r = await run(['render', 'p.yaml', '--format', 'yaml', '-o', './p.yaml'], dir);
    expect(r.code).toBe(2);
    unchanged();
  });

  it('check -o onto an input is refused', async () => {
    const { dir, unchanged } = inputs();
    const r = await run(['check', 'p.yaml', '-o', 'p.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^adherence: refusing to overwrite p\.yaml, which is also an input/);
    unchanged();
  });

  it('import -o --force replaces the input, keeping the original as .bak, leaving no temp file', async () => {
    const { dir } = inputs();
    const r = await run(['import', 'seed.txt', '-o', 'seed.txt', '--force'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'seed.txt.bak')).equals(SEED)).toBe(true);
    expect(readFileSync(join(dir, 'seed.txt'), 'utf8')).toMatch(/^# yaml-language-server/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('render -o over an existing output keeps it as .bak', async () => {
    const { dir, unchanged } = inputs();
    writeFileSync(join(dir, 'out.txt'), 'earlier output\n');
    const r = await run(['render', 'p.yaml', '-o', 'out.txt'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt.bak'), 'utf8')).toBe('earlier output\n');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toMatch(/^KAZAKHSTAN\n/);
    unchanged();
  });

  it('a failed write leaves the old output and no temp file', async () => {
    const { dir, unchanged } = inputs();
    const r = await run(['render', 'p.yaml', '-o', 'no-such-folder/out.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('adherence: cannot write no-such-folder/out.txt: ENOENT\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'p.yaml', 'seed.txt']);
    unchanged();
  });
});

describe('prototype pollution', () => {
  it('__proto__, constructor and prototype keys reach no prototype', async () => {
    const catalog = loadCatalog();
    const rules = ruleRunner(loadRuleSet({}, catalog));
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const texts = [
      `${MINIMAL}__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nprototype: {polluted: true}\n`,
      '{"profile": 1, "state": {"name": "Kazakhstan", "__proto__": {"polluted": true}}, "entries": [{"instrument": "cwc", "status": "State Party", "__proto__": {"polluted": true}}]}',
      'profile: 1\nstate: {name: Kazakhstan}\nentries:\n  - {instrument: constructor, status: Member, section: constructor, group: __proto__}\nlayout: {headings: {__proto__: x, constructor: y}}\n',
      'profile: 1\nstate: {name: Kazakhstan}\nentries: []\nfootnotes: [{marker: 1, text: x, __proto__: {polluted: true}}]\n',
    ];
    for (const [i, text] of texts.entries()) {
      const file = i === 1 ? 'p.json' : 'p.yaml';
      const report = await checkLoaded(loadText(text, file, catalog), file, { rules });
      expect(report.findings.length, text).toBeGreaterThan(0);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });
});
