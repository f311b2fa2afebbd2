// What went wrong with a rerun/cancel/log request, in words a user can act on. GitHub's own message is kept at the end
// (it is specific: "This workflow run cannot be rerun"), after our reading of the status code.
import type { RunsBackendError } from './runsBackend';

export type RunActionKind =
  'rerunFailed' | 'rerunJob' | 'rerunRun' | 'cancelRun' | 'openLog' | 'openStep' | 'explainFailure';

const VERB: Record<RunActionKind, string> = {
  rerunFailed: 're-run the failed jobs',
  rerunJob: 're-run the job',
  rerunRun: 're-run the run',
  cancelRun: 'cancel the run',
  openLog: 'fetch the job log',
  openStep: 'find the step in the workflow file',
  explainFailure: 'explain the failure',
};

function isBackendError(value: unknown): value is RunsBackendError {
  if (typeof value !== 'object' || value === null || !('message' in value) || typeof value.message !== 'string')
    return false;
  return !('status' in value) || value.status === undefined || typeof value.status === 'number';
}

function reason(kind: RunActionKind, status: number | undefined, repository: string, message: string): string {
  // GitHub answers a used-up primary rate limit with 403, like a permission problem; its message tells them apart.
  if ((status === 403 || status === 429) && /rate limit/i.test(message))
    return "GitHub's rate limit is used up: try again in a few minutes";
  switch (status) {
    case undefined:
      return 'GitHub could not be reached (check the network or proxy)';
    case 401:
      return 'the GitHub session expired: sign in again';
    case 403:
      return kind === 'openLog' || kind === 'explainFailure'
        ? `the token cannot read logs of ${repository}`
        : `the token lacks the repo scope or you have no write access to ${repository}`;
    case 404:
      return `GitHub has no such run or job in ${repository} any more (or the token cannot see the repository)`;
    case 409:
      return kind === 'cancelRun'
        ? 'the run already completed'
        : 'the run is still in progress or already being re-run';
    case 410:
      return 'the log has expired';
    case 422:
      return 'GitHub refused the request';
    case 429:
      return "GitHub's rate limit is used up: try again in a few minutes";
    default:
      return status >= 500 ? `GitHub had a server error (${status}): try again shortly` : `GitHub answered ${status}`;
  }
}

/** One line for showErrorMessage. Never includes request headers, so no token can leak into it. */
export function describeActionError(kind: RunActionKind, error: unknown, repository: string): string {
  const backend = isBackendError(error) ? error : { message: error instanceof Error ? error.message : String(error) };
  const why = reason(kind, backend.status, repository, backend.message);
  const detail = backend.message.trim().split('\n')[0] ?? '';
  const tail = detail && !why.includes(detail) ? ` (${detail.slice(0, 200)})` : '';
  return `Preflight could not ${VERB[kind]}: ${why}${tail}.`;
}
