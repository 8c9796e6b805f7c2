// Profiles for the benchmark, made in chunks from a fixed seed so that 100k never sit in memory at once.
// With the testing kit's `consistentProfile()` (dist/testing) the profiles come from it; until then
// (and when it is missing) the bundled profiles are varied by a seeded generator of our own.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, loadFile } from '../dist/index.js';

export const SEED = 20261127;
const catalog = loadCatalog();

/** mulberry32: a small seeded generator, so every run sees the same profiles. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const root = join(import.meta.dirname, '..');
const bases = readdirSync(join(root, 'profiles'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => loadFile(join(root, 'profiles', f), catalog).profile)
  .filter(Boolean);
const ids = catalog.instruments.map((i) => i.id);
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const date = (r) =>
  `${1960 + Math.floor(r() * 60)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

/** Our own fallback: a bundled profile with a few statuses, dates and rows changed. */
function varied(i) {
  const r = rng(SEED + i);
  const p = structuredClone(bases[i % bases.length]);
  const changes = Math.floor(r() * 4);
  for (let k = 0; k < changes && p.entries.length; k++) {
    const e = p.entries[Math.floor(r() * p.entries.length)];
    const what = r();
    delete e.text;
    if (what < 0.4) e.status = pick(r, catalog.statusesOf(e.instrument ?? '').length ? catalog.statusesOf(e.instrument) : ['Member']);
    else if (what < 0.7) e[pick(r, ['signed', 'joined', 'inForce'])] = date(r);
    else if (what < 0.85) p.entries.push({ instrument: pick(r, ids), status: 'Member' });
    else p.entries.splice(p.entries.indexOf(e), 1);
  }
  if (r() < 0.3) p.asOf = date(r);
  return p;
}

let kit;
try {
  const t = await import('../dist/testing/index.js');
  if (typeof t.consistentProfile === 'function') kit = t;
} catch {
  kit = undefined;
}
export const SOURCE = kit
  ? 'testing kit consistentProfile(), seeded'
  : 'bench/generate.js (bundled profiles varied by a seeded generator; the testing kit was not available)';

/** Profiles [from, from + n). */
export async function profiles(from, n) {
  if (kit) {
    const fc = (await import('fast-check')).default;
    return fc.sample(kit.consistentProfile(), { seed: SEED + from, numRuns: n });
  }
  return Array.from({ length: n }, (_, k) => varied(from + k));
}
