// GitHub failures translated into one clear sentence for the user, with a kind the watcher maps to a panel state. The
// token never appears in a message: messages are built from the status, GitHub's own error text and our context only.

export type GitHubErrorKind =
  | 'offline' // no answer: network down, DNS, connection dropped
  | 'unauthorized' // 401: token missing, expired or revoked
  | 'forbidden' // 403 that is not a rate limit: scope or permission
  | 'notFound' // 404: repository/run/job unknown or invisible to this token
  | 'conflict' // 409: e.g. cancelling a completed run
  | 'rateLimited' // primary or secondary rate limit; `retryAt` says when
  | 'server' // 5xx after retries
  | 'unexpected';

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';

  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly status: number | undefined,
    /** For rateLimited: epoch ms when requests may resume. */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

/** What the failed call was about, for the message ("cancel run 42 in octo/repo"). */
export interface ErrorContext {
  readonly owner?: string;
  readonly repo?: string;
  /** E.g. "cancel run 42"; used for 409 and unexpected errors. */
  readonly action?: string;
}

/** HH:MM in UTC, so a message reads the same in the CLI, the server log and tests. */
export function clockTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;
}

export function rateLimitedError(retryAt: number): GitHubApiError {
  return new GitHubApiError(
    'rateLimited',
    `GitHub rate limit reached: Preflight waits until ${clockTime(retryAt)} before asking again.`,
    undefined,
    retryAt,
  );
}

/** GitHub's own error text from a reply body, without its documentation link; empty when there is none. */
export function githubMessage(data: unknown): string {
  if (typeof data === 'object' && data !== null && 'message' in data) {
    const message = data.message;
    if (typeof message === 'string') return message.slice(0, 300);
  }
  return '';
}

export function isSecondaryLimitMessage(text: string): boolean {
  return /secondary rate limit/i.test(text);
}

/**
 * Translates a non-success reply. `status` 0 means no reply at all. `retryAt` is known for rate limits (from the tracker).
 */
export function translateStatus(
  status: number,
  body: unknown,
  context: ErrorContext,
  retryAt?: number,
): GitHubApiError {
  const repo =
    context.owner !== undefined && context.repo !== undefined ? `${context.owner}/${context.repo}` : 'the repository';
  const said = githubMessage(body);
  if (status === 0)
    return new GitHubApiError(
      'offline',
      `Cannot reach GitHub${said ? ` (${said})` : ''}: check the network connection or the GitHub API URL.`,
      undefined,
    );
  if (retryAt !== undefined && (status === 403 || status === 429)) return rateLimitedError(retryAt);
  switch (status) {
    case 401:
      return new GitHubApiError('unauthorized', 'GitHub rejected the token (401): sign in to GitHub again.', status);
    case 403:
      if (/resource not accessible|must have admin rights|scope/i.test(said) || said === '') {
        return new GitHubApiError(
          'forbidden',
          `The GitHub token lacks the repo scope or access to ${repo} (403): sign in again and grant it.`,
          status,
        );
      }
      return new GitHubApiError(
        'forbidden',
        `GitHub refused${context.action ? ` to ${context.action}` : ''} (403): ${said}`,
        status,
      );
    case 404:
      return new GitHubApiError(
        'notFound',
        `${repo === 'the repository' ? 'Not found' : `Repository ${repo} not found`}, or the token has no access to it (404).`,
        status,
      );
    case 409:
      return new GitHubApiError(
        'conflict',
        `Cannot ${context.action ?? 'do that'}: the run already completed (409).`,
        status,
      );
    default:
      if (status >= 500)
        return new GitHubApiError(
          'server',
          `GitHub is having trouble (HTTP ${status}); Preflight will try again.`,
          status,
        );
      return new GitHubApiError(
        'unexpected',
        `GitHub answered HTTP ${status}${context.action ? ` to ${context.action}` : ''}${said ? `: ${said}` : ''}.`,
        status,
      );
  }
}
