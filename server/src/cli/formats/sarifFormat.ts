// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (1-based regions, relative URIs, rules with help).
import type { Severity } from '../../engine/findings';
import { ALL_RULES, ruleById, ruleDocsUrl } from '../../engine/rules/index';
import type { CheckReport } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function formatSarif(report: CheckReport, toolVersion: string): string {
  const usedIds = new Set(report.files.flatMap((f) => f.findings.map((x) => x.rule)));
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.docs.title },
    fullDescription: { text: r.docs.description },
    help: { text: r.docs.description, markdown: r.docs.description },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  for (const id of usedIds) {
    if (!ruleById(id))
      rules.push({
        id,
        name: id,
        shortDescription: { text: id },
        fullDescription: { text: id },
        help: { text: id, markdown: id },
        helpUri: ruleDocsUrl(id),
        defaultConfiguration: { level: 'warning' },
      });
  }
  const results = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: rules.findIndex((r) => r.id === f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(file.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  return (
    JSON.stringify(
      {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'Preflight',
                version: toolVersion,
                informationUri: 'https://github.com/preflight-dev/preflight',
                rules,
              },
            },
            results,
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}
