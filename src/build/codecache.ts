// Build step (after the bundle): V8's code cache of the bundle's chunks and of the pre-compiled
// validators, in dist/code-cache/ (see src/codecache.ts). It is made in a child process that runs
// `check` of a bundled profile from the package folder, as a user's first command would, so that the
// cache holds the functions a check compiles (the YAML reader, the validators, the rules), not just
// each file's top level. The child's output is discarded: only what it compiled is kept.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';
import { CACHE_DIR, LOADER } from '../codecache.js';

if (process.argv[2] === '--train') {
  // The loader the launcher uses, so that the files it runs are the ones whose cache is written.
  const { loadBundle, writeCodeCache } = createRequire(import.meta.url)(LOADER) as typeof import('../codecache.js');
  const cli = loadBundle();
  if (!cli) throw new Error('no bundle in dist/bundle: run the bundle step first');
  // Its exit code is not the build's concern: without this repository's waivers (an installed copy),
  // the profile's findings make it 1, and the same code has run either way.
  await cli.main(['check', '--no-color', 'profiles/kazakhstan.yaml']);
  const { files, bytes } = writeCodeCache();
  process.stderr.write(`code cache: ${files} files, ${Math.round(bytes / 1024)} KiB\n`);
} else {
  rmSync(CACHE_DIR, { recursive: true, force: true }); // the child compiles everything afresh
  // A child of its own with no flags of ours: V8 accepts a cache only under the flags it was made with.
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train'], {
    cwd: packageRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
