// The server decides what kind of failure a pipeline request met (server/src/lsp/pipelineFailure.ts): from the GitHub
// client's error kind and status, so the client can word it without reading the sentence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitHubApiError, rateLimitedError, translateStatus } from '../../server/src/engine/github/api/githubApiError';
import { pipelineFailure, refused } from '../../server/src/lsp/pipelineFailure';

const RESET = Date.parse('2026-11-20T11:00:00Z');
const CONTEXT = { owner: 'o', repo: 'r', action: 're-run run 7' };

describe('pipelineFailure', () => {
  it('a rate limit is rateLimited, whether GitHub said 403 or 429, and carries no status to misread', () => {
    for (const status of [403, 429]) {
      const failure = pipelineFailure(translateStatus(status, { message: 'API rate limit exceeded' }, CONTEXT, RESET));
      assert.deepEqual(failure, { ok: false, kind: 'rateLimited', error: rateLimitedError(RESET).message });
    }
    assert.equal(pipelineFailure(rateLimitedError(RESET)).kind, 'rateLimited', 'known before asking');
  });

  it('a 403 the rate limit tracker did not see is a permission failure with its status', () => {
    assert.deepEqual(pipelineFailure(translateStatus(403, { message: 'Resource not accessible' }, CONTEXT)), {
      ok: false,
      kind: 'http',
      status: 403,
      error: 'The GitHub token lacks the repo scope or access to o/r (403): sign in again and grant it.',
    });
  });

  it('no answer is offline; a reply Preflight could not use, or any other error, is the sentence alone', () => {
    assert.equal(pipelineFailure(translateStatus(0, { message: 'getaddrinfo ENOTFOUND' }, CONTEXT)).kind, 'offline');
    assert.deepEqual(pipelineFailure(new GitHubApiError('server', 'GitHub did not confirm the request.', undefined)), {
      ok: false,
      kind: 'other',
      error: 'GitHub did not confirm the request.',
    });
    assert.deepEqual(pipelineFailure(new TypeError('x is undefined')), {
      ok: false,
      kind: 'other',
      error: 'Unexpected failure: x is undefined',
    });
    assert.deepEqual(refused('The repository or job id is malformed.'), {
      ok: false,
      kind: 'other',
      error: 'The repository or job id is malformed.',
    });
  });
});
