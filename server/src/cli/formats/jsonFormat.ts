// `--format json`: a stable, versioned shape for scripts (0-based LSP positions).
import type { CheckReport } from './report';

export function formatJson(report: CheckReport): string {
  return (
    JSON.stringify(
      {
        version: 1,
        files: report.files.map((file) => ({
          path: file.path,
          kind: file.kind,
          diagnostics: file.findings.map((f) => ({
            rule: f.rule,
            severity: f.severity,
            message: f.message,
            range: {
              start: { line: f.range.start.line, character: f.range.start.character },
              end: { line: f.range.end.line, character: f.range.end.character },
            },
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
