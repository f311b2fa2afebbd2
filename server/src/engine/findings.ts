// What a check produces. Positions are LSP-style (shared/textPositions.ts, re-exported here for the engine's rules).
import type { Range, TextEdit } from '../../../shared/textPositions';

export type { Position, Range, TextEdit } from '../../../shared/textPositions';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A repair, as edits to the same file. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * `default` fixes insert a sensible value the user should confirm (a timeout, a permissions block): offered as quick
   * fixes one at a time, never applied by "fix all". `on-request` fixes are a change of policy the user opts into (pinning
   * actions to commit SHAs): quick fixes, and applied in bulk only when the rule is named (`preflight fix --rule ID`,
   * "Fix all 'ID' problems in this file"), never by a general "fix all". Absent means certain.
   */
  readonly confidence?: 'default' | 'on-request';
  /** Absolute path of another file the edits apply to (e.g. params.yaml for a finding in dvc.yaml); absent = this file. */
  readonly file?: string;
}

/** What a rule reports; the runner adds the rule id and the effective severity. */
export interface RuleFinding {
  readonly message: string;
  /** Lower than the rule's default when this case is less certain (e.g. a key the tool ignores); settings still win. */
  readonly severity?: Severity;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
}

export interface Finding extends RuleFinding {
  readonly rule: string;
  readonly severity: Severity;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule)
  );
}
