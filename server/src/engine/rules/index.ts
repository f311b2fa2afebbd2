// Every rule Preflight knows, in one list. Adding a rule = one file + one line here + fixtures.
import { invalidValue, missingKey, unknownKey } from './common/schemaRules';
import { yamlSyntax, yamlWarning } from './common/yamlSyntax';
import { hardcodedCredential } from './common/hardcodedCredential';
import type { Rule } from './rule';
import { jobNeedsCycle, jobNeedsUnknown, stepIdInvalid } from './workflow/jobGraphRules';
import { jobTimeoutMissing, trainingWithoutCache } from './workflow/mlAdviceRules';
import { runnerLabel } from './workflow/runnerLabel';
import { deprecatedCommand, scriptInjection } from './workflow/scriptRules';
import { shellcheckRule } from './workflow/shellcheckRule';
import { EXPRESSION_RULES } from './workflow/expressionRules';
import { cronSchedule, filterPatterns } from './workflow/triggerRules';
import { actionInputs, actionNotPinned, actionRetired, localReferenceMissing, usesFormat } from './workflow/usesRules';

export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  yamlWarning,
  unknownKey,
  invalidValue,
  missingKey,
  jobNeedsUnknown,
  jobNeedsCycle,
  stepIdInvalid,
  usesFormat,
  localReferenceMissing,
  actionInputs,
  actionRetired,
  actionNotPinned,
  runnerLabel,
  cronSchedule,
  filterPatterns,
  deprecatedCommand,
  scriptInjection,
  shellcheckRule,
  hardcodedCredential,
  jobTimeoutMissing,
  trainingWithoutCache,
  ...EXPRESSION_RULES,
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Where each rule's docs live; diagnostics link here through `codeDescription`. */
export const RULE_DOCS_BASE_URL = 'https://github.com/preflight-dev/preflight/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}#${id}`;
}
