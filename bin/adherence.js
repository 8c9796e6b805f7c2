#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built from src/cli by `npm run build`, run on install).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
