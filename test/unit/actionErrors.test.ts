// How a failed run action is worded: by the kind the server gave the failure (protocol/pipelineRuns.ts PipelineFailure),
// never by what its sentence happens to say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PipelineFailure } from '../../protocol/pipelineRuns';
import { describeActionError } from '../../client/src/github/actionErrors';
import { RunsRequestError } from '../../client/src/github/runsBackend';

const REPOSITORY = 'preflight-dev/ml-repo';
const RATE_LIMIT_ADVICE = "GitHub's rate limit is used up: try again in a few minutes";

function described(failure: PipelineFailure, kind: Parameters<typeof describeActionError>[0] = 'rerunRun'): string {
  return describeActionError(kind, new RunsRequestError(failure), REPOSITORY);
}

describe('describeActionError', () => {
  it('words a rate limit by its kind, whatever the sentence says', () => {
    assert.equal(
      described({ ok: false, kind: 'rateLimited', error: 'Preflight waits until 11:00 UTC before asking again.' }),
      `Preflight could not re-run the run: ${RATE_LIMIT_ADVICE} (Preflight waits until 11:00 UTC before asking again.).`,
    );
  });

  it('a 403 is a permission problem even when its text mentions a rate limit: the server already ruled that out', () => {
    const message = described({ ok: false, kind: 'http', status: 403, error: 'API rate limit exceeded for user.' });
    assert.equal(
      message,
      `Preflight could not re-run the run: the token lacks the repo scope or you have no write access to ${REPOSITORY} (API rate limit exceeded for user.).`,
    );
    assert.equal(message.includes(RATE_LIMIT_ADVICE), false);
  });

  it('words HTTP statuses by action, and an unreachable GitHub as a network problem', () => {
    assert.equal(
      described({ ok: false, kind: 'http', status: 403, error: 'Resource not accessible' }, 'openLog'),
      `Preflight could not fetch the job log: the token cannot read logs of ${REPOSITORY} (Resource not accessible).`,
    );
    assert.equal(
      described({ ok: false, kind: 'http', status: 502, error: 'GitHub is having trouble (HTTP 502).' }),
      'Preflight could not re-run the run: GitHub had a server error (502): try again shortly (GitHub is having trouble (HTTP 502).).',
    );
    assert.equal(
      described({ ok: false, kind: 'offline', error: 'Cannot reach GitHub: check the network connection.' }),
      'Preflight could not re-run the run: GitHub could not be reached (check the network or proxy) (Cannot reach GitHub: check the network connection.).',
    );
  });

  it("a failure that is neither GitHub's status nor the network reads as the server's sentence, not as a network problem", () => {
    assert.equal(
      described({
        ok: false,
        kind: 'other',
        error: 'Sign in to GitHub first (Preflight: Show Pipeline Panel, then Sign in).',
      }),
      'Preflight could not re-run the run: Sign in to GitHub first (Preflight: Show Pipeline Panel, then Sign in).',
    );
    assert.equal(
      describeActionError('cancelRun', new Error('the Preflight server is not running'), REPOSITORY),
      'Preflight could not cancel the run: the Preflight server is not running.',
    );
  });
});
