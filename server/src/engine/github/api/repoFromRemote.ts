// owner/repo (and the API base URL) from a git remote URL, so the panel finds the repository of the open workspace. Handles
// https (with or without credentials and .git), ssh://, scp-like `git@host:owner/repo.git`, and GitHub Enterprise hosts.

export interface RemoteRepository {
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
}

const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/;

/** undefined when the URL is not a recognisable owner/repo remote (local paths, bare hosts, extra path segments). */
export function repoFromRemote(remoteUrl: string): RemoteRepository | undefined {
  const trimmed = remoteUrl.trim();
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(url.protocol)) return undefined;
    host = url.hostname;
    path = decodeURIComponent(url.pathname);
  } else {
    const scp = SCP_LIKE.exec(trimmed);
    if (!scp?.[1] || !scp[2]) return undefined;
    host = scp[1];
    path = scp[2];
  }
  const parts = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
  if (parts.length !== 2) return undefined;
  const [owner, repo] = parts as [string, string];
  if (!/^[A-Za-z0-9-]+$/.test(owner) || !/^[A-Za-z0-9._-]+$/.test(repo) || repo === '.' || repo === '..') return undefined;
  return { host: host.toLowerCase(), owner, repo };
}

/** The REST API root for a GitHub host: api.github.com for github.com, `https://HOST/api/v3` for GitHub Enterprise Server. */
export function apiBaseUrlForHost(host: string): string {
  const h = host.toLowerCase();
  return h === 'github.com' || h === 'www.github.com' || h === 'ssh.github.com' ? 'https://api.github.com' : `https://${h}/api/v3`;
}
