import { rmSync } from 'node:fs';

/**
 * Removes the run's temporary root (made in vitest.config.ts) when the whole run ends; only in the
 * process that made it, not in a run a test started inside it.
 */
export default function setup(): () => void {
  return () => {
    const root = process.env.ADHERENCE_TEST_TMP;
    if (root && process.env.ADHERENCE_TEST_TMP_OWNER === String(process.pid)) rmSync(root, { recursive: true, force: true });
  };
}
