// Preloaded (node --import) into a measured process when GNU time is missing: on exit, the process
// writes its own peak RSS in KiB to the file named by ADHERENCE_BENCH_RSS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.ADHERENCE_BENCH_RSS) writeFileSync(process.env.ADHERENCE_BENCH_RSS, `${process.resourceUsage().maxRSS}\n`);
});
