// `preflight runs --repo OWNER/NAME [--branch B] [--api-url URL] [--format text|json]`: the newest Actions runs with
// their jobs and steps, as the panel shows them.
import { formatDuration } from '../../../../protocol/durationText';
import type { PipelineRun } from '../../../../protocol/pipelineRuns';
import { toPipelineRun } from '../../engine/github/api/runsSnapshot';
import { parseArgs, stringFlag } from '../args';
import { UsageError } from '../usageError';
import { githubClient, repoFlag } from './githubOptions';

export const RUNS_USAGE =
  'preflight runs --repo OWNER/NAME [--branch B] [--limit N] [--api-url URL] [--format text|json]';

const MARK: Record<string, string> = { success: '✓', failure: '✗', cancelled: '⊘', skipped: '–', timed_out: '✗' };

function mark(status: string | null, conclusion: string | null): string {
  if (status !== 'completed') return status === 'in_progress' ? '●' : '○';
  return MARK[conclusion ?? ''] ?? '?';
}

function duration(start: string | null, end: string | null, now: number): string {
  if (start === null) return '';
  const ms = (end === null ? now : Date.parse(end)) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  return formatDuration(ms / 1000);
}

/** Untrusted text from GitHub (titles, names) printed on one line without terminal control characters. */
function plain(text: string | null): string {
  // eslint-disable-next-line no-control-regex -- removing terminal control characters is the point
  return (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

export function formatRunsText(runs: readonly PipelineRun[], now: number): string {
  if (runs.length === 0) return 'No workflow runs.\n';
  const lines: string[] = [];
  for (const run of runs) {
    const state = run.status === 'completed' ? (run.conclusion ?? 'completed') : (run.status ?? 'unknown');
    const end = run.status === 'completed' ? run.updated_at : null;
    const attempt = (run.run_attempt ?? 1) > 1 ? `, attempt ${run.run_attempt ?? 1}` : '';
    lines.push(
      `${mark(run.status, run.conclusion)} ${plain(run.name)} #${run.run_number} ${state} (${run.event} on ${plain(run.head_branch)} @ ${run.head_sha.slice(0, 7)} by ${plain(run.actor)}, ${duration(run.run_started_at, end, now)}${attempt}) run ${run.id}`,
    );
    lines.push(`    ${plain(run.display_title)}`);
    for (const job of run.jobs ?? []) {
      lines.push(
        `  ${mark(job.status, job.conclusion)} ${plain(job.name)} ${job.status === 'completed' ? (job.conclusion ?? '') : job.status} ${duration(job.started_at, job.completed_at, now)} job ${job.id}`.trimEnd(),
      );
      for (const step of job.steps)
        lines.push(`      ${mark(step.status, step.conclusion)} ${step.number}. ${plain(step.name)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function runRuns(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ output: string; exitCode: number; warning?: string }> {
  const args = parseArgs(argv, ['repo', 'branch', 'api-url', 'format', 'limit'], []);
  const format = stringFlag(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be one of text, json (got '${format}')`);
  const limitText = stringFlag(args, 'limit') ?? '10';
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100)
    throw new UsageError(`--limit must be 1..100 (got '${limitText}')`);
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n${RUNS_USAGE}`);
  const ref = repoFlag(args);
  const client = githubClient(args, env, false);
  const listed = await client.listRuns({
    ...ref,
    branch: stringFlag(args, 'branch') ?? null,
    perPage: Number(limitText),
  });
  const runs = await Promise.all(
    listed.items.map(async (run) => toPipelineRun(run, (await client.listJobs(ref, run.id)).items)),
  );
  const output =
    format === 'json'
      ? `${JSON.stringify({ owner: ref.owner, repo: ref.repo, runs }, null, 2)}\n`
      : formatRunsText(runs, Date.now());
  if (listed.malformed === 0) return { output, exitCode: 0 };
  // A reply with unreadable runs is a broken reply: say so and fail, so a script does not take "No workflow runs" for the truth.
  const warning = `GitHub's reply had ${listed.malformed} run${listed.malformed === 1 ? '' : 's'} without the fields Preflight reads (id, status, creation time); they are left out.`;
  return { output, exitCode: 1, warning };
}
