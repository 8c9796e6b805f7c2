#!/usr/bin/env node
// Thin launcher. `npm run build` (run on install) compiles src/ to dist/, bundles the command line into
// dist/bundle/ (src/build/bundle.ts) and keeps V8's code cache of it (src/build/codecache.ts), which
// start-up uses while the chunks are the ones it was made from (src/codecache.ts). Without the bundle
// (a build that stopped after tsc), the modules of dist/cli themselves run.
import { loadBundle } from '../dist/codecache.js';

const cli = loadBundle() ?? (await import('../dist/cli/main.js'));

// A reader that stops early (`| head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await cli.main(process.argv.slice(2));
