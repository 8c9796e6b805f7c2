// Start-up without compiling what the last run compiled. Node 20 has no compile cache of its own
// (module.enableCompileCache came with Node 22), so the build (src/build/codecache.ts) keeps V8's code
// cache of every CommonJS file start-up runs from dist/ (the bundle's chunks, ajv's pre-compiled
// validators), made after a real `check` so that it holds the functions a check calls, not only the
// top level. Here those files are run through `vm.Script` with that cache.
//
// A cache is handed to V8 only for the very bytes it was made from, by the same Node, V8 and
// architecture: the manifest keeps the SHA-256 of each source and of each cache file (V8 itself checks
// neither the text, only its length, nor, in a release build, the cache's own checksum). An edited
// chunk, a cache from another Node, a truncated or corrupt cache file, a missing manifest: the file is
// compiled from its text, as without a cache. V8 may still refuse a cache (other V8 flags); it then
// compiles too. Nothing here writes at run time: only the build does.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import vm from 'node:vm';
import * as paths from './paths.js';
import * as self from './codecache.js';

const dist = join(paths.packageRoot, 'dist');
/** The command line bundled into CommonJS chunks (src/build/bundle.ts). */
export const BUNDLE_DIR = join(dist, 'bundle');
/** This module as one CommonJS file (src/build/bundle.ts), which bin/adherence.js requires. */
export const LOADER = join(dist, 'codecache.cjs');
/** The code caches and their manifest. */
export const CACHE_DIR = join(dist, 'code-cache');
const MANIFEST = join(CACHE_DIR, 'manifest.json');
/** Folders of dist/ whose CommonJS files get a cache. */
const CACHED_DIRS = [BUNDLE_DIR, join(dist, 'schema/validators')];

interface Manifest {
  node: string;
  v8: string;
  arch: string;
  /** By path relative to dist/: the SHA-256 of the source and of its cache file. */
  files: Record<string, { source: string; cache: string }>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const relToDist = (file: string) => relative(dist, file).split(sep).join('/');
const cacheFile = (rel: string) => join(CACHE_DIR, `${rel}.bin`);
// The same wrapper as Node's CommonJS loader: a chunk's `require`, `module` and `exports` are ours.
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const compileOptions = (filename: string, cachedData?: Buffer): vm.ScriptOptions => ({
  filename,
  cachedData,
  // No chunk imports dynamically today; should one, it resolves as an ES module of the package would.
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});

let manifest: Manifest | null | undefined;
function entry(rel: string): Manifest['files'][string] | undefined {
  if (manifest === undefined) {
    try {
      const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
      const same = m.node === process.version && m.v8 === process.versions.v8 && m.arch === process.arch;
      manifest = same && m.files && typeof m.files === 'object' ? m : null;
    } catch {
      manifest = null; // not built, or unreadable: compile from the text
    }
  }
  const e = manifest?.files[rel];
  return e && typeof e.source === 'string' && typeof e.cache === 'string' ? e : undefined;
}

/** What happened to each file run here: its cache was used, refused by V8, or there was none to use. */
export type CacheUse = 'used' | 'rejected' | 'none';
const modules = new Map<string, { module: { exports: unknown }; script: vm.Script; use: CacheUse }>();

/**
 * Runs a CommonJS file of dist/ once (later calls return its exports), with its code cache when the
 * build made one from these bytes. A chunk's `require('./x.cjs')` comes back here, `../paths.js` and
 * `../codecache.js` are the package's own modules, anything else is Node's `require` from the file's folder.
 */
export function loadScript(file: string): unknown {
  const known = modules.get(file);
  if (known) return known.module.exports;
  const bytes = readFileSync(file);
  const rel = relToDist(file);
  const e = entry(rel);
  let cachedData: Buffer | undefined;
  if (e && sha256(bytes) === e.source) {
    try {
      const data = readFileSync(cacheFile(rel));
      if (sha256(data) === e.cache) cachedData = data;
    } catch {
      // a cache file gone: compile from the text
    }
  }
  const script = new vm.Script(wrap(bytes.toString('utf8')), compileOptions(file, cachedData));
  const use: CacheUse = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  // Registered before it runs, as Node does, so that a cycle of chunks sees the exports so far.
  modules.set(file, { module, script, use });
  const dir = dirname(file);
  let nodeRequire: NodeJS.Require | undefined;
  const require = (id: string): unknown => {
    if (id.startsWith('./') && id.endsWith('.cjs')) return loadScript(join(dir, id));
    if (dir === BUNDLE_DIR && id === '../paths.js') return paths;
    if (dir === BUNDLE_DIR && id === '../codecache.js') return self;
    nodeRequire ??= createRequire(file);
    return nodeRequire(id);
  };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, dir);
  return module.exports;
}

/** The command line from the bundle, or undefined when the build made none (run dist/cli instead). */
export function loadBundle(): { main: (argv: string[]) => Promise<number> } | undefined {
  const main = join(BUNDLE_DIR, 'main.cjs');
  return existsSync(main) ? (loadScript(main) as { main: (argv: string[]) => Promise<number> }) : undefined;
}

/** Each file this process ran through loadScript, by path relative to dist/, and what its cache did. */
export function cacheUse(): Record<string, CacheUse> {
  return Object.fromEntries([...modules].map(([file, m]) => [relToDist(file), m.use]));
}

/**
 * For the build: writes the code cache of every CommonJS file of the cached folders, and the manifest
 * last (a build stopped half-way leaves no manifest, so no cache is used). A file this process ran
 * keeps what running it compiled; the others only their top level.
 */
export function writeCodeCache(): { files: number; bytes: number } {
  rmSync(CACHE_DIR, { recursive: true, force: true });
  const m: Manifest = { node: process.version, v8: process.versions.v8, arch: process.arch, files: {} };
  let bytes = 0;
  for (const folder of CACHED_DIRS) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => n.endsWith('.cjs'));
    } catch {
      continue; // not built
    }
    for (const name of names.sort()) {
      const file = join(folder, name);
      const source = readFileSync(file);
      const script = modules.get(file)?.script ?? new vm.Script(wrap(source.toString('utf8')), compileOptions(file));
      const data = script.createCachedData();
      const rel = relToDist(file);
      mkdirSync(dirname(cacheFile(rel)), { recursive: true });
      writeFileSync(cacheFile(rel), data);
      m.files[rel] = { source: sha256(source), cache: sha256(data) };
      bytes += data.length;
    }
  }
  writeFileSync(`${MANIFEST}.tmp`, JSON.stringify(m, null, 1));
  renameSync(`${MANIFEST}.tmp`, MANIFEST);
  return { files: Object.keys(m.files).length, bytes };
}
