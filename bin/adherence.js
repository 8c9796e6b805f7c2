#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built from src/cli by `npm run build`, run on install).
import { main } from '../dist/cli/main.js';

// A reader that stops early (`| head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
