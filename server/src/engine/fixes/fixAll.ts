// Applies every certain fix in a text, one at a time, each through the same gate as a single quick fix: after the
// edit the repaired finding must be gone and no new error may appear; otherwise the edit is dropped. Fixing one
// finding can shift or remove others, so the file is re-checked after each accepted fix.
import { checkText, type CheckInput, type CheckOptions } from '../check';
import type { Finding, Fix } from '../findings';
import { applyEdits } from './applyEdits';

export interface AppliedFix {
  readonly rule: string;
  readonly title: string;
  /** 0-based line of the finding in the text as it was when the fix applied. */
  readonly line: number;
}

export interface FixAllResult {
  readonly text: string;
  readonly applied: readonly AppliedFix[];
  /** Fixes the gate refused (they would have left the finding or added an error). */
  readonly refused: readonly AppliedFix[];
}

const key = (f: Finding): string => `${f.rule}\u0000${f.message}`;

function count(findings: readonly Finding[], predicate: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (predicate(f)) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

/** Whether applying `fix` for `finding` to `text` passes the gate; returns the new text and findings when it does. */
export function gateFix(
  input: CheckInput,
  options: CheckOptions,
  before: readonly Finding[],
  finding: Finding,
  fix: Fix,
): { text: string; findings: readonly Finding[] } | undefined {
  let text: string;
  try {
    text = applyEdits(input.text, fix.edits);
  } catch {
    return undefined;
  }
  const after = checkText({ path: input.path, text, kind: input.kind }, options).findings;
  const was = count(before, () => true);
  const now = count(after, () => true);
  if ((now.get(key(finding)) ?? 0) >= (was.get(key(finding)) ?? 0)) return undefined;
  for (const [k, n] of count(after, (f) => f.severity === 'error')) if (n > (was.get(k) ?? 0)) return undefined;
  return { text, findings: after };
}

/** Certain fixes always; on-request fixes only when the caller named their rule (see Fix.confidence). */
function appliesInBulk(fix: Fix, rule: string, onlyRules: ReadonlySet<string> | undefined): boolean {
  return fix.confidence === undefined || (fix.confidence === 'on-request' && onlyRules?.has(rule) === true);
}

export function fixAll(input: CheckInput, options: CheckOptions = {}, onlyRules?: ReadonlySet<string>): FixAllResult {
  let text = input.text;
  let findings = checkText({ ...input, parsed: undefined }, options).findings;
  const applied: AppliedFix[] = [];
  const refused: AppliedFix[] = [];
  const refusedKeys = new Set<string>();
  // Each accepted fix removes at least one finding, so this terminates; the cap guards against fixes that recreate work.
  for (let round = 0; round < 500; round++) {
    const next = findings.find(
      (f) =>
        f.fixes?.[0] &&
        appliesInBulk(f.fixes[0], f.rule, onlyRules) &&
        f.fixes[0].file === undefined &&
        (!onlyRules || onlyRules.has(f.rule)) &&
        !refusedKeys.has(`${key(f)}@${f.range.start.line}`),
    );
    const fix = next?.fixes?.[0];
    if (!next || !fix) break;
    const gated = gateFix({ path: input.path, text, kind: input.kind }, options, findings, next, fix);
    if (gated) {
      text = gated.text;
      findings = gated.findings;
      applied.push({ rule: next.rule, title: fix.title, line: next.range.start.line });
    } else {
      refusedKeys.add(`${key(next)}@${next.range.start.line}`);
      refused.push({ rule: next.rule, title: fix.title, line: next.range.start.line });
    }
  }
  return { text, applied, refused };
}
