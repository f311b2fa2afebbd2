// The workspace's git state, read straight from .git (no git binary needed): the remote URL (origin first), the current
// branch (null when HEAD is detached) and the HEAD commit. Handles linked worktrees and submodules (`.git` is a file
// pointing elsewhere, shared refs live in `commondir`) and packed refs. Node only, no vscode: tests use real git repos.
import fs from 'node:fs';
import path from 'node:path';

export interface GitState {
  /** The folder that holds HEAD (for a linked worktree, .git/worktrees/<name>). */
  readonly gitDir: string;
  /** The folder that holds config, refs and packed-refs (the main .git). */
  readonly commonDir: string;
  readonly remoteName: string | undefined;
  readonly remoteUrl: string | undefined;
  readonly branch: string | null;
  readonly headSha: string | null;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `.git` as a folder, or a `gitdir: <path>` file (worktrees, submodules); walks up from `folder` like git does. */
export async function findGitDir(folder: string): Promise<string | undefined> {
  let current = path.resolve(folder);
  for (;;) {
    const dotGit = path.join(current, '.git');
    const stat = await fs.promises.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) return dotGit;
    if (stat?.isFile()) {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec((await readText(dotGit)) ?? '')?.[1];
      return pointer ? path.resolve(current, pointer) : undefined;
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Remotes from git config, in file order: `[remote "name"]` sections with their `url`. */
export function parseRemotes(config: string): Map<string, string> {
  const remotes = new Map<string, string>();
  let section: string | undefined;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      section =
        header[1]?.toLowerCase() === 'remote' && header[2] !== undefined
          ? header[2].replace(/\\(.)/g, '$1')
          : undefined;
      continue;
    }
    const url = /^url\s*=\s*(.*)$/i.exec(line)?.[1];
    if (section !== undefined && url !== undefined && !remotes.has(section))
      remotes.set(section, url.replace(/^"(.*)"$/, '$1').trim());
  }
  return remotes;
}

async function resolveRef(gitDir: string, commonDir: string, ref: string): Promise<string | null> {
  for (const dir of [gitDir, commonDir]) {
    const loose = (await readText(path.join(dir, ref)))?.trim();
    if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  }
  const packed = (await readText(path.join(commonDir, 'packed-refs'))) ?? '';
  for (const line of packed.split(/\r?\n/)) {
    const [sha, name] = line.split(' ');
    if (name === ref && sha && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
  }
  return null;
}

export async function readGitState(folder: string): Promise<GitState | undefined> {
  const gitDir = await findGitDir(folder);
  if (!gitDir) return undefined;
  const common = (await readText(path.join(gitDir, 'commondir')))?.trim();
  const commonDir = common ? path.resolve(gitDir, common) : gitDir;
  const head = (await readText(path.join(gitDir, 'HEAD')))?.trim() ?? '';
  const symbolic = /^ref:\s*(\S+)$/.exec(head)?.[1];
  const branch = symbolic?.startsWith('refs/heads/') ? symbolic.slice('refs/heads/'.length) : null;
  const headSha = symbolic
    ? await resolveRef(gitDir, commonDir, symbolic)
    : /^[0-9a-f]{40,64}$/.test(head)
      ? head
      : null;
  const remotes = parseRemotes((await readText(path.join(commonDir, 'config'))) ?? '');
  const remoteName = remotes.has('origin') ? 'origin' : [...remotes.keys()][0];
  return {
    gitDir,
    commonDir,
    remoteName,
    remoteUrl: remoteName === undefined ? undefined : remotes.get(remoteName),
    branch,
    headSha,
  };
}

function sameState(a: GitState | undefined, b: GitState | undefined): boolean {
  return (
    a?.remoteUrl === b?.remoteUrl && a?.branch === b?.branch && a?.headSha === b?.headSha && a?.gitDir === b?.gitDir
  );
}

/**
 * Watches HEAD, the branch refs, packed-refs and config, and calls `onChange` with the new state after a burst of git
 * writes settles (a checkout touches several files). Also usable without watching: `current()`.
 */
export class GitRepositoryWatcher {
  private watchers: fs.FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private state: GitState | undefined;
  private disposed = false;

  constructor(
    private readonly folder: string,
    private readonly onChange: (state: GitState | undefined) => void,
    private readonly debounceMs = 150,
  ) {}

  async start(): Promise<GitState | undefined> {
    this.state = await readGitState(this.folder);
    this.rewatch();
    return this.state;
  }

  current(): GitState | undefined {
    return this.state;
  }

  private rewatch(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    if (this.disposed || !this.state) return;
    const { gitDir, commonDir } = this.state;
    const targets: [string, boolean][] = [
      [gitDir, false],
      [commonDir, false],
      [path.join(commonDir, 'refs', 'heads'), true],
    ];
    for (const [dir, recursive] of targets) {
      try {
        const watcher = fs.watch(dir, { recursive, persistent: false }, () => {
          this.schedule();
        });
        watcher.on('error', () => {
          /* the folder went away; the next read reports it */
        });
        this.watchers.push(watcher);
      } catch {
        // A missing refs/heads (fresh repo) is fine: HEAD and config are still watched.
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.reread();
    }, this.debounceMs);
  }

  private async reread(): Promise<void> {
    const next = await readGitState(this.folder);
    if (this.disposed || sameState(this.state, next)) return;
    const dirsChanged = next?.gitDir !== this.state?.gitDir;
    this.state = next;
    if (dirsChanged) this.rewatch();
    this.onChange(next);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
