// Engine findings as LSP diagnostics: the code is the stable rule id, the docs link rides in codeDescription, and the
// certain fixes travel in `data` so code actions never have to match on message text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

/**
 * The rule docs shipped with the extension (dist/server.js -> ../docs/rules.md), so the link in each diagnostic opens
 * offline in the editor; the published page otherwise.
 */
const BUNDLED_DOCS = [
  path.join(__dirname, '..', 'docs', 'rules.md'),
  path.join(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'),
].find((p) => existsSync(p));

/** Heading line of each rule in the bundled page: VS Code opens `file://...#L<line>` at that line. */
const HEADING_LINES = new Map<string, number>();
if (BUNDLED_DOCS) {
  readFileSync(BUNDLED_DOCS, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = /^## ([a-z0-9-]+)\s*$/.exec(text);
      if (m?.[1]) HEADING_LINES.set(m[1], i + 1);
    });
}

function docsHref(rule: string): string {
  if (!BUNDLED_DOCS) return ruleDocsUrl(rule);
  const line = HEADING_LINES.get(rule);
  return `${pathToFileURL(BUNDLED_DOCS).href}${line ? `#L${line}` : ''}`;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { rule: finding.rule, fixes: finding.fixes ?? [] };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: docsHref(finding.rule) },
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
