// The synthetic run history the insights and duration-model benchmarks share: 1,000 runs of a 10-job workflow (a matrix
// job among them), each job with 5 timed steps, generated deterministically, with a planted regression of the build job
// in the last 8 runs.
export const RUNS = 1000;

/** 10 jobs: setup → (lint, build) → test matrix of 3 → (package, docs) → deploy, plus an independent audit. */
export const JOBS = [
  { id: 'setup', needs: [], base: 40 },
  { id: 'lint', needs: ['setup'], base: 90 },
  { id: 'build', needs: ['setup'], base: 240 },
  { id: 'test', needs: ['build', 'lint'], base: 420, legs: ['3.10', '3.11', '3.12'] },
  { id: 'package', needs: ['test'], base: 120 },
  { id: 'docs', needs: ['build'], base: 60 },
  { id: 'deploy', needs: ['package', 'docs'], base: 75 },
  { id: 'audit', needs: [], base: 30 },
];

export function workflowText() {
  const lines = ['on: push', 'permissions:', '  contents: read', 'jobs:'];
  for (const j of JOBS) {
    lines.push(`  ${j.id}:`, '    runs-on: ubuntu-latest', '    timeout-minutes: 30');
    if (j.needs.length > 0) lines.push(`    needs: [${j.needs.join(', ')}]`);
    if (j.legs)
      lines.push('    strategy:', '      matrix:', `        python: [${j.legs.map((l) => `"${l}"`).join(', ')}]`);
    lines.push(
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-python@v5',
      '      - name: Install dependencies',
      '        run: pip install -r requirements.txt',
      `      - run: make ${j.id}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Deterministic pseudo-random numbers (LCG), so every run of the benchmark times the same history. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

export function syntheticHistory() {
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
        const names = [
          'Run actions/checkout@v4',
          'Run actions/setup-python@v5',
          'Install dependencies',
          `Run make ${j.id}`,
          'Post Run actions/checkout@v4',
        ];
        const steps = stepSeconds.map((s, i) => {
          const step = {
            name: names[i],
            status: 'completed',
            conclusion: 'success',
            number: i + 1,
            started_at: iso(stepStart),
            completed_at: iso(stepStart + s * 1000),
          };
          stepStart += s * 1000;
          return step;
        });
        const failed = j.id === 'test' && leg === '3.12' && random() < 0.05;
        runJobs.push({
          id: jobId++,
          run_id: r + 1,
          run_attempt: 1,
          name: leg ? `${j.id} (${leg})` : j.id,
          status: 'completed',
          conclusion: failed ? 'failure' : 'success',
          created_at: iso(ready),
          started_at: iso(started),
          completed_at: iso(completed),
          html_url: null,
          head_sha: `sha${r}`,
          labels: ['ubuntu-latest'],
          steps,
        });
      }
      finish.set(j.id, jobEnd);
    }
    const end = Math.max(...finish.values());
    runs.push({
      id: r + 1,
      name: 'CI',
      run_number: r + 1,
      run_attempt: 1,
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      workflow_id: 1,
      path: '.github/workflows/ci.yml',
      head_branch: r % 5 === 0 ? 'main' : `feature-${r % 17}`,
      head_sha: `sha${r}`,
      created_at: iso(created),
      updated_at: iso(end),
      run_started_at: iso(created),
      html_url: `https://github.com/o/r/actions/runs/${r + 1}`,
    });
    jobs.push(...runJobs);
  }
  return { runs, jobs };
}
