// `--format text`: one line per finding in the `file:line:col` form editors and terminals make clickable (1-based).
// Errors come first, then warnings, then notes, so the problems that fail a run are not buried under advice; the
// summary counts them in the same order.
import { countBySeverity, SEVERITY_ORDER, type CheckReport } from './report';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const severity of SEVERITY_ORDER) {
    for (const file of report.files) {
      for (const f of file.findings) {
        if (f.severity !== severity) continue;
        lines.push(
          `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} [${f.rule}] ${f.message}`,
        );
      }
    }
  }
  const counts = countBySeverity(report);
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'info')];
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  lines.push(`${parts.join(', ')} in ${plural(report.files.length, 'file')} checked.`);
  return lines.join('\n') + '\n';
}
