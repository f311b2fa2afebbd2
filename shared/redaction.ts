// Secret-looking text replaced before anything leaves the machine for a language model: the log of a failed step, the
// workflow file sent with it, and every file a suggested fix is asked for. GitHub masks a repository's own secrets as
// ***; these shapes catch the rest (tokens printed by tools, credentials in URLs or written into a file).
//
// Files sent for a fix use numbered placeholders ([REDACTED-1]) and the model is asked for the whole file back, so the
// placeholders in its reply are put back to the original text before the reply is checked and shown: a fix never
// replaces a credential by a placeholder, and the credential never reaches the model.

const REDACTED = '[REDACTED]';

interface SecretShape {
  readonly pattern: RegExp;
  /** The match starts with group 1, which is kept (e.g. `password: `): only what follows it is secret. */
  readonly keepsPrefix?: boolean;
  /** Text at the end of the match that is kept (the `@` after URL credentials). */
  readonly keptSuffix?: string;
}

const SHAPES: readonly SecretShape[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { pattern: /\b(?:sk|hf|glpat|npm|pypi)[-_][A-Za-z0-9_-]{20,}/g },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { pattern: /\b(authorization\s*:\s*(?:bearer|token|basic)\s+)[^\s"']+/gi, keepsPrefix: true },
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi, keepsPrefix: true, keptSuffix: '@' },
  // `${{ secrets.X }}` and `***` are references and masks, not secrets.
  {
    pattern:
      /(\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[\w.-]*["']?\s*[:=]\s*["']?)(?!\*\*\*|\$\{\{)[^\s"',;]{4,}/gi,
    keepsPrefix: true,
  },
];

/** Replaces each secret-looking part of `text` with what `placeholder` returns for it. */
function replaceSecrets(text: string, placeholder: (secret: string) => string): string {
  return SHAPES.reduce(
    (out, shape) =>
      out.replace(shape.pattern, (match: string, prefix?: unknown) => {
        const kept = shape.keepsPrefix === true && typeof prefix === 'string' ? prefix : '';
        const suffix = shape.keptSuffix ?? '';
        const secret = match.slice(kept.length, match.length - suffix.length);
        if (/^\[REDACTED(?:-\d+)?\]$/.test(secret)) return match; // an earlier shape's placeholder
        return `${kept}${placeholder(secret)}${suffix}`;
      }),
    text,
  );
}

/** The text with secret-looking tokens replaced by [REDACTED] (logs: nothing comes back to restore). */
export function redactSecrets(text: string): string {
  return replaceSecrets(text, () => REDACTED);
}

/** Numbered placeholders, the same secret the same number; deterministic, so the mapping can be rebuilt from the text. */
function numbered(text: string): { readonly text: string; readonly secrets: readonly string[] } {
  const secrets: string[] = [];
  const redacted = replaceSecrets(text, (secret) => {
    let index = secrets.indexOf(secret);
    if (index === -1) index = secrets.push(secret) - 1;
    return `[REDACTED-${index + 1}]`;
  });
  return { text: redacted, secrets };
}

/** A file as a model may see it: every secret-looking part replaced by a numbered placeholder. */
export function redactForModel(text: string): string {
  return numbered(text).text;
}

/** A model's version of `original` with the placeholders `redactForModel(original)` put in replaced by the originals. */
export function restoreRedacted(reply: string, original: string): string {
  const { secrets } = numbered(original);
  if (secrets.length === 0) return reply;
  return reply.replace(/\[REDACTED-(\d+)\]/g, (placeholder, n: string) => secrets[Number(n) - 1] ?? placeholder);
}
