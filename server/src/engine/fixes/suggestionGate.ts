// The gate every model-suggested edit passes before a person sees it: the proposal must parse, the finding it targets
// must be gone, and no error may appear that was not there before. The model's text is treated as data only: it is
// parsed and checked, never run.
import { checkText, type CheckOptions } from '../check';
import type { Finding } from '../findings';
import type { FileKind } from '../kinds';
import { minimalEdits } from '../../../../shared/minimalEdits';

export interface SuggestionTarget {
  readonly rule: string;
  readonly message: string;
  /** 0-based line of the finding: a repair stays near it (edits elsewhere are unrelated and rejected). */
  readonly line?: number;
}

/** How far from the finding a suggested repair may change lines. */
const NEIGHBOURHOOD_LINES = 20;

/** A whole-job request ("make this job faster"): no finding to remove, but edits must stay inside these lines. */
export interface SuggestionScope {
  readonly startLine: number;
  readonly endLine: number;
  readonly label: string;
}

export interface GateInput {
  readonly path: string;
  readonly kind: FileKind;
  readonly originalText: string;
  readonly proposedText: string;
  readonly target: SuggestionTarget | SuggestionScope;
  /** Findings of `originalText` under the same options, when the caller gates several proposals against one text. */
  readonly originalFindings?: readonly Finding[];
}

export type GateVerdict =
  { readonly accepted: true; readonly fixedFindings: number } | { readonly accepted: false; readonly reason: string };

const key = (f: { rule: string; message: string }): string => `${f.rule}\u0000${f.message}`;

function counts(findings: readonly Finding[], errorsOnly: boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (!errorsOnly || f.severity === 'error') m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

export function gateSuggestion(input: GateInput, options: CheckOptions = {}): GateVerdict {
  const { originalText, proposedText } = input;
  if (proposedText.trim() === '') return { accepted: false, reason: 'the suggestion is empty' };
  if (proposedText === originalText) return { accepted: false, reason: 'the suggestion changes nothing' };
  // A repair of one finding does not rewrite the file; a much larger or smaller text is not a fix.
  if (proposedText.length > originalText.length * 2 + 2000 || proposedText.length < originalText.length / 3) {
    return { accepted: false, reason: 'the suggestion rewrites far more of the file than the finding needs' };
  }
  const target = input.target;
  if ('startLine' in target) {
    const outside = minimalEdits(originalText, proposedText).find(
      (e) => e.range.start.line < target.startLine || e.range.end.line > target.endLine + 1,
    );
    if (outside)
      return {
        accepted: false,
        reason: `the suggestion changes line ${outside.range.start.line + 1}, outside ${target.label}`,
      };
  } else if (target.line !== undefined) {
    const line = target.line;
    const far = minimalEdits(originalText, proposedText).find(
      (e) => e.range.start.line < line - NEIGHBOURHOOD_LINES || e.range.end.line > line + NEIGHBOURHOOD_LINES + 1,
    );
    if (far)
      return {
        accepted: false,
        reason: `the suggestion also changes line ${far.range.start.line + 1}, far from the finding on line ${line + 1}`,
      };
  }
  const before =
    input.originalFindings ?? checkText({ path: input.path, text: originalText, kind: input.kind }, options).findings;
  const after = checkText({ path: input.path, text: proposedText, kind: input.kind }, options).findings;
  const syntax = after.find((f) => f.rule === 'yaml-syntax');
  if (syntax)
    return {
      accepted: false,
      reason: `the suggestion is not valid YAML (line ${syntax.range.start.line + 1}: ${syntax.message})`,
    };
  const was = counts(before, false);
  const now = counts(after, false);
  if (!('startLine' in target) && (now.get(key(target)) ?? 0) >= (was.get(key(target)) ?? 0))
    return { accepted: false, reason: `the suggestion does not fix '${target.rule}'` };
  const newErrors = [...counts(after, true)]
    .filter(([k, n]) => n > (was.get(k) ?? 0))
    .map(([k]) => k.replace('\u0000', ': '));
  if (newErrors.length > 0)
    return {
      accepted: false,
      reason: `the suggestion introduces ${newErrors.length === 1 ? 'an error' : 'errors'}: ${newErrors.slice(0, 3).join('; ')}`,
    };
  const fixedFindings = [...was].reduce((sum, [k, n]) => sum + Math.max(0, n - (now.get(k) ?? 0)), 0);
  return { accepted: true, fixedFindings };
}
