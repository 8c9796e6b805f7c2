import type { ChunkReporter, Reporter } from './index.js';
import { jsonChunks, STREAMED } from './json-stream.js';

/** The versioned JSON report (schemas/report.schema.json), in pieces: one a file. */
export const jsonStream: ChunkReporter = (report) => jsonChunks({ ...report, files: STREAMED }, report.files);

/** The versioned JSON report as one string: `JSON.stringify(report, null, 2)`, as the pieces print it. */
export const json: Reporter = (report, opts) => [...jsonStream(report, opts)].join('');
