// The CLI's result model, shared by all output formats.
import type { Finding } from '../../engine/findings';
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

export function countBySeverity(report: CheckReport): { errors: number; warnings: number; other: number } {
  let errors = 0;
  let warnings = 0;
  let other = 0;
  for (const file of report.files) {
    for (const f of file.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else other++;
    }
  }
  return { errors, warnings, other };
}
