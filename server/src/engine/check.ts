// The engine's front door: one text in, findings out. Used by the language server and the CLI alike. Never throws: a
// rule that fails becomes an `internal-error` finding, so one bug cannot hide every other finding or crash the server.
import type { RuleSeverity } from '../../../protocol/settings';
import { compareFindings, type Finding } from './findings';
import { detectKind, type FileKind } from './kinds';
import { CheckMemo } from './rules/checkMemo';
import { ALL_RULES } from './rules/index';
import { appliesTo, type Rule, type RuleContext } from './rules/rule';
import { collectSuppressions, isSuppressed } from './suppressions';
import { parseYaml, type ParsedYaml } from './yaml/parsedYaml';

export interface CheckInput {
  readonly path: string;
  readonly text: string;
  /** Known kind (e.g. from the editor); detected from path and content otherwise. */
  readonly kind?: FileKind | undefined;
  /** A parse of exactly this text (with parseYaml(text, kind)), when the caller caches one. */
  readonly parsed?: ParsedYaml | undefined;
}

export interface CheckOptions {
  /** Severity overrides by rule id; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, RuleSeverity>>;
  readonly rules?: readonly Rule[];
  /** Labels of the user's own runners (settings and `.preflight.yml`). */
  readonly runnerLabels?: readonly string[];
}

export interface CheckResult {
  readonly kind: FileKind | undefined;
  readonly findings: readonly Finding[];
}

export function checkText(input: CheckInput, options: CheckOptions = {}): CheckResult {
  const kind = input.kind ?? detectKind(input.path, input.text);
  if (kind === undefined) return { kind, findings: [] };
  let yaml: ParsedYaml;
  try {
    yaml = input.parsed ?? parseYaml(input.text, kind);
  } catch (error) {
    // The parser reports syntax as errors, not exceptions; reaching here is a parser bug. Say so at the top of the file.
    return { kind, findings: [internalError('yaml', error)] };
  }
  const ctx: RuleContext = { path: input.path, kind, yaml, runnerLabels: options.runnerLabels ?? [], memo: new CheckMemo() };
  const suppressions = collectSuppressions(yaml.lines);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    if (!appliesTo(rule, kind)) continue;
    const configured = options.severities?.[rule.id];
    if (configured === 'off') continue;
    const ruleSeverity = configured ?? rule.defaultSeverity;
    let produced;
    try {
      produced = rule.check(ctx);
    } catch (error) {
      findings.push(internalError(rule.id, error));
      continue;
    }
    for (const f of produced) {
      const finding: Finding = { ...f, rule: rule.id, severity: configured ?? f.severity ?? ruleSeverity };
      if (!isSuppressed(finding, suppressions)) findings.push(finding);
    }
  }
  return { kind, findings: findings.sort(compareFindings) };
}

function internalError(source: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    rule: 'internal-error',
    severity: 'warning',
    message: `Preflight could not run '${source}' on this file (${reason}). Other checks still ran; please report this.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
