// Run history from exported JSON, as `gh api` writes it: `{workflow_runs: [...]}` / `{jobs: [...]}`, a bare array, or the
// array of pages that `gh api --paginate --slurp` writes. Validated field by field: a file from elsewhere is user input,
// and a clear "runs.json: workflow_runs[3].created_at is not a date" beats a NaN minutes figure later.
import type { WorkflowJob, WorkflowRun, WorkflowStep } from '../../../../shared/githubApi';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's form, `2026-01-05T09:00:00Z`: checked by pattern, several times cheaper than Date.parse on 100,000 stamps. */
const API_TIMESTAMP = /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d(\.\d+)?Z$/;

function isDate(value: unknown): value is string {
  return typeof value === 'string' && (API_TIMESTAMP.test(value) || !Number.isNaN(Date.parse(value)));
}

const isOptionalDate = (value: unknown): boolean => value === undefined || value === null || isDate(value);
const isNullableString = (value: unknown): boolean => value === null || typeof value === 'string';
const isId = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value);

/** The items of a listing in any of the shapes `gh api` produces; `key` is the field of one page (`workflow_runs`, `jobs`). */
function listItems(value: unknown, key: string): { items: unknown[]; where: (i: number) => string } | string {
  if (isRecord(value)) {
    const items = value[key];
    return Array.isArray(items)
      ? { items, where: (i) => `${key}[${i}]` }
      : `expected a "${key}" array (the shape of \`gh api\`), found none`;
  }
  if (!Array.isArray(value)) return `expected {"${key}": [...]} or an array`;
  // Pages from --paginate --slurp: [{total_count, workflow_runs: [...]}, ...].
  if (value.length > 0 && value.every((p) => isRecord(p) && Array.isArray(p[key]))) {
    const items: unknown[] = [];
    const origin: string[] = [];
    value.forEach((page, p) => {
      ((page as Json)[key] as unknown[]).forEach((item, i) => {
        items.push(item);
        origin.push(`[${p}].${key}[${i}]`);
      });
    });
    return { items, where: (i) => origin[i] ?? `[${i}]` };
  }
  return { items: value, where: (i) => `[${i}]` };
}

/** The first field that does not hold what the API would put there, or undefined when the item is usable. */
function runProblem(run: unknown): string | undefined {
  if (!isRecord(run)) return 'is not an object';
  if (!isId(run['id'])) return '.id is missing or not an integer';
  if (!isDate(run['created_at'])) return '.created_at is missing or not a date';
  if (!isOptionalDate(run['updated_at'])) return '.updated_at is not a date';
  if (!isNullableString(run['status'] ?? null) || !isNullableString(run['conclusion'] ?? null))
    return '.status/.conclusion is not a string';
  if (!isNullableString(run['head_branch'] ?? null)) return '.head_branch is not a string';
  if (run['path'] !== undefined && typeof run['path'] !== 'string') return '.path is not a string';
  return undefined;
}

function stepProblem(step: unknown): string | undefined {
  if (!isRecord(step)) return 'is not an object';
  if (typeof step['name'] !== 'string') return '.name is missing';
  if (typeof step['number'] !== 'number') return '.number is missing';
  if (!isOptionalDate(step['started_at']) || !isOptionalDate(step['completed_at']))
    return '.started_at/.completed_at is not a date';
  return undefined;
}

function jobProblem(job: unknown): string | undefined {
  if (!isRecord(job)) return 'is not an object';
  if (!isId(job['id'])) return '.id is missing or not an integer';
  if (!isId(job['run_id'])) return '.run_id is missing or not an integer';
  if (typeof job['name'] !== 'string') return '.name is missing';
  if (typeof job['status'] !== 'string') return '.status is missing';
  if (!isNullableString(job['conclusion'] ?? null)) return '.conclusion is not a string';
  if (!isOptionalDate(job['started_at'])) return '.started_at is not a date';
  if (!isOptionalDate(job['completed_at']) || !isOptionalDate(job['created_at']))
    return '.completed_at/.created_at is not a date';
  const labels = job['labels'];
  if (labels !== undefined && !(Array.isArray(labels) && labels.every((l) => typeof l === 'string')))
    return '.labels is not a list of strings';
  const steps = job['steps'];
  if (steps !== undefined && steps !== null) {
    if (!Array.isArray(steps)) return '.steps is not a list';
    for (let i = 0; i < steps.length; i++) {
      const problem = stepProblem(steps[i]);
      if (problem) return `.steps[${i}]${problem}`;
    }
  }
  return undefined;
}

function parseList<T>(
  value: unknown,
  file: string,
  key: string,
  problemOf: (item: unknown) => string | undefined,
  normalise: (item: Json) => T,
): Parsed<T[]> {
  const listing = listItems(value, key);
  if (typeof listing === 'string') return { ok: false, error: `${file}: ${listing}` };
  const out: T[] = [];
  for (let i = 0; i < listing.items.length; i++) {
    const item = listing.items[i];
    const problem = problemOf(item);
    if (problem)
      return { ok: false, error: `${file}: ${listing.where(i)}${problem.startsWith('.') ? '' : ' '}${problem}` };
    out.push(normalise(item as Json));
  }
  return { ok: true, value: out };
}

export function parseRuns(value: unknown, file: string): Parsed<WorkflowRun[]> {
  return parseList(
    value,
    file,
    'workflow_runs',
    runProblem,
    (run) =>
      ({
        ...run,
        // Listings trimmed by `--jq` often drop these; defaults keep later code free of undefined checks.
        updated_at: typeof run['updated_at'] === 'string' ? run['updated_at'] : run['created_at'],
        status: run['status'] ?? null,
        conclusion: run['conclusion'] ?? null,
        head_branch: run['head_branch'] ?? null,
      }) as unknown as WorkflowRun,
  );
}

export function parseJobs(value: unknown, file: string): Parsed<WorkflowJob[]> {
  return parseList(
    value,
    file,
    'jobs',
    jobProblem,
    (job) =>
      ({
        ...job,
        conclusion: job['conclusion'] ?? null,
        completed_at: job['completed_at'] ?? null,
        labels: job['labels'] ?? [],
        steps: (job['steps'] ?? []) as WorkflowStep[],
      }) as unknown as WorkflowJob,
  );
}
