// The `shellcheck` rule's identity and docs. Its findings come from an external process, so they are produced by
// checkExternal.ts (asynchronously) rather than by check(); settings and suppressions apply as for any rule.
import type { Rule } from '../rule';

export const shellcheckRule: Rule = {
  id: 'shellcheck',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'warning',
  docs: {
    title: 'shellcheck finding in a `run:` script',
    description:
      "Bash and sh scripts in `run:` (workflow steps and composite actions' steps) are checked with shellcheck when " +
      'it is installed (`apt-get install shellcheck`), the way actionlint does, and each finding is shown on its YAML line. ' +
      "The shell is the step's `shell`, else `defaults.run.shell` of the job or workflow, else the runner's default (bash, " +
      'PowerShell on Windows); when the runner comes from an expression that may be Windows, the script is not checked. ' +
      '`${{ }}` expressions are masked first. Only what stops the script from running as written is an error (a parse ' +
      "error, a broken line continuation); shellcheck's warnings are warnings and its style notes information; `cd` " +
      "without `|| exit` (SC2164) is not reported when the shell stops at the first failing command, as GitHub's `bash` " +
      'and `sh` do. Not run in untrusted workspaces. The message starts with the shellcheck code (e.g. SC2086), whose wiki ' +
      'page explains it.',
  },
  check: () => [],
};
