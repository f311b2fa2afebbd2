// What went wrong with a rerun/cancel/log request, in words a user can act on. The server decides what kind of failure
// it was (protocol/pipelineRuns.ts PipelineFailure); this only words it. The server's own sentence is kept at the end
// (it is specific: "This workflow run cannot be rerun"), after our reading of the kind and status.
import type { PipelineFailure } from '../../../protocol/pipelineRuns';
import { RunsRequestError } from './runsBackend';

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

function statusReason(kind: RunActionKind, status: number, repository: string): string {
  switch (status) {
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
    default:
      return status >= 500 ? `GitHub had a server error (${status}): try again shortly` : `GitHub answered ${status}`;
  }
}

/** Our reading of the failure, by the kind the server gave it; undefined when the server's sentence says it all. */
function reason(kind: RunActionKind, failure: PipelineFailure, repository: string): string | undefined {
  switch (failure.kind) {
    case 'rateLimited':
      return "GitHub's rate limit is used up: try again in a few minutes";
    case 'offline':
      return 'GitHub could not be reached (check the network or proxy)';
    case 'http':
      return statusReason(kind, failure.status, repository);
    case 'other':
      return undefined;
  }
}

/** One line for showErrorMessage. Never includes request headers, so no token can leak into it. */
export function describeActionError(kind: RunActionKind, error: unknown, repository: string): string {
  const failure: PipelineFailure =
    error instanceof RunsRequestError
      ? error.failure
      : { ok: false, error: error instanceof Error ? error.message : String(error), kind: 'other' };
  const detail = (failure.error.trim().split('\n')[0] ?? '').slice(0, 200);
  const why = reason(kind, failure, repository);
  // The server's sentence as the reason, without its own full stop.
  if (why === undefined)
    return `Preflight could not ${VERB[kind]}: ${detail.replace(/\.$/, '') || 'no reason was given'}.`;
  const tail = detail && !why.includes(detail) ? ` (${detail})` : '';
  return `Preflight could not ${VERB[kind]}: ${why}${tail}.`;
}
