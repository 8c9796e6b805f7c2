// Preloaded (node --import) into a measured process when GNU time is missing: on exit, the process
// writes its own peak RSS in KiB and its user and system CPU seconds (all its threads) to the file
// named by ADHERENCE_BENCH_RSS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.ADHERENCE_BENCH_RSS)
    writeFileSync(process.env.ADHERENCE_BENCH_RSS, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
});
