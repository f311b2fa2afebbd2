// What the GitHub commands (runs, rerun, cancel) share: --repo OWNER/NAME, --api-url, and the token from GITHUB_TOKEN.
import { ActionsClient, GITHUB_API_URL, type RepoRef } from '../../engine/github/api/actionsClient';
import { stringFlag, type ParsedArgs } from '../args';
import { UsageError } from '../usageError';

export function repoFlag(args: ParsedArgs): RepoRef {
  const value = stringFlag(args, 'repo');
  if (value === undefined) throw new UsageError('--repo OWNER/NAME is required');
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value);
  if (!match?.[1] || !match[2]) throw new UsageError(`--repo must look like OWNER/NAME (got '${value}')`);
  return { owner: match[1], repo: match[2] };
}

export function idFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new UsageError(`--${name} must be a number (got '${value}')`);
  return Number(value);
}

/**
 * A client for --api-url (else $GITHUB_API_URL, which GitHub Actions sets, also on GHES; else api.github.com) with the
 * token from $GITHUB_TOKEN. Writes need a token; reads of public repositories work without one.
 */
export function githubClient(args: ParsedArgs, env: NodeJS.ProcessEnv, needsToken: boolean): ActionsClient {
  const apiUrl = stringFlag(args, 'api-url') ?? env['GITHUB_API_URL'] ?? GITHUB_API_URL;
  if (!/^https?:\/\/[^\s]+$/.test(apiUrl)) throw new UsageError(`--api-url must be an http(s) URL (got '${apiUrl}')`);
  const token = env['GITHUB_TOKEN'] === '' ? undefined : env['GITHUB_TOKEN'];
  if (needsToken && token === undefined) throw new UsageError('set GITHUB_TOKEN to a token with the repo scope');
  return new ActionsClient({ token, baseUrl: apiUrl });
}

/** Defence in depth: whatever a message contains, the token itself is never printed. */
export function redactToken(text: string, env: NodeJS.ProcessEnv): string {
  const token = env['GITHUB_TOKEN'];
  return token !== undefined && token.length >= 4 ? text.split(token).join('***') : text;
}
