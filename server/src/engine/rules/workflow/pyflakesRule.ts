// The `pyflakes` rule's identity and docs. Its findings come from an external process, so they are produced by
// checkExternal.ts (asynchronously) rather than by check(); settings and suppressions apply as for any rule.
import type { Rule } from '../rule';

export const pyflakesRule: Rule = {
  id: 'pyflakes',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'warning',
  docs: {
    title: 'pyflakes finding in a Python `run:` script',
    description:
      "Scripts that run with `shell: python` (on the step, or as the job's or workflow's `defaults.run.shell`, or " +
      'a command such as `python3 -u {0}`) are checked with pyflakes when it is installed (`apt-get install pyflakes3`), ' +
      'the way actionlint does. Code Python cannot compile or that fails when it runs (an undefined name) is an error; ' +
      'likely mistakes are warnings; unused imports and variables are information. `${{ }}` expressions are masked first. ' +
      'Not run in untrusted workspaces.',
  },
  check: () => [],
};
