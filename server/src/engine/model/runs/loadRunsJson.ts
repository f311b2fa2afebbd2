// Run history in GitHub API form: a WorkflowRun[] (e.g. `gh api --paginate .../actions/runs --jq '.workflow_runs[]' |
// jq -s`), or the API page itself `{ total_count, workflow_runs: [...] }`. The repository comes from `repository.full_name`
// when present (the API includes it), else from the `repo` option. Jobs are optional: a top-level `jobs` list (the
// list-jobs response's WorkflowJob objects, matched to runs by `run_id`) or a `jobs` list on each run.
import type { WorkflowJob, WorkflowRun } from '../../../../../shared/githubApi';
import { JsonItemScanner } from './jsonItemScanner';
import { parseTimestamp } from '../../text/parseTimestamp';
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
  const reader = new RunsJsonReader(file, repo);
  const problem = reader.feed(text) ?? reader.end();
  return problem !== undefined ? { ok: false, error: problem } : { ok: true, value: reader.result() };
}

/**
 * Reads a history piece by piece (`feed`, then `end`): each run becomes a RunRecord as soon as its text is complete, so
 * only the records are kept, never the API objects (about 5 KB each) or the whole text. Jobs listed at the top level may
 * come after the runs; they are attached when the text ends.
 */
export class RunsJsonReader {
  private readonly scanner = new JsonItemScanner(new Set(['workflow_runs', 'jobs']));
  private readonly runs: RunRecord[] = [];
  /** Jobs listed on the run itself; they follow any the top-level list has for it. */
  private readonly ownJobs = new Map<RunRecord, RunJob[]>();
  private readonly jobsByRun = new Map<string, RunJob[]>();
  private readonly issues = new RowIssueCounter();
  private rows = 0;
  private sawRunList = false;

  constructor(
    private readonly file: string,
    private readonly repo: string,
  ) {}

  /** Runs read so far, skipped ones included. */
  get rowsRead(): number {
    return this.rows;
  }

  /** A message when the text cannot be a history, else undefined. */
  feed(piece: string): string | undefined {
    let items;
    try {
      items = this.scanner.feed(piece);
    } catch (error) {
      return `${this.file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    for (const item of items) {
      const problem =
        item.key === 'jobs' ? this.addTopLevelJob(item.text, item.index) : this.addRun(item.text, item.index);
      if (problem) return problem;
    }
    return undefined;
  }

  end(): string | undefined {
    try {
      this.scanner.end();
    } catch (error) {
      return `${this.file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    if (!this.sawRunList)
      return `${this.file}: expected a list of workflow runs or an object with "workflow_runs" (GitHub's list-runs response)`;
    return undefined;
  }

  result(): RunHistoryLoad {
    const runs = this.runs.map((r) => {
      const top = this.jobsByRun.get(r.id);
      const own = this.ownJobs.get(r);
      return top === undefined ? r : { ...r, jobs: own === undefined ? top : [...top, ...own] };
    });
    return { runs, notes: this.issues.result(this.rows) };
  }

  private addRun(text: string, index: number): string | undefined {
    this.sawRunList = true;
    this.rows++;
    const at = `${this.file}: workflow_runs[${index}]`;
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (error) {
      return `${at}: not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    const problem = checkRun(item);
    if (problem) return `${at}: ${problem}`;
    const run = item as ApiRun;
    const createdAt = parseTimestamp(run.created_at);
    if (createdAt === undefined) return `${at}: created_at '${run.created_at}' is not a timestamp`;
    let own: RunJob[] | undefined;
    if (run.jobs !== undefined) {
      const byRun = new Map<string, RunJob[]>();
      const jobProblem = collectJobs(run.jobs, String(run.id), byRun);
      if (jobProblem) return `${at}: ${jobProblem}`;
      own = byRun.get(String(run.id)) ?? [];
    }
    const updatedAt = parseTimestamp(run.updated_at);
    if (run.status === 'completed' && (updatedAt === undefined || updatedAt < createdAt)) {
      this.issues.skip(NO_FINISH, at);
      return undefined;
    }
    const record = runRecordOf(run, createdAt, this.repo, at, own);
    this.runs.push(record);
    if (own !== undefined) this.ownJobs.set(record, own);
    return undefined;
  }

  private addTopLevelJob(text: string, index: number): string | undefined {
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (error) {
      return `${this.file}: jobs[${index}]: not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    const problem = collectJobs([item], undefined, this.jobsByRun);
    return problem ? `${this.file}: ${problem.replace('jobs[0]', `jobs[${index}]`)}` : undefined;
  }
}

/** One API run as a RunRecord (the run watcher's history uses it too); `createdAt` is the parsed `created_at`. */
export function runRecordOf(
  run: ApiRun,
  createdAt: number,
  repo: string,
  source: string,
  jobs: readonly RunJob[] | undefined,
): RunRecord {
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
  const want: readonly [string, string][] = [
    ['id', 'number'],
    ['workflow_id', 'number'],
    ['created_at', 'string'],
    ['updated_at', 'string'],
    ['event', 'string'],
    ['head_sha', 'string'],
  ];
  for (const [key, type] of want) {
    if (typeof item[key] !== type)
      return `"${key}" must be a ${type} (got ${item[key] === undefined ? 'nothing' : typeof item[key]})`;
  }
  return undefined;
}

/** Adds jobs to their runs (`runId` for a run's own list, else each job's `run_id`); a message for a malformed job. */
function collectJobs(value: unknown, runId: string | undefined, into: Map<string, RunJob[]>): string | undefined {
  if (!Array.isArray(value)) return '"jobs" must be a list of jobs';
  for (const [index, item] of (value as unknown[]).entries()) {
    if (
      !isObject(item) ||
      typeof item['name'] !== 'string' ||
      (runId === undefined && typeof item['run_id'] !== 'number')
    ) {
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
