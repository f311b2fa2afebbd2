// Every rule Preflight knows, in one list. Adding a rule = one file + one line here + fixtures.
import { invalidValue, missingKey, unknownKey } from './common/schemaRules';
import { yamlSyntax, yamlWarning } from './common/yamlSyntax';
import type { Rule } from './rule';

export const ALL_RULES: readonly Rule[] = [yamlSyntax, yamlWarning, unknownKey, invalidValue, missingKey];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Where each rule's docs live; diagnostics link here through `codeDescription`. */
export const RULE_DOCS_BASE_URL = 'https://github.com/preflight-dev/preflight/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}#${id}`;
}
