// Engine findings as LSP diagnostics: the code is the stable rule id, the docs link rides in codeDescription, and the
// certain fixes travel in `data` so code actions never have to match on message text.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine/findings';
import { ruleDocsUrl } from '../engine/rules/index';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  readonly rule: string;
  readonly fixes: readonly Fix[];
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { rule: finding.rule, fixes: finding.fixes ?? [] };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule) },
    source: 'preflight',
    message: finding.message,
    data,
  };
}

/** Reads back what toDiagnostic stored; diagnostics come from the client, so the shape is checked. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { rule, fixes } = data as Record<string, unknown>;
  if (typeof rule !== 'string' || !Array.isArray(fixes)) return undefined;
  return { rule, fixes: fixes as Fix[] };
}
