// Run history in GitHub API form: a WorkflowRun[] (e.g. `gh api --paginate .../actions/runs --jq '.workflow_runs[]' |
// jq -s`), or the API page itself `{ total_count, workflow_runs: [...] }`. The repository comes from `repository.full_name`
// when present (the API includes it), else from the `repo` option. Jobs are optional: a top-level `jobs` list (the
// list-jobs response's WorkflowJob objects, matched to runs by `run_id`) or a `jobs` list on each run.
import type { WorkflowJob, WorkflowRun } from '../../github/api/types';
import { parseTimestamp } from './parseTimestamp';
import { RowIssueCounter, type RunHistoryLoad } from './runLoadNotes';
import { looksLikeBot, type LoadResult, type RunJob, type RunRecord } from './runRecord';

export type ApiRun = WorkflowRun & { readonly repository?: { readonly full_name?: string }; readonly jobs?: unknown };

/** Skipped: placing the run in history needs the time its outcome became known. */
const NO_FINISH = 'completed but with no finish time (updated_at not a timestamp at or after created_at)';

export function loadRunsJson(text: string, file: string, repo = ''): LoadResult<RunRecord[]> {
  const loaded = loadRunsJsonWithNotes(text, file, repo);
  return loaded.ok ? { ok: true, value: loaded.value.runs } : loaded;
}

/** The runs and what was skipped: a completed run without a usable finish time cannot be placed in history without
 * letting earlier runs see its outcome. */
export function loadRunsJsonWithNotes(text: string, file: string, repo = ''): LoadResult<RunHistoryLoad> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data['workflow_runs']) ? data['workflow_runs'] : undefined;
  if (!list) return { ok: false, error: `${file}: expected a list of workflow runs or an object with "workflow_runs" (GitHub's list-runs response)` };
  const jobsByRun = new Map<string, RunJob[]>();
  const topJobs = isObject(data) ? data['jobs'] : undefined;
  if (topJobs !== undefined) {
    const problem = collectJobs(topJobs, undefined, jobsByRun);
    if (problem) return { ok: false, error: `${file}: ${problem}` };
  }
  const runs: RunRecord[] = [];
  const issues = new RowIssueCounter();
  for (const [index, item] of (list as unknown[]).entries()) {
    const at = `${file}: workflow_runs[${index}]`;
    const problem = checkRun(item);
    if (problem) return { ok: false, error: `${at}: ${problem}` };
    const run = item as ApiRun;
    const createdAt = parseTimestamp(run.created_at);
    if (createdAt === undefined) return { ok: false, error: `${at}: created_at '${run.created_at}' is not a timestamp` };
    if (run.jobs !== undefined) {
      const problem = collectJobs(run.jobs, String(run.id), jobsByRun);
      if (problem) return { ok: false, error: `${at}: ${problem}` };
    }
    const updatedAt = parseTimestamp(run.updated_at);
    if (run.status === 'completed' && (updatedAt === undefined || updatedAt < createdAt)) {
      issues.skip(NO_FINISH, at);
      continue;
    }
    runs.push(runRecordOf(run, createdAt, repo, at, jobsByRun.get(String(run.id))));
  }
  return { ok: true, value: { runs, notes: issues.result(list.length) } };
}

/** One API run as a RunRecord (the run watcher's history uses it too); `createdAt` is the parsed `created_at`. */
export function runRecordOf(run: ApiRun, createdAt: number, repo: string, source: string, jobs: readonly RunJob[] | undefined): RunRecord {
  const completed = run.status === 'completed';
  const updatedAt = parseTimestamp(run.updated_at);
  const actor = run.triggering_actor?.login ?? run.actor?.login ?? '';
  const actorType = run.triggering_actor?.type ?? run.actor?.type;
  return {
    id: String(run.id),
    repo: run.repository?.full_name ?? repo,
    workflowId: String(run.workflow_id),
    workflowName: run.name ?? '',
    workflowPath: run.path?.replace(/@.*$/, ''),
    actor,
    actorIsBot: actorType === 'Bot' || looksLikeBot(actor),
    branch: run.head_branch ?? '',
    sha: run.head_sha,
    event: run.event,
    createdAt,
    completedAt: completed ? Math.max(createdAt, updatedAt ?? createdAt) : undefined,
    conclusion: completed ? (run.conclusion ?? '') : '',
    commitAt: run.head_commit ? parseTimestamp(run.head_commit.timestamp) : undefined,
    dependenciesCount: undefined,
    workflowSize: undefined,
    jobs,
    source,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields features need, with their API types; the message says which field is wrong. */
function checkRun(item: unknown): string | undefined {
  if (!isObject(item)) return 'expected an object (a workflow run)';
  const want: readonly [string, string][] = [['id', 'number'], ['workflow_id', 'number'], ['created_at', 'string'], ['updated_at', 'string'], ['event', 'string'], ['head_sha', 'string']];
  for (const [key, type] of want) {
    if (typeof item[key] !== type) return `"${key}" must be a ${type} (got ${item[key] === undefined ? 'nothing' : typeof item[key]})`;
  }
  return undefined;
}

/** Adds jobs to their runs (`runId` for a run's own list, else each job's `run_id`); a message for a malformed job. */
function collectJobs(value: unknown, runId: string | undefined, into: Map<string, RunJob[]>): string | undefined {
  if (!Array.isArray(value)) return '"jobs" must be a list of jobs';
  for (const [index, item] of (value as unknown[]).entries()) {
    if (!isObject(item) || typeof item['name'] !== 'string' || (runId === undefined && typeof item['run_id'] !== 'number')) {
      return `jobs[${index}] needs a "name"${runId === undefined ? ' and a numeric "run_id"' : ''}`;
    }
    const job = item as unknown as WorkflowJob;
    const key = runId ?? String(job.run_id);
    const list = into.get(key) ?? [];
    list.push(runJobOf(job));
    into.set(key, list);
  }
  return undefined;
}

export function runJobOf(job: WorkflowJob): RunJob {
  return {
    name: job.name,
    conclusion: job.status === 'completed' ? (job.conclusion ?? '') : '',
    startedAt: typeof job.started_at === 'string' ? parseTimestamp(job.started_at) : undefined,
    completedAt: typeof job.completed_at === 'string' ? parseTimestamp(job.completed_at) : undefined,
  };
}
