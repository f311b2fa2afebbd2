// A GitLab CI fragment: a file the repository's `.gitlab-ci.yml` pulls in with `include: local` (directly or through
// another include), such as `.gitlab/ci/train.gitlab-ci.yml`. GitLab merges it into one pipeline with the root and the
// other includes, so its jobs are checked against that whole pipeline: stages declared in the root, templates defined in
// a sibling include. Only saved files inside a git checkout can be fragments (the root is read from disk).
import path from 'node:path';
import { includeEntries, readInclude, repositoryRoot, resolveIncludes } from './ciIncludes';

/** Where GitLab looks for the pipeline configuration by default. */
export const ROOT_CONFIG_NAMES = ['.gitlab-ci.yml', '.gitlab-ci.yaml'];

export interface FragmentOf {
  /** The repository (git checkout) root. */
  readonly repo: string;
  /** The root configuration that includes the fragment. */
  readonly rootFile: string;
}

/** The root `.gitlab-ci.yml` that includes this file, or undefined when none does (or the file is that root). */
export function includingRoot(filePath: string): FragmentOf | undefined {
  const repo = repositoryRoot(filePath);
  if (repo === undefined) return undefined;
  const file = path.resolve(filePath);
  for (const name of ROOT_CONFIG_NAMES) {
    const rootFile = path.join(repo, name);
    if (rootFile === file) return undefined;
    const root = readInclude(rootFile);
    if (root.ok && resolveIncludes(repo, includeEntries(root.data['include'])).files.includes(file))
      return { repo, rootFile };
  }
  return undefined;
}

/** Local files (absolute paths) the root `.gitlab-ci.yml` includes, recursively: the fragments to check with it. */
export function fragmentsOf(rootFile: string): readonly string[] {
  const repo = repositoryRoot(rootFile);
  const root =
    repo !== undefined &&
    ROOT_CONFIG_NAMES.includes(path.basename(rootFile)) &&
    path.dirname(path.resolve(rootFile)) === repo
      ? readInclude(rootFile)
      : undefined;
  if (!root?.ok) return [];
  return resolveIncludes(repo, includeEntries(root.data['include'])).files;
}
