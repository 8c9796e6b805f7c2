#!/usr/bin/env node
// Thin launcher. `npm run build` (run on install) compiles src/ to dist/ and bundles the command line
// into dist/bundle/ (src/build/bundle.ts), which starts several times faster than loading dist/cli's
// modules one by one; without the bundle (a build that stopped after tsc), the modules themselves run.
let cli;
try {
  cli = await import('../dist/bundle/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/bundle/main.js')) throw err;
  cli = await import('../dist/cli/main.js');
}

// A reader that stops early (`| head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await cli.main(process.argv.slice(2));
