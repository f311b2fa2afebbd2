// The CLI's result model, shared by all output formats.
import type { Finding, Severity } from '../../engine/findings';
import type { FileKind } from '../../engine/kinds';

export interface FileReport {
  /** As given on the command line, or relative to the working directory for files found in folders. */
  readonly path: string;
  readonly kind: FileKind;
  readonly findings: readonly Finding[];
}

export interface CheckReport {
  readonly files: readonly FileReport[];
}

/** Most severe first: the order findings are listed and counted in. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function countBySeverity(report: CheckReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of report.files) for (const f of file.findings) counts[f.severity]++;
  return counts;
}
