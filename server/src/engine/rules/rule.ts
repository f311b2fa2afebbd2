// The unit of checking: one rule, one file. A rule reads a parsed file and returns findings; the runner applies
// severity settings and suppression comments, so rules never look at configuration.
import type { FileKind } from '../kinds';
import type { RuleFinding, Severity } from '../findings';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { CheckMemo } from './checkMemo';

export interface RuleContext {
  /** Path as the caller knows it (absolute in the server, as given in the CLI). */
  readonly path: string;
  readonly kind: FileKind;
  readonly yaml: ParsedYaml;
  /** Labels of the user's own runners, from settings and `.preflight.yml`. */
  readonly runnerLabels?: readonly string[];
  /** Shared by the rules of this check: what several of them derive (a project on disk, a stage graph) is built once. */
  readonly memo: CheckMemo;
}

export interface RuleDocs {
  /** One line, shown in lists and SARIF `shortDescription`. */
  readonly title: string;
  /** Markdown: why it matters and how to fix it. */
  readonly description: string;
}

export interface Rule {
  /** Stable id: used in diagnostics' `code`, settings, suppression comments and SARIF. Never renamed. */
  readonly id: string;
  /** File kinds the rule applies to. */
  readonly kinds: readonly FileKind[] | 'all';
  readonly defaultSeverity: Severity;
  readonly docs: RuleDocs;
  check(ctx: RuleContext): readonly RuleFinding[];
}

export function appliesTo(rule: Rule, kind: FileKind): boolean {
  return rule.kinds === 'all' || rule.kinds.includes(kind);
}
