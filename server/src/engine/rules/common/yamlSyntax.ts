// YAML syntax errors as the parser reports them, with the exact range of the offending text.
import type { YAMLError } from 'yaml';
import type { RuleFinding } from '../../findings';
import type { Rule, RuleContext } from '../rule';

/** A short hint for the errors people actually make in pipeline files. */
const HINTS: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'Remove or rename one of the two keys.',
  BAD_INDENT: 'Align this line with its siblings (YAML uses spaces, not tabs).',
  TAB_AS_INDENT: 'Replace the tab with spaces.',
  MISSING_CHAR: 'Close the quote or bracket.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; check the indentation of the line before.',
  BLOCK_AS_IMPLICIT_KEY: 'Check the indentation of this line and the line before.',
  UNEXPECTED_TOKEN: 'Quote the value if it contains special characters such as `:` or `#`.',
  BAD_SCALAR_START: 'Quote values that start with `@` or `` ` ``.',
};

/** The parser often points at one character; widen that to the word there (a key, a value) so the squiggle is visible. */
function widen(text: string, start: number, end: number): number {
  if (end - start > 1) return end;
  let stop = start;
  while (stop < text.length && !/[\s:,[\]{}#]/.test(text[stop] ?? ' ')) stop++;
  return Math.max(stop, start + 1);
}

function toFinding(ctx: RuleContext, error: YAMLError): RuleFinding {
  const start = error.pos[0];
  const end = widen(ctx.parsed.text, start, error.pos[1]);
  // The parser files an unclosed `{`/`[` under BAD_INDENT; the closing bracket is the real fix.
  const hint = /end with an? [}\]]/.test(error.message)
    ? 'Close the flow collection with its bracket.'
    : HINTS[error.code];
  const message = error.message.replace(/\s+/g, ' ').trim();
  // The parser turns its own stack overflow into an error at the deepest point; the cause is the nesting, so say that.
  if (error.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(message)) {
    return {
      message: `The YAML is nested too deeply to be read (${message}). No pipeline file needs this many levels: flatten the structure.`,
      range: ctx.parsed.lines.range(start, Math.min(end, ctx.parsed.text.length)),
    };
  }
  return {
    message: hint ? `${message}. ${hint}` : message,
    range: ctx.parsed.lines.range(start, Math.min(end, ctx.parsed.text.length)),
  };
}

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  kinds: 'all',
  defaultSeverity: 'error',
  docs: {
    title: 'YAML syntax error',
    description:
      'The file is not valid YAML, so the tool that reads it (GitHub, GitLab, DVC, MLflow, Kubernetes) rejects it before ' +
      'anything runs. The message names what the parser expected; fix the syntax at the marked range.',
  },
  check(ctx) {
    return ctx.parsed.documents.flatMap((doc) => doc.errors.map((e) => toFinding(ctx, e)));
  },
};

export const yamlWarning: Rule = {
  id: 'yaml-warning',
  kinds: 'all',
  defaultSeverity: 'warning',
  docs: {
    title: 'Questionable YAML',
    description: 'The YAML parses, but in a way that is probably not what was meant (for example an unresolved tag).',
  },
  check(ctx) {
    // GitLab's `!reference [job, key]` is a registered tag in GitLab files (kinds/gitlabCi.ts), so it warns only where
    // GitLab would reject it too.
    return ctx.parsed.documents.flatMap((doc) => doc.warnings.map((e) => toFinding(ctx, e)));
  },
};
