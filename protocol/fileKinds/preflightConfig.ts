// Preflight's own `.preflight.yml`: the team's rule severities and runner labels. It matters only beside pipeline
// files, which wake the extension, so it needs no activation glob.
import { fileKind } from './fileKindInfo';

export const preflightConfig = fileKind({
  id: 'preflight-config',
  label: 'Preflight configuration',
  icon: 'settings-gear',
  example: '.preflight.yml',
  globs: [],
});
