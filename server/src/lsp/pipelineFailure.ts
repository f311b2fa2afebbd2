// A failed pipeline request as the client receives it (protocol/pipelineRuns.ts PipelineFailure): the server decides its
// kind here, from what the GitHub client saw (status, rate-limit headers, no answer at all), so the client never has to
// read the sentence to know what happened.
import type { PipelineFailure } from '../../../protocol/pipelineRuns';
import { GitHubApiError } from '../engine/github/api/githubApiError';

/** A request the server refused or could not make (malformed, not signed in): the sentence says it all. */
export function refused(error: string): PipelineFailure {
  return { ok: false, error, kind: 'other' };
}

export function pipelineFailure(error: unknown): PipelineFailure {
  if (!(error instanceof GitHubApiError))
    return refused(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  // A rate limit can arrive as 403 or 429 (or be known before asking): its kind, not its status, says what it is.
  if (error.kind === 'rateLimited' || error.kind === 'offline')
    return { ok: false, error: error.message, kind: error.kind };
  if (error.status !== undefined) return { ok: false, error: error.message, kind: 'http', status: error.status };
  return refused(error.message);
}
