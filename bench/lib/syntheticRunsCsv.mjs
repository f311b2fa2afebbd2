// A synthetic run history in the shape of ../shared/data/ci-runs/gha_workflow_runs.csv (same columns, same value forms,
// rows grouped by repository then creation time like the shipped file), of any size, written as a stream so a
// million runs never sit in memory. Deterministic (LCG), so every run of a benchmark trains on the same bytes.
// Failures cluster the way real ones do: a workflow that just failed is likely to fail again, some actors and branches
// fail more, and about an eighth of runs are cancelled or skipped (history, not labels).
import fs from 'node:fs';

export const HEADER =
  'repo,id_build,workflow_id,issuer_name,branch,commit_sha,languages,status,workflow_event_trigger,conclusion,created_at,updated_at,build_duration,total_builds,gh_first_commit_created_at,build_language,dependencies_count,workflow_size,test_framework,workflow_name,fetch_duration';

const WORKFLOW_NAMES = [
  'CI',
  'Tests',
  'Lint',
  'Build and publish',
  'Deploy pages',
  'Docs',
  'CodeQL',
  'Release',
  'Nightly',
  'Bump dependencies',
];
const EVENTS = ['push', 'push', 'push', 'pull_request', 'pull_request', 'schedule', 'workflow_dispatch', 'dynamic'];

function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const hex = (random, n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

/** Writes `runs` rows to `file` (plus the header); resolves when the file is flushed. */
export async function writeSyntheticRunsCsv(file, runs, seed = 7) {
  const random = lcg(seed);
  // About 20,000 runs per repository, as a busy organisation's repositories have; at least 3 repositories.
  const repos = Math.max(3, Math.round(runs / 20_000));
  const out = fs.createWriteStream(file);
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write(`${HEADER}\n`);
  const origin = Date.UTC(2025, 0, 1);
  const span = 365 * 86_400_000;
  let id = 10_000_000_000;
  for (let r = 0; r < repos; r++) {
    const count = Math.floor(runs / repos) + (r < runs % repos ? 1 : 0);
    const repo = `org${r % 7}/service-${r}`;
    const workflows = WORKFLOW_NAMES.map((name, k) => ({
      id: 100_000 + r * 100 + k,
      name,
      failing: false,
      size: 20 + Math.floor(random() * 200),
    }));
    const actors = Array.from({ length: 25 }, (_, k) => (k === 0 ? 'dependabot[bot]' : `dev-${r}-${k}`));
    const branches = ['main', ...Array.from({ length: 30 }, (_, k) => `feature/${r}-${k}`)];
    let sha = hex(random, 40);
    let commitAt = origin;
    let lines = [];
    for (let i = 0; i < count; i++) {
      const created = origin + Math.floor((i / count) * span) + Math.floor(random() * 60_000);
      if (random() < 0.3) {
        sha = hex(random, 40);
        commitAt = created - Math.floor(random() * 7_200_000);
      }
      const w = workflows[Math.floor(random() * random() * workflows.length)];
      const actor = actors[Math.floor(random() * random() * actors.length)];
      const branch = random() < 0.5 ? 'main' : branches[1 + Math.floor(random() * (branches.length - 1))];
      const risky = (actor.endsWith('[bot]') ? 0.1 : 0) + (branch === 'main' ? 0 : 0.05);
      const pFail = (w.failing ? 0.55 : 0.1) + risky;
      const u = random();
      const conclusion = u < 0.1 ? 'cancelled' : u < 0.12 ? 'skipped' : random() < pFail ? 'failure' : 'success';
      if (conclusion === 'failure' || conclusion === 'success') w.failing = conclusion === 'failure';
      const duration = 20 + Math.floor(random() * 900);
      const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');
      lines.push(
        [
          repo,
          id++,
          w.id,
          actor,
          branch,
          sha,
          'Python',
          'completed',
          EVENTS[Math.floor(random() * EVENTS.length)],
          conclusion,
          iso(created),
          iso(created + duration * 1000),
          `${duration}.0`,
          count - i,
          iso(commitAt),
          'python',
          Math.floor(random() * 40),
          w.size,
          '[]',
          w.name,
          (random() * 0.5).toFixed(4),
        ].join(','),
      );
      if (lines.length === 1000) {
        await write(`${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) await write(`${lines.join('\n')}\n`);
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}
