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

const TARGET_MS = 500;
const RUNS = 1000;
const ITERATIONS = { warmup: 3, runs: 15 };

const root = repoRoot();
const require = createRequire(import.meta.url);
const { computeInsights } = require(path.join(root, 'out/server/src/engine/insights/insights.js'));
const { parseJobs, parseRuns } = require(path.join(root, 'out/server/src/engine/insights/historyInput.js'));
const { workflowContext } = require(path.join(root, 'out/server/src/engine/insights/workflowContext.js'));

/** 10 jobs: setup → (lint, build) → test matrix of 3 → (package, docs) → deploy, plus an independent audit. */
const JOBS = [
  { id: 'setup', needs: [], base: 40 },
  { id: 'lint', needs: ['setup'], base: 90 },
  { id: 'build', needs: ['setup'], base: 240 },
  { id: 'test', needs: ['build', 'lint'], base: 420, legs: ['3.10', '3.11', '3.12'] },
  { id: 'package', needs: ['test'], base: 120 },
  { id: 'docs', needs: ['build'], base: 60 },
  { id: 'deploy', needs: ['package', 'docs'], base: 75 },
  { id: 'audit', needs: [], base: 30 },
];

function workflowText() {
  const lines = ['on: push', 'permissions:', '  contents: read', 'jobs:'];
  for (const j of JOBS) {
    lines.push(`  ${j.id}:`, '    runs-on: ubuntu-latest', '    timeout-minutes: 30');
    if (j.needs.length > 0) lines.push(`    needs: [${j.needs.join(', ')}]`);
    if (j.legs) lines.push('    strategy:', '      matrix:', `        python: [${j.legs.map((l) => `"${l}"`).join(', ')}]`);
    lines.push('    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-python@v5', '      - name: Install dependencies', '        run: pip install -r requirements.txt', `      - run: make ${j.id}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Deterministic pseudo-random numbers (LCG), so every run of the benchmark times the same history. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function history() {
  const random = lcg(42);
  const origin = Date.UTC(2026, 0, 1);
  const iso = (t) => new Date(t).toISOString();
  const runs = [];
  const jobs = [];
  let jobId = 1;
  for (let r = 0; r < RUNS; r++) {
    const created = origin + r * 1800_000 + Math.floor(random() * 600_000);
    const finish = new Map();
    const runJobs = [];
    for (const j of JOBS) {
      const legs = j.legs ?? [undefined];
      let jobEnd = 0;
      for (const leg of legs) {
        const ready = Math.max(created, ...j.needs.map((n) => finish.get(n) ?? created));
        const queue = Math.floor(random() * 20_000);
        const started = ready + queue;
        const slow = r >= RUNS - 8 && j.id === 'build' ? 1.6 : 1; // a regression in the last 8 runs
        const seconds = Math.round(j.base * slow * (0.85 + 0.3 * random()));
        const completed = started + seconds * 1000;
        jobEnd = Math.max(jobEnd, completed);
        const stepSeconds = [2, 8, Math.round(seconds * 0.3), Math.round(seconds * 0.6)];
        stepSeconds.push(Math.max(0, seconds - stepSeconds.reduce((a, b) => a + b, 0)));
        let stepStart = started;
        const names = ['Run actions/checkout@v4', 'Run actions/setup-python@v5', 'Install dependencies', `Run make ${j.id}`, 'Post Run actions/checkout@v4'];
        const steps = stepSeconds.map((s, i) => {
          const step = { name: names[i], status: 'completed', conclusion: 'success', number: i + 1, started_at: iso(stepStart), completed_at: iso(stepStart + s * 1000) };
          stepStart += s * 1000;
          return step;
        });
        const failed = j.id === 'test' && leg === '3.12' && random() < 0.05;
        runJobs.push({
          id: jobId++, run_id: r + 1, run_attempt: 1, name: leg ? `${j.id} (${leg})` : j.id, status: 'completed', conclusion: failed ? 'failure' : 'success',
          created_at: iso(ready), started_at: iso(started), completed_at: iso(completed), html_url: null, head_sha: `sha${r}`, labels: ['ubuntu-latest'], steps,
        });
      }
      finish.set(j.id, jobEnd);
    }
    const end = Math.max(...finish.values());
    runs.push({
      id: r + 1, name: 'CI', run_number: r + 1, run_attempt: 1, event: 'push', status: 'completed', conclusion: 'success', workflow_id: 1,
      path: '.github/workflows/ci.yml', head_branch: r % 5 === 0 ? 'main' : `feature-${r % 17}`, head_sha: `sha${r}`,
      created_at: iso(created), updated_at: iso(end), run_started_at: iso(created), html_url: `https://github.com/o/r/actions/runs/${r + 1}`,
    });
    jobs.push(...runJobs);
  }
  return { runs, jobs };
}

console.log(machineLine());
console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
const { runs, jobs } = history();
const runsText = JSON.stringify({ total_count: runs.length, workflow_runs: runs });
const jobsText = JSON.stringify({ total_count: jobs.length, jobs });
const ctx = workflowContext('.github/workflows/ci.yml', workflowText());
if (!ctx.ok) throw new Error(ctx.error);
console.log(`history: ${runs.length} runs, ${jobs.length} jobs (${jobs.length / runs.length} jobs per run: ${JOBS.length} definitions, test has 3 legs), 5 steps per job; ` +
  `exported JSON ${(runsText.length / 1e6).toFixed(1)} MB + ${(jobsText.length / 1e6).toFixed(1)} MB`);

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
console.log(`result: ${report.durations.length} jobs summarised, critical path ${report.criticalPath.usualPath.join(' → ')}, ` +
  `${report.regressions.length} regression(s), ${report.suggestions.length} suggestion(s) (${report.suggestions.map((s) => s.kind).join(', ')})`);
console.log(`ours: validate + computeInsights, ${ITERATIONS.runs} runs after ${ITERATIONS.warmup} warm-up, interleaved with the anchor`);
console.log(`ours:   median ${ms(median(oursTimes))} ms p90 ${ms(p90(oursTimes))} ms | ratio to anchor ${ratio(median(oursTimes), median(anchorTimes))}`);
// CPU time is what this process used; on a shared machine wall time also counts the time other processes held the cores.
console.log(`ours, CPU time: median ${ms(median(oursCpu.slice(ITERATIONS.warmup)))} ms (wall time above)`);
console.log(`anchor: median ${ms(median(anchorTimes))} ms p90 ${ms(p90(anchorTimes))} ms (JSON.parse of the exported files) (target: ours < ${TARGET_MS} ms, median)`);
process.exitCode = median(oursTimes) < TARGET_MS ? 0 : 1;
if (process.exitCode) console.log(`MISSED: our median ${ms(median(oursTimes))} ms is not under ${TARGET_MS} ms`);
