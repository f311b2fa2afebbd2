// Every rule Preflight knows, in one list. Adding a rule = one file + one line here + fixtures.
import { invalidValue, missingKey, unknownKey } from './common/schemaRules';
import { configUnknownRule } from './config/unknownRule';
import { yamlSyntax, yamlWarning } from './common/yamlSyntax';
import { yamlMergeKey, yamlRecursiveAlias, yamlUnusedAnchor } from './common/yamlAnchors';
import { hardcodedCredential } from './common/hardcodedCredential';
import type { Rule } from './rule';
import { jobNeedsCycle, jobNeedsUnknown, stepIdInvalid } from './workflow/jobGraphRules';
import { jobTimeoutMissing, trainingWithoutCache } from './workflow/mlAdviceRules';
import { runnerLabel } from './workflow/runnerLabel';
import { matrixDuplicateValue, matrixEmptyValues, matrixExclude } from './workflow/matrixRules';
import { shellName } from './workflow/shellName';
import { envVarName } from './workflow/envVarName';
import { containerCredentials } from './workflow/containerCredentials';
import { deprecatedCommand, scriptInjection } from './workflow/scriptRules';
import { shellcheckRule } from './workflow/shellcheckRule';
import { pyflakesRule } from './workflow/pyflakesRule';
import { modelFairnessRule } from './mlflow/modelFairnessRule';
import { EXPRESSION_RULES } from './workflow/expressionRules';
import { cronSchedule } from './workflow/triggerRules';
import { filterConflict, filterPatterns } from './workflow/filterRules';
import { eventFilterEmpty } from './workflow/eventFilterEmpty';
import { workflowDispatchInput } from './workflow/dispatchInputRules';
import { workflowCallInput } from './workflow/callInputRules';
import { concurrencyMissing, permissionsMissing } from './workflow/workflowDefaultsRules';
import {
  actionInputs,
  actionNotPinned,
  actionRetired,
  actionRuntimeRetired,
  localActionInvalid,
  localReferenceMissing,
  usesFormat,
} from './workflow/usesRules';
import { dvcDuplicateOutput, dvcMissingDep, dvcStageCycle } from './dvc/graphRules';
import { dvcMissingCmd } from './dvc/missingCmd';
import { dvcMissingParam } from './dvc/missingParam';
import { dvcUndefinedVariable } from './dvc/undefinedVariable';
import { dvcUnusedParam } from './dvc/unusedParam';
import {
  gitlabJobWithoutScript,
  gitlabMissingInclude,
  gitlabOnlyExceptWithRules,
  gitlabUnknownKeyword,
} from './gitlab/jobRules';
import { gitlabUnknownExtends, gitlabUnknownJob, gitlabUnknownStage } from './gitlab/referenceRules';
import { kserveApiVersion } from './kserve/apiVersionRule';
import { kserveImageTag } from './kserve/imageTag';
import { kserveMissingPredictor, kserveModelSpec } from './kserve/predictorRules';
import { kserveRequestsExceedLimits, kserveResourceQuantity } from './kserve/resourceRules';
import { mlflowModelMissingFile, mlflowSignature, mlflowSignatureOnnxMismatch } from './mlflow/mlmodelRules';
import { mlflowMissingEnvFile, mlflowParameterSpec, mlflowUndefinedPlaceholder } from './mlflow/mlprojectRules';

export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  yamlWarning,
  yamlMergeKey,
  yamlRecursiveAlias,
  yamlUnusedAnchor,
  unknownKey,
  invalidValue,
  missingKey,
  jobNeedsUnknown,
  jobNeedsCycle,
  stepIdInvalid,
  usesFormat,
  localReferenceMissing,
  localActionInvalid,
  actionInputs,
  actionRetired,
  actionRuntimeRetired,
  actionNotPinned,
  runnerLabel,
  matrixExclude,
  matrixEmptyValues,
  matrixDuplicateValue,
  shellName,
  envVarName,
  containerCredentials,
  cronSchedule,
  filterPatterns,
  filterConflict,
  eventFilterEmpty,
  workflowDispatchInput,
  workflowCallInput,
  deprecatedCommand,
  scriptInjection,
  shellcheckRule,
  pyflakesRule,
  hardcodedCredential,
  jobTimeoutMissing,
  trainingWithoutCache,
  permissionsMissing,
  concurrencyMissing,
  ...EXPRESSION_RULES,
  dvcMissingCmd,
  dvcMissingParam,
  dvcUndefinedVariable,
  dvcMissingDep,
  dvcDuplicateOutput,
  dvcStageCycle,
  dvcUnusedParam,
  mlflowMissingEnvFile,
  mlflowParameterSpec,
  mlflowUndefinedPlaceholder,
  mlflowModelMissingFile,
  mlflowSignature,
  mlflowSignatureOnnxMismatch,
  modelFairnessRule,
  kserveApiVersion,
  kserveMissingPredictor,
  kserveModelSpec,
  kserveResourceQuantity,
  kserveRequestsExceedLimits,
  kserveImageTag,
  gitlabUnknownStage,
  gitlabUnknownJob,
  gitlabUnknownExtends,
  gitlabJobWithoutScript,
  gitlabOnlyExceptWithRules,
  gitlabUnknownKeyword,
  gitlabMissingInclude,
  configUnknownRule(() => RULE_IDS),
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));
const RULE_IDS: readonly string[] = [...BY_ID.keys()];

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Where each rule's docs live; diagnostics link here through `codeDescription`. */
export const RULE_DOCS_BASE_URL = 'https://github.com/preflight-dev/preflight/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}#${id}`;
}
