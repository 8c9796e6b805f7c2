// The benchmark's input: N generated profiles written once as YAML files (or JSON, as `render -f json`
// writes them) to a scratch folder under the OS temp dir, so that every yardstick reads the same bytes
// from disk, as a user's run does.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJson, toYaml } from '../dist/index.js';
import { profiles } from './generate.js';

const CHUNK = 1000;
// 1,000 files a folder: the CLI walks folders, and one folder of 100k entries is not what users keep.
const PER_FOLDER = 1000;
// Generated profiles are consistent; a user's folder is not. One in ten gets a pair of rows that
// contradict each other under one of the five cross-instrument rules (rows added when missing), so
// that reports carry findings and the yardstick's agreement check has something to agree on.
const PAIRS = [
  ['cwc', 'State Party', 'opcw', 'Not a member'],
  ['opcw', 'Member', 'cwc', 'Signatory'],
  ['ctbt', 'Signatory', 'ctbto-prepcom', 'Observer'],
  ['ctbto-prepcom', 'Member', 'ctbt', 'Not a party'],
  ['zangger', 'Member', 'npt', 'Not a party'],
];
const spoil = (p, i) => {
  if (i % 10 !== 3) return p;
  const [a, sa, b, sb] = PAIRS[Math.floor(i / 10) % PAIRS.length];
  for (const [id, status] of [
    [a, sa],
    [b, sb],
  ]) {
    const row = p.entries.find((e) => e.instrument === id);
    if (row) {
      row.status = status;
      for (const k of ['signed', 'joined', 'inForce', 'withdrawn']) delete row[k];
    } else p.entries.push({ instrument: id, status });
  }
  return p;
};

export async function writeCorpus(n, progress = () => {}, { format = 'yaml' } = {}) {
  if (format !== 'yaml' && format !== 'json') throw new Error(`writeCorpus: format yaml or json (got ${format})`);
  const dir = mkdtempSync(join(tmpdir(), 'adherence-bench-'));
  const root = join(dir, 'profiles');
  let bytes = 0;
  try {
    mkdirSync(root);
    for (let from = 0; from < n; from += CHUNK) {
      const ps = await profiles(from, Math.min(CHUNK, n - from));
      ps.forEach((p, k) => {
        const i = from + k;
        const sub = join(root, String(Math.floor(i / PER_FOLDER)).padStart(3, '0'));
        if (i % PER_FOLDER === 0) mkdirSync(sub);
        const text = format === 'json' ? toJson(spoil(p, i)) : toYaml(spoil(p, i));
        bytes += Buffer.byteLength(text);
        // A fresh private folder, created exclusively ('wx'): nothing here can be overwritten.
        writeFileSync(join(sub, `p${String(i).padStart(6, '0')}.${format}`), text, { flag: 'wx' });
      });
      progress(Math.min(from + CHUNK, n));
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, profiles: root, files: n, bytes, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
