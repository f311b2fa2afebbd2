// Run histories with a known structure, for feature, leakage and CLI tests: two repositories, a few workflows, branches
// and actors; a workflow's next run on a branch tends to repeat the previous outcome (so history is learnable), bots
// fail more, and run durations vary so runs overlap (some are still running when the next starts).
import type { RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { seededRandom } from './randomEnsemble';

const START = Date.UTC(2025, 0, 1);

export function syntheticRuns(seed: number, count: number): RunRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const last = new Map<string, string>();
  const runs: RunRecord[] = [];
  let time = START;
  for (let i = 0; i < count; i++) {
    time += Math.floor(random() * 40 * 60_000);
    const repo = pick(['acme/app', 'acme/lib']);
    const workflowId = pick(['11', '22', '33']);
    const branch = pick(['main', 'main', 'feature-a', 'feature-b']);
    const actor = pick(['alice', 'bob', 'dependabot[bot]']);
    const key = `${repo}/${workflowId}/${branch}`;
    const before = last.get(key);
    const failP = (before === 'failure' ? 0.7 : 0.1) + (actor.endsWith('[bot]') ? 0.15 : 0);
    const r = random();
    const conclusion = r < 0.08 ? 'cancelled' : random() < failP ? 'failure' : 'success';
    if (conclusion !== 'cancelled') last.set(key, conclusion);
    const running = i >= count - 3;
    runs.push({
      id: String(1000 + i),
      repo,
      workflowId,
      workflowName: { '11': 'CI tests', '22': 'Lint', '33': 'Deploy pages' }[workflowId] ?? '',
      workflowPath: `.github/workflows/w${workflowId}.yml`,
      actor,
      actorIsBot: actor.endsWith('[bot]'),
      branch,
      sha: `sha${Math.floor(i / 2)}`,
      event: branch === 'main' ? 'push' : 'pull_request',
      createdAt: time,
      completedAt: running ? undefined : time + Math.floor((1 + random() * 90) * 60_000),
      conclusion: running ? '' : conclusion,
      source: `synthetic:${i}`,
    });
  }
  return runs;
}

const iso = (t: number): string => new Date(t).toISOString().replace('.000', '');

/** The runs in the shipped CSV format (the columns the loader reads, plus leaking ones it must ignore as features). */
export function toCsv(runs: readonly RunRecord[]): string {
  const header =
    'repo,id_build,workflow_id,issuer_name,branch,commit_sha,status,workflow_event_trigger,conclusion,created_at,updated_at,build_duration,total_builds,gh_first_commit_created_at,dependencies_count,workflow_size,workflow_name';
  const lines = runs.map((r, i) =>
    [
      r.repo,
      r.id,
      r.workflowId,
      r.actor,
      r.branch,
      r.sha,
      r.completedAt === undefined ? 'in_progress' : 'completed',
      r.event,
      r.conclusion,
      // Both timestamp forms the shipped file mixes.
      i % 2 === 0 ? iso(r.createdAt) : iso(r.createdAt).replace('T', ' ').replace('Z', ''),
      iso(r.completedAt ?? r.createdAt),
      r.completedAt === undefined ? '' : String((r.completedAt - r.createdAt) / 1000),
      String(runs.length - i),
      '',
      '',
      '40',
      `"${r.workflowName}"`,
    ].join(','),
  );
  return `${header}\n${lines.join('\n')}\n`;
}
