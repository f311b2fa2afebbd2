// Run history in GitHub API form: a WorkflowRun[] (e.g. `gh api --paginate .../actions/runs --jq '.workflow_runs[]' |
// jq -s`), or the API page itself `{ total_count, workflow_runs: [...] }`. The repository comes from `repository.full_name`
// when present (the API includes it), else from the `repo` option.
import type { WorkflowRun } from '../../github/api/types';
import { parseTimestamp } from './parseTimestamp';
import { looksLikeBot, type LoadResult, type RunRecord } from './runRecord';

type ApiRun = WorkflowRun & { readonly repository?: { readonly full_name?: string } };

export function loadRunsJson(text: string, file: string, repo = ''): LoadResult<RunRecord[]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data['workflow_runs']) ? data['workflow_runs'] : undefined;
  if (!list) return { ok: false, error: `${file}: expected a list of workflow runs or an object with "workflow_runs" (GitHub's list-runs response)` };
  const runs: RunRecord[] = [];
  for (const [index, item] of (list as unknown[]).entries()) {
    const at = `${file}: workflow_runs[${index}]`;
    const problem = checkRun(item);
    if (problem) return { ok: false, error: `${at}: ${problem}` };
    const run = item as ApiRun;
    const createdAt = parseTimestamp(run.created_at);
    if (createdAt === undefined) return { ok: false, error: `${at}: created_at '${run.created_at}' is not a timestamp` };
    const completed = run.status === 'completed';
    const updatedAt = parseTimestamp(run.updated_at);
    const actor = run.triggering_actor?.login ?? run.actor?.login ?? '';
    const actorType = run.triggering_actor?.type ?? run.actor?.type;
    runs.push({
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
      source: at,
    });
  }
  return { ok: true, value: runs };
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
