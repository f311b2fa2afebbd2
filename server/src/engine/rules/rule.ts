// The unit of checking: one rule, one file. A rule reads a parsed file and returns findings; the runner applies
// severity settings and suppression comments, so rules never look at configuration. Rules are generic over the form
// their kinds parse to (kinds/kind.ts): YAML with positions for every kind today, the default.
import type { FileKind } from '../kinds';
import type { ParsedText } from '../kinds/kind';
import type { RuleFinding, Severity } from '../findings';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { CheckMemo } from './checkMemo';

export interface RuleContext<Parsed extends ParsedText = ParsedYaml> {
  /** Path as the caller knows it (absolute in the server, as given in the CLI). */
  readonly path: string;
  readonly kind: FileKind;
  /** The file as its kind parsed it. */
  readonly parsed: Parsed;
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

export interface Rule<Parsed extends ParsedText = ParsedYaml> {
  /** Stable id: used in diagnostics' `code`, settings, suppression comments and SARIF. Never renamed. */
  readonly id: string;
  /** File kinds the rule applies to. */
  readonly kinds: readonly FileKind[] | 'all';
  readonly defaultSeverity: Severity;
  readonly docs: RuleDocs;
  check(ctx: RuleContext<Parsed>): readonly RuleFinding[];
}

export function appliesTo(rule: Pick<Rule, 'kinds'>, kind: FileKind): boolean {
  return rule.kinds === 'all' || rule.kinds.includes(kind);
}
