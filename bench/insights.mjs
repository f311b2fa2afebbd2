// Insights over a large run history: 1,000 runs of a 10-job workflow (a matrix job among them), each job with 5 timed
// steps, generated deterministically. Ours: validating the exported JSON values (parseRuns/parseJobs) and
// computeInsights with the workflow (durations, critical path per run, regressions, runner minutes, cache use and
// suggestions, whose edits run through the fix gate). Anchor in the same run: JSON.parse of the same exported files,
// the floor any offline tool pays before it can look at a single job.
// Target (issue 9): insights for 1,000 runs with 10 jobs each in under 500 ms (median).
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { machineLine, median, ms, p90, ratio, repoRoot } from './lib/stats.mjs';
import { JOBS, RUNS, syntheticHistory as history, workflowText } from './lib/syntheticHistory.mjs';

const TARGET_MS = 500;
const ITERATIONS = { warmup: 3, runs: 15 };

const root = repoRoot();
const require = createRequire(import.meta.url);
const { computeInsights } = require(path.join(root, 'out/server/src/engine/insights/insights.js'));
const { parseJobs, parseRuns } = require(path.join(root, 'out/server/src/engine/insights/historyInput.js'));
const { workflowContext } = require(path.join(root, 'out/server/src/engine/insights/workflowContext.js'));

console.log(machineLine());
console.log(
  `load average at start: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
const { runs, jobs } = history();
const runsText = JSON.stringify({ total_count: runs.length, workflow_runs: runs });
const jobsText = JSON.stringify({ total_count: jobs.length, jobs });
const ctx = workflowContext('.github/workflows/ci.yml', workflowText());
if (!ctx.ok) throw new Error(ctx.error);
console.log(
  `history: ${runs.length} runs, ${jobs.length} jobs (${jobs.length / runs.length} jobs per run: ${JOBS.length} definitions, test has 3 legs), 5 steps per job; ` +
    `exported JSON ${(runsText.length / 1e6).toFixed(1)} MB + ${(jobsText.length / 1e6).toFixed(1)} MB`,
);

const runsValue = JSON.parse(runsText);
const jobsValue = JSON.parse(jobsText);
let report;
const oursCpu = [];
const ours = () => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const parsedRuns = parseRuns(runsValue, 'runs.json');
  const parsedJobs = parseJobs(jobsValue, 'jobs.json');
  if (!parsedRuns.ok || !parsedJobs.ok) throw new Error('history did not validate');
  report = computeInsights({ runs: parsedRuns.value, jobs: parsedJobs.value, workflow: ctx.value });
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  oursCpu.push((used.user + used.system) / 1000);
  return elapsed;
};
const anchor = () => {
  const start = performance.now();
  const a = JSON.parse(runsText);
  const b = JSON.parse(jobsText);
  const elapsed = performance.now() - start;
  if (a.workflow_runs.length !== RUNS || b.jobs.length !== jobs.length) throw new Error('anchor parse');
  return elapsed;
};

const oursTimes = [];
const anchorTimes = [];
for (let i = 0; i < ITERATIONS.warmup + ITERATIONS.runs; i++) {
  const o = ours();
  const a = anchor();
  if (i < ITERATIONS.warmup) continue;
  oursTimes.push(o);
  anchorTimes.push(a);
}
// The figure must time real work: the planted regression is found and the history yields its suggestions.
if (!report.regressions.some((r) => r.job === 'build')) throw new Error('the planted build regression was not found');
console.log(
  `result: ${report.durations.length} jobs summarised, critical path ${report.criticalPath.usualPath.join(' → ')}, ` +
    `${report.regressions.length} regression(s), ${report.suggestions.length} suggestion(s) (${report.suggestions.map((s) => s.kind).join(', ')})`,
);
console.log(
  `ours: validate + computeInsights, ${ITERATIONS.runs} runs after ${ITERATIONS.warmup} warm-up, interleaved with the anchor`,
);
console.log(
  `ours:   median ${ms(median(oursTimes))} ms p90 ${ms(p90(oursTimes))} ms | ratio to anchor ${ratio(median(oursTimes), median(anchorTimes))}`,
);
// CPU time is what this process used; on a shared machine wall time also counts the time other processes held the cores.
console.log(`ours, CPU time: median ${ms(median(oursCpu.slice(ITERATIONS.warmup)))} ms (wall time above)`);
console.log(
  `anchor: median ${ms(median(anchorTimes))} ms p90 ${ms(p90(anchorTimes))} ms (JSON.parse of the exported files) (target: ours < ${TARGET_MS} ms, median)`,
);
process.exitCode = median(oursTimes) < TARGET_MS ? 0 : 1;
if (process.exitCode) console.log(`MISSED: our median ${ms(median(oursTimes))} ms is not under ${TARGET_MS} ms`);
