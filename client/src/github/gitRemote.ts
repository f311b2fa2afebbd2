// owner/name and host from a git remote URL in any of the forms git accepts: https://host/o/r(.git), git@host:o/r.git,
// ssh://git@host(:port)/o/r.git, git://host/o/r. GitHub Enterprise may serve repositories under a path prefix.
export interface RemoteRepository {
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
}

export function parseRemoteUrl(url: string): RemoteRepository | undefined {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (parsed.protocol === 'file:') return undefined;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  } else if (scp?.[1] && scp[2]) {
    host = scp[1];
    path = scp[2];
  } else {
    return undefined;
  }
  const parts = path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((p) => p !== '');
  const repo = parts.at(-1);
  const owner = parts.at(-2);
  if (!host || !owner || !repo) return undefined;
  return { host: host.toLowerCase(), owner, repo };
}

/** The host a GitHub API base URL serves: api.github.com serves github.com; GHES serves its own host. */
export function webHostOf(baseUrl: string): string {
  const host = new URL(baseUrl).hostname.toLowerCase();
  return host === 'api.github.com' ? 'github.com' : host;
}
