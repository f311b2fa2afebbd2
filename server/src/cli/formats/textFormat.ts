// `--format text`: one line per finding in the `file:line:col` form editors and terminals make clickable (1-based).
import { countBySeverity, type CheckReport } from './report';

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      lines.push(`${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} [${f.rule}] ${f.message}`);
    }
  }
  const { errors, warnings, other } = countBySeverity(report);
  const files = report.files.length;
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  if (other > 0) parts.push(`${other} note${other === 1 ? '' : 's'}`);
  lines.push(`Checked ${files} file${files === 1 ? '' : 's'}: ${parts.join(', ')}.`);
  return lines.join('\n') + '\n';
}
