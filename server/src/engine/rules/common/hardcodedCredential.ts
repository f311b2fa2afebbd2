// Credentials written into a pipeline file end up in git history and logs forever. Token formats are matched exactly
// (prefixes the issuers document), so ordinary values do not trip it; container passwords must come from secrets.
import { isScalar, type Node } from 'yaml';
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import { asMap, getEntry, nodeRange, scalarText } from '../../yaml/nodes';
import type { Rule } from '../rule';

const TOKEN_PATTERNS: readonly { readonly name: string; readonly regex: RegExp }[] = [
  { name: 'GitHub token', regex: /\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { name: 'AWS access key id', regex: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'Slack token', regex: /\bxox[abposr]-[0-9A-Za-z-]{10,}\b/ },
  { name: 'Hugging Face token', regex: /\bhf_[A-Za-z0-9]{34,}\b/ },
  { name: 'OpenAI API key', regex: /\bsk-(proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { name: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'private key', regex: /-----BEGIN (RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY( BLOCK)?-----/ },
];

function scalars(node: Node | null | undefined, out: Node[]): void {
  if (!node) return;
  if (isScalar(node)) {
    out.push(node);
    return;
  }
  const items = (node as { items?: unknown[] }).items;
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (item && typeof item === 'object' && 'value' in item && 'key' in item) {
      scalars((item as { value: Node | null }).value, out);
    } else {
      scalars(item as Node, out);
    }
  }
}

export const hardcodedCredential: Rule = {
  id: 'hardcoded-credential',
  kinds: 'all',
  defaultSeverity: 'error',
  docs: {
    title: 'Credential written into the file',
    description:
      'A token, key or password in a pipeline file is visible to everyone who can read the repository, stays in git ' +
      'history after removal, and may be printed in logs. Revoke it, store it as an encrypted secret, and refer to it with ' +
      '`${{ secrets.NAME }}` (GitHub), a masked CI/CD variable (GitLab) or your secret manager.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const doc of ctx.parsed.documents) {
      const values: Node[] = [];
      scalars(doc.contents, values);
      for (const node of values) {
        const text = scalarText(node);
        if (text === undefined) continue;
        for (const p of TOKEN_PATTERNS) {
          if (p.regex.test(text))
            findings.push({
              message: `This looks like a ${p.name}. Revoke it and use a secret instead.`,
              range: nodeRange(ctx.parsed.lines, node),
            });
        }
      }
    }
    if (ctx.kind === 'github-workflow') {
      for (const job of workflowModel(ctx.parsed)?.jobs ?? []) {
        for (const container of job.containers) {
          const credentials = asMap(getEntry(container.node, 'credentials')?.value);
          const password = credentials ? getEntry(credentials, 'password')?.value : undefined;
          const text = scalarText(password);
          if (password && text !== undefined && text !== '' && !text.includes('${{')) {
            findings.push({
              message: `Container registry password in job '${job.id}' is written in the file; use \${{ secrets.NAME }}.`,
              range: nodeRange(ctx.parsed.lines, password),
            });
          }
        }
      }
    }
    return findings;
  },
};
