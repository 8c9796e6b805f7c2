// The benchmark on a tiny folder, one round: every yardstick must run and produce numbers, so that
// `npm run bench` cannot rot unnoticed. Timings are not checked, only that each figure exists.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

function bench(env: Record<string, string> = {}, args = ['--sizes', '20', '--cold', '1']) {
  // A temp dir of its own: the bench's scratch folders go there, so the test can see they are removed.
  const tmp = mkdtempSync(join(tmpdir(), 'adherence-bench-test-'));
  try {
    const out = join(tmp, 'results', 'latest.json');
    const r = spawnSync(process.execPath, ['bench/run.js', ...args, '--rounds', '1', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env, TMPDIR: tmp },
    });
    const left = readdirSync(tmp).filter((f) => f !== 'results');
    return { r, json: r.status === 0 ? JSON.parse(readFileSync(out, 'utf8')) : undefined, left };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('npm run bench', () => {
  it('runs every yardstick on 20 files and writes each figure', () => {
    const { r, json, left } = bench();
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    // Progress on stderr, one line per step, and the scratch folder removed afterwards.
    expect(r.stderr).toMatch(/20 files, round 1\/1: checkJson \d+ ms, peak RSS \d+ MB/);
    expect(r.stderr).toMatch(/in process, round 1\/1: path \d+ ms, yardstick \d+ ms/);
    expect(left).toEqual([]);
    expect(r.stdout).toMatch(/ratio check -f json \/ floor/);

    const [s] = json.sizes;
    expect(s.files).toBe(20);
    for (const n of ['floor', 'checkJson', 'checkStylish']) {
      expect(positive(s.wholeProcess[n].medianMs), n).toBe(true);
      expect(positive(s.wholeProcess[n].maxRssMB), n).toBe(true);
      expect(positive(s.wholeProcess[n].cpuMs), n).toBe(true);
    }
    expect(json.load.start).toBeGreaterThanOrEqual(0);
    expect(json.load.end).toBeGreaterThanOrEqual(0);
    expect(r.stdout).toMatch(/CPU s: check -f json \/ stylish +\d+\.\d \/ \d+\.\d/);
    expect(positive(s.wholeProcess.checkJson.ratioToFloor)).toBe(true);
    expect(positive(s.wholeProcess.checkStylish.ratioToFloor)).toBe(true);
    expect(positive(s.wholeProcess.checkJson.reportMB)).toBe(true);
    // The in-process yardstick agrees with check, finding by finding, and there are findings to agree on.
    expect(s.inProcess.disagree).toBe(0);
    expect(s.inProcess.findings).toBeGreaterThan(0);
    for (const k of ['pathMs', 'yardstickMs', 'ratio']) expect(positive(s.inProcess[k]), k).toBe(true);
    for (const k of ['nodeMs', 'checkMs', 'ratio']) expect(positive(json.coldStart[k]), k).toBe(true);
    expect(json.rssMethod).toMatch(/GNU time|exit hook/);
    expect(positive(json.spectral.timeRatio)).toBe(true);
  }, 300_000);

  it('--format json writes the profiles as JSON and measures them against read + JSON.parse', () => {
    const { r, json } = bench({}, ['--sizes', '10', '--cold', '0', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(json.format).toBe('json');
    expect(r.stdout).toMatch(/written as json/);
    expect(r.stdout).toMatch(/floor: read \+ JSON\.parse, ms +\d+/);
    const [s] = json.sizes;
    // The floor read every file (it throws otherwise), and both in-process sides agree on JSON too.
    expect(positive(s.wholeProcess.floor.medianMs)).toBe(true);
    expect(s.inProcess.disagree).toBe(0);
    expect(s.inProcess.findings).toBeGreaterThan(0);
    expect(bench({}, ['--sizes', '', '--cold', '0', '--format', 'toml']).r.stderr).toContain('--format: yaml or json (got toml)');
  }, 300_000);

  it('--peer without Spectral installed stops before measuring, with the command that installs it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'adherence-bench-peer-'));
    try {
      const { r, json } = bench({ ADHERENCE_BENCH_PEER: empty }, ['--sizes', '5', '--cold', '0', '--peer']);
      expect(r.status).not.toBe(0);
      expect(json).toBeUndefined();
      expect(r.stderr).toContain('--peer: Spectral is not installed; run: cd bench/peer && npm ci --ignore-scripts');
      expect(r.stderr).not.toMatch(/5 files/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('measures peak RSS with the exit hook where GNU time is not used', () => {
    const { r, json } = bench({ ADHERENCE_BENCH_RSS_HOOK: '1' }, ['--sizes', '5', '--cold', '0']);
    expect(r.status).toBe(0);
    expect(json.rssMethod).toMatch(/exit hook/);
    for (const n of ['floor', 'checkJson', 'checkStylish']) {
      expect(positive(json.sizes[0].wholeProcess[n].maxRssMB), n).toBe(true);
      expect(positive(json.sizes[0].wholeProcess[n].cpuMs), n).toBe(true);
    }
  }, 300_000);
});
