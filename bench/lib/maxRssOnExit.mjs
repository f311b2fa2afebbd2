// Preloaded (`node --import`) into a benchmarked child: at exit it writes the child's own peak resident memory and CPU
// time to the file PREFLIGHT_BENCH_USAGE names, so the bench measures the child alone, with no /usr/bin/time needed.
import fs from 'node:fs';

process.on('exit', () => {
  const file = process.env.PREFLIGHT_BENCH_USAGE;
  if (!file) return;
  const u = process.resourceUsage();
  fs.writeFileSync(
    file,
    JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }),
  );
});
