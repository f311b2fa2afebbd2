// The engine's front door: one text in, findings out. Used by the language server and the CLI alike. Never throws: a
// rule that fails becomes an `internal-error` finding, so one bug cannot hide every other finding or crash the server;
// a file that cannot be checked at all (too large, unreadable by the parser) becomes one `file-not-checked` finding.
import { DEFAULT_MAX_FILE_SIZE_MB, maxFileBytes, type RuleSeverity } from '../../../protocol/settings';
import { compareFindings, type Finding } from './findings';
import { detectKind, kindOf, type FileKind } from './kinds';
import type { Kind, ParsedText } from './kinds/kind';
import { CheckMemo } from './rules/checkMemo';
import { ALL_RULES } from './rules/index';
import { appliesTo, type Rule, type RuleContext } from './rules/rule';
import { collectSuppressions, isSuppressed } from './suppressions';
import type { ParsedYaml, ParseUse } from './yaml/parsedYaml';

export interface CheckInput {
  readonly path: string;
  readonly text: string;
  /** Known kind (e.g. from the editor); detected from path and content otherwise. */
  readonly kind?: FileKind | undefined;
  /** A parse of exactly this text (with parseFile(kind, text)), when the caller caches one. */
  readonly parsed?: ParsedYaml | undefined;
  /** How to parse when no parse is given (see parseYaml): `edited` unless the text is read once. */
  readonly parseUse?: ParseUse;
}

export interface CheckOptions {
  /** Severity overrides by rule id; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, RuleSeverity>>;
  readonly rules?: readonly Rule[];
  /** Labels of the user's own runners (settings and `.preflight.yml`). */
  readonly runnerLabels?: readonly string[];
  /** Larger texts (UTF-8 bytes) are not parsed or checked: one finding says so. 5 MB unless given. */
  readonly maxFileBytes?: number;
}

/**
 * A check's options from a configuration (the user's settings, the team's `.preflight.yml`): its severities and its
 * runner labels always travel together. A check given the one without the other "fixed" labels the user had declared.
 */
export function checkOptionsFrom(config: {
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  readonly runnerLabels: readonly string[];
}): CheckOptions {
  return { severities: config.rules, runnerLabels: config.runnerLabels };
}

export interface CheckResult {
  readonly kind: FileKind | undefined;
  readonly findings: readonly Finding[];
}

export function checkText(input: CheckInput, options: CheckOptions = {}): CheckResult {
  const kind = input.kind ?? detectKind(input.path, input.text);
  if (kind === undefined) return { kind, findings: [] };
  const limit = options.maxFileBytes ?? maxFileBytes(DEFAULT_MAX_FILE_SIZE_MB);
  // Length first: UTF-8 takes at least one byte per UTF-16 unit, so most texts never need counting.
  if (input.text.length > limit || (input.text.length * 3 > limit && Buffer.byteLength(input.text, 'utf8') > limit)) {
    return { kind, findings: [tooLargeFinding(Buffer.byteLength(input.text, 'utf8'), limit)] };
  }
  return { kind, findings: checkAs(kindOf(kind), options.rules ?? ALL_RULES, input, options) };
}

/** Parses as the kind does (unless given its parse) and runs the rules of its form that apply to it. */
function checkAs<Parsed extends ParsedText>(
  kind: Kind<Parsed>,
  rules: readonly Rule<Parsed>[],
  input: {
    readonly path: string;
    readonly text: string;
    readonly parsed?: Parsed | undefined;
    readonly parseUse?: ParseUse | undefined;
  },
  options: CheckOptions,
): Finding[] {
  let parsed: Parsed;
  try {
    parsed = input.parsed ?? kind.parse(input.text, input.parseUse);
  } catch (error) {
    // The parser reports syntax as errors, not exceptions; reaching here is a parser bug (or a stack it ran out of).
    return [notCheckedFinding(failureReason(error))];
  }
  const ctx: RuleContext<Parsed> = {
    path: input.path,
    kind: kind.id,
    parsed,
    runnerLabels: options.runnerLabels ?? [],
    memo: new CheckMemo(),
  };
  const suppressions = collectSuppressions(parsed.lines);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!appliesTo(rule, kind.id)) continue;
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
  return findings.sort(compareFindings);
}

/** The pseudo-rule of a file that was not checked at all; its message says why. */
export const FILE_NOT_CHECKED = 'file-not-checked';

const TOP_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What a failure means to the user; a stack overflow comes from nesting (3,000 levels of mappings), so say that. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message))
    return `it is nested too deeply to be read (${message})`;
  return message;
}

/** A file whose check failed as a whole: one finding on it, so the failure is seen and older findings are replaced. */
export function notCheckedFinding(reason: string): Finding {
  return {
    rule: FILE_NOT_CHECKED,
    severity: 'warning',
    message: `This file could not be checked: ${reason}.`,
    range: TOP_OF_FILE,
  };
}

function tooLargeFinding(bytes: number, limit: number): Finding {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return {
    rule: FILE_NOT_CHECKED,
    severity: 'warning',
    message: `This file was not checked: it is ${mb(bytes)}, over the ${mb(limit)} limit (real pipeline files are a few hundred KB at most). Raise the setting preflight.maxFileSizeMB to check it anyway.`,
    range: TOP_OF_FILE,
  };
}

function internalError(source: string, error: unknown): Finding {
  const reason = failureReason(error);
  return {
    rule: 'internal-error',
    severity: 'warning',
    message: `Preflight could not run '${source}' on this file (${reason}). Other checks still ran; please report this.`,
    range: TOP_OF_FILE,
  };
}
