// What each commit changed, read from a local clone: file and line counts, and whether it touches workflow files,
// dependency manifests or tests. Known before a run of that commit starts (the commit exists first), so these are
// legitimate features. One `git log` over all refs answers every commit at once; merges are diffed against their
// first parent, as a pull request's merge shows its changes.
import { execFile } from 'node:child_process';

export interface CommitChanges {
  readonly files: number;
  readonly lines: number;
  readonly workflow: boolean;
  readonly dependencies: boolean;
  readonly tests: boolean;
}

const WORKFLOW = /(^|\/)\.github\/workflows\/|(^|\/)\.gitlab-ci\.ya?ml$|(^|\/)action\.ya?ml$/;
const DEPENDENCIES =
  /(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|requirements[^/]*\.txt|pyproject\.toml|poetry\.lock|Pipfile(\.lock)?|setup\.(py|cfg)|environment\.ya?ml|Cargo\.(toml|lock)|go\.(mod|sum)|Gemfile(\.lock)?|pom\.xml|build\.gradle(\.kts)?|[^/]+\.csproj|packages\.lock\.json)$/;
const TESTS = /(^|\/)(tests?|__tests__|spec|specs)\/|(^|\/)test_[^/]+$|[._-](test|spec)s?\.[a-z0-9]+$/i;

export function classifyPaths(paths: readonly string[], lines: number): CommitChanges {
  return {
    files: paths.length,
    lines,
    workflow: paths.some((p) => WORKFLOW.test(p)),
    dependencies: paths.some((p) => DEPENDENCIES.test(p)),
    tests: paths.some((p) => TESTS.test(p)),
  };
}

/** Parses `git log --numstat --format=%x00%H` output into changes per full commit sha. */
export function parseNumstatLog(text: string): Map<string, CommitChanges> {
  const out = new Map<string, CommitChanges>();
  for (const block of text.split('\u0000')) {
    const [sha = '', ...rest] = block.split('\n');
    if (!/^[0-9a-f]{40}$/.test(sha.trim())) continue;
    const paths: string[] = [];
    let lines = 0;
    for (const line of rest) {
      const m = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
      if (!m) continue;
      // Binary files show '-' for both counts: a changed file without lines.
      lines += (m[1] === '-' ? 0 : Number(m[1])) + (m[2] === '-' ? 0 : Number(m[2]));
      paths.push(m[3] ?? '');
    }
    out.set(sha.trim(), classifyPaths(paths, lines));
  }
  return out;
}

export type GitChangesResult =
  { readonly ok: true; readonly value: Map<string, CommitChanges> } | { readonly ok: false; readonly error: string };

function git(
  dir: string,
  args: readonly string[],
): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      { maxBuffer: 512 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) resolve({ ok: false, error: (stderr || error.message).trim().split('\n')[0] ?? 'git failed' });
        else resolve({ ok: true, stdout });
      },
    );
  });
}

/** Changes of every commit reachable from any ref of the clone at `dir`, plus `HEAD` under the key 'HEAD'. */
export async function readCommitChanges(dir: string): Promise<GitChangesResult> {
  const log = await git(dir, [
    'log',
    '--all',
    '--no-renames',
    '--diff-merges=first-parent',
    '--numstat',
    '--format=%x00%H',
  ]);
  if (!log.ok) return { ok: false, error: `${dir}: cannot read git history (${log.error})` };
  const changes = parseNumstatLog(log.stdout);
  const head = await git(dir, ['rev-parse', 'HEAD']);
  const headChanges = head.ok ? changes.get(head.stdout.trim()) : undefined;
  if (headChanges) changes.set('HEAD', headChanges);
  return { ok: true, value: changes };
}
