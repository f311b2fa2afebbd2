// The place in GitHub's "Workflow syntax" reference that documents a key, for hovers. The reference has one heading per
// key, written as the key's path with placeholders (`jobs.<job_id>.steps[*].run`), and its anchors are those headings
// with everything but letters, digits, `_` and `-` removed (`#jobsjob_idstepsrun`). Keys the user names (a job id, an
// env var, an input) become their placeholder, and the path stops at a mapping of user-named keys. Triggers are
// documented under combined headings (`on.<push|pull_request>.<branches|tags>`), so everything under `on` links to `#on`.
// A heading GitHub renames only costs the anchor: the link still opens the right page.

const PAGE = 'https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax';

/** Mappings whose keys the user chooses: the reference documents the mapping, not its keys. */
const USER_NAMED = new Set([
  'env',
  'with',
  'outputs',
  'secrets',
  'inputs',
  'matrix',
  'labels',
  'permissions',
  'services',
  'credentials',
]);

export interface DocsLink {
  readonly url: string;
  /** The heading, as the reference writes it. */
  readonly heading: string;
}

export function workflowSyntaxDocs(path: readonly (string | number)[]): DocsLink | undefined {
  const [top] = path;
  if (typeof top !== 'string') return undefined;
  if (top === 'on') return { url: `${PAGE}#on`, heading: 'on' };
  const parts: string[] = [top];
  for (let i = 1; i < path.length && !USER_NAMED.has(top); i++) {
    const segment = path[i];
    const parent = path[i - 1];
    if (top === 'jobs' && i === 1) parts.push('<job_id>');
    else if (typeof segment === 'number') parts.push(`${parts.pop() ?? ''}[*]`);
    else if (parent === 'services' && i === 3) parts.push('<service_id>');
    else if (segment !== undefined) parts.push(segment);
    const written = typeof segment === 'string' ? segment : undefined;
    if (written !== undefined && USER_NAMED.has(written) && !(written === 'services' && i === 2 && path.length > 3))
      break;
  }
  const heading = parts.join('.');
  return { url: `${PAGE}#${heading.toLowerCase().replace(/[^a-z0-9_-]/g, '')}`, heading };
}
