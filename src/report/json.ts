import type { Reporter } from './index.js';

/** The versioned JSON report (schemas/report.schema.json). */
export const json: Reporter = (report) => JSON.stringify(report, null, 2) + '\n';
