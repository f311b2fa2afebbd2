// Preflight's own `.preflight.yml`, checked against what its reader (config/projectConfig.ts) accepts, so that a typo
// is shown where it is, with completion and hover, and fails `preflight check` in CI.
import { RULE_SEVERITIES } from '../../../../protocol/settings';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { enumOf, map, mapOf, seq, str } from '../schema/schema';
import { yamlKind } from './kind';

// The reader takes YAML's `false` for `off`: some people write it.
const SEVERITY = enumOf([...RULE_SEVERITIES, 'false'], "The rule's severity; `off` (or `false`) silences it.");

export const preflightConfigKind = yamlKind({
  id: 'preflight-config',
  label: 'Preflight configuration',
  icon: 'settings-gear',
  example: '.preflight.yml',
  // It matters only beside pipeline files, which wake the extension, so it needs no glob of its own.
  globs: [],
  byPath: (_path, name) => name === PROJECT_CONFIG_FILE,
  schema: map(
    {
      rules: mapOf(SEVERITY, {
        title: 'rules',
        description:
          'Severity per rule id, for everyone who works on this repository: `error`, `warning`, `info`, `hint` or ' +
          '`off`. Rule ids appear in each diagnostic; personal `preflight.rules` settings win over these.',
      }),
      'runner-labels': seq(
        str(),
        'Labels of your own (self-hosted or larger) runners, so `runs-on` never reports them as near misses of ' +
          'GitHub-hosted labels.',
      ),
    },
    // Preflight skips a key it does not know (and says so once): the setting meant never applies.
    { title: PROJECT_CONFIG_FILE, ignoresUnknownKeys: true },
  ),
  examplePath: () => `/repo/${PROJECT_CONFIG_FILE}`,
});
