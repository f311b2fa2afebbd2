// docs/rules.md is generated from the rules themselves, so the page a diagnostic links to can never drift from the code.
// A unit test fails when the committed page is stale; `npm run build` (scripts/generateFileKinds.mjs) rewrites it.
import type { FileKind } from '../kinds';
import { ALL_RULES } from './index';

function kindsText(kinds: readonly FileKind[] | 'all'): string {
  return kinds === 'all' ? 'all file kinds' : kinds.map((k) => `\`${k}\``).join(', ');
}

export function renderRuleDocsMarkdown(): string {
  const lines = [
    '# Preflight rules',
    '',
    '<!-- Generated from server/src/engine/rules by `npm run build` (scripts/generateFileKinds.mjs). Do not edit by hand. -->',
    '',
    "Each diagnostic names its rule id. Change a rule's severity with the `preflight.rules` setting or `.preflight.yml`,",
    'or silence one occurrence with a `# preflight-ignore: <rule-id>` comment on the line or the line above',
    '(`# preflight-ignore-file: <rule-id>` for the whole file).',
    '',
    '| rule | default | applies to |',
    '| --- | --- | --- |',
    ...ALL_RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} | ${kindsText(r.kinds)} |`),
    '',
  ];
  for (const rule of ALL_RULES) {
    lines.push(
      `## ${rule.id}`,
      '',
      `**${rule.docs.title}** · default severity: ${rule.defaultSeverity} · ${kindsText(rule.kinds)}`,
      '',
      rule.docs.description,
      '',
    );
  }
  return lines.join('\n');
}
