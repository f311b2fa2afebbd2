// Where GitHub reads workflows from, written once for the engine, the language server and the extension: YAML files
// directly in `.github/workflows/` at the repository root (not in subfolders). Runs name their workflow by that
// repository-relative path, which is how the editor's documents and GitHub's runs are matched.

// The folder's name is case-sensitive (GitHub reads it from git); the extension is taken in any case, to be lenient.
const RELATIVE = /^\.github\/workflows\/[^/]+\.[yY][aA]?[mM][lL]$/;
const ANYWHERE = /(?:^|\/)\.github\/workflows\/[^/]+\.[yY][aA]?[mM][lL]$/;

/** A repository-relative path (`/` separators) of a workflow file: `.github/workflows/ci.yml`. */
export function isWorkflowFilePath(relative: string): boolean {
  return RELATIVE.test(relative);
}

/** A path of a workflow file in some repository (absolute, or a URI path; `/` separators). */
export function endsInWorkflowFile(path: string): boolean {
  return ANYWHERE.test(path);
}
