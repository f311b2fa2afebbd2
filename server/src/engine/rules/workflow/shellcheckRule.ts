// The `shellcheck` rule's identity and docs. Its findings come from an external process, so they are produced by
// checkExternal.ts (asynchronously) rather than by check(); settings and suppressions apply as for any rule.
import type { Rule } from '../rule';

export const shellcheckRule: Rule = {
  id: 'shellcheck',
  kinds: ['github-workflow'],
  defaultSeverity: 'warning',
  docs: {
    title: 'shellcheck finding in a `run:` script',
    description: 'Bash and sh scripts in `run:` are checked with shellcheck when it is installed (`apt-get install shellcheck`), ' +
      'the way actionlint does, and each finding is shown on its YAML line. `${{ }}` expressions are masked first. Not run in ' +
      'untrusted workspaces. The message starts with the shellcheck code (e.g. SC2086), whose wiki page explains it.',
  },
  check: () => [],
};
