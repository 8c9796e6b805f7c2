import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every temporary folder the tests make (theirs and the CLI's they spawn) goes under one root that
// the run removes at its end (test/global-setup.ts), so a run leaves nothing in the system's.
// A run started by a test (the testing kit's own runs) shares its parent's root and leaves it alone.
const root = process.env.ADHERENCE_TEST_TMP ?? mkdtempSync(join(tmpdir(), 'adherence-test-'));
if (!process.env.ADHERENCE_TEST_TMP) process.env.ADHERENCE_TEST_TMP_OWNER = String(process.pid);
process.env.ADHERENCE_TEST_TMP = root;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CLI tests spawn processes; two cores here, so keep the pool small.
    maxWorkers: 2,
    env: { TMPDIR: root },
    globalSetup: ['test/global-setup.ts'],
  },
});
