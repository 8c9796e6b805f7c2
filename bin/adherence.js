#!/usr/bin/env node
// Thin launcher, CommonJS (bin/package.json) so that a start loads no ES module. `npm run build` (run
// on install) compiles src/ to dist/, bundles the command line into dist/bundle/ with its loader
// dist/codecache.cjs (src/build/bundle.ts), and keeps V8's code cache of it (src/build/codecache.ts),
// which the loader uses while the files are the ones it was made from (src/codecache.ts). Without the
// bundle (a build that stopped after tsc), the modules of dist/cli themselves run.
'use strict';

let loader;
try {
  loader = require('../dist/codecache.cjs');
} catch (err) {
  if (err?.code !== 'MODULE_NOT_FOUND' || !String(err.message).includes('codecache.cjs')) throw err;
}

// A reader that stops early (`| head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

(async () => {
  const cli = loader?.loadBundle() ?? (await import('../dist/cli/main.js'));
  process.exitCode = await cli.main(process.argv.slice(2));
})();
