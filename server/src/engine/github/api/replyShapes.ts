// The least an item of a GitHub list must have for Preflight to use it. GitHub's replies follow its OpenAPI description,
// but a proxy, a cache or a broken server can send anything; an item without these fields would crash the code that
// reads it (or send a request to `/runs/undefined/jobs`), so it is left out and counted instead. A run's `created_at`
// must be a timestamp: the history orders and ages runs by it.
import { parseTimestamp } from '../../text/parseTimestamp';

export type ListField = 'workflow_runs' | 'jobs' | 'workflows';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';

const CHECKS: Readonly<Record<ListField, (item: Record<string, unknown>) => boolean>> = {
  workflow_runs: (run) =>
    typeof run['created_at'] === 'string' &&
    parseTimestamp(run['created_at']) !== undefined &&
    stringOrNull(run['status'] ?? null) &&
    stringOrNull(run['conclusion'] ?? null),
  jobs: (job) =>
    typeof job['name'] === 'string' && stringOrNull(job['status'] ?? null) && stringOrNull(job['conclusion'] ?? null),
  workflows: (workflow) => typeof workflow['path'] === 'string' && typeof workflow['name'] === 'string',
};

export function listItemIsValid(field: ListField, item: unknown): boolean {
  return isObject(item) && Number.isSafeInteger(item['id']) && CHECKS[field](item);
}
