// An InferenceService in an API version the cluster does not serve fails at `kubectl apply` ("no matches for kind
// InferenceService in version …"). The v1alpha2 spec also differs from v1beta1 (default/canary, `custom`), so such a
// document gets this finding only, not the v1beta1 spec rules.
import { apiVersionStatus, CHECKED_THROUGH, CURRENT_API_VERSION } from '../../kserve/apiVersions';
import { allInferenceServices } from '../../kserve/inferenceServices';
import type { RuleFinding } from '../../findings';
import { nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';

export const kserveApiVersion: Rule = {
  id: 'kserve-api-version',
  kinds: ['kserve-inference-service'],
  defaultSeverity: 'error',
  docs: {
    title: 'InferenceService apiVersion is not served by KServe',
    description:
      `KServe serves InferenceService as \`${CURRENT_API_VERSION}\` only. \`serving.kubeflow.org/v1alpha2\` is ` +
      "KFServing's old API: KFServing 0.5 (2021) replaced it with v1beta1 and KServe 0.7 removed it, together with the " +
      '`serving.kubeflow.org` group, so applying it fails (error; migrate the spec to v1beta1: `predictor.<framework>` ' +
      'instead of `default.predictor`, `canaryTrafficPercent` on the component). `serving.kubeflow.org/v1beta1` has the ' +
      `same spec as today's and only needs the new group, but a cluster running KServe rejects it (warning). Another version ` +
      `in \`serving.kserve.io\` was not served as of ${CHECKED_THROUGH} (warning: a newer KServe may add one).`,
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const isvc of allInferenceServices(ctx.parsed)) {
      const range = nodeRange(ctx.parsed.lines, isvc.apiVersionEntry.value ?? isvc.apiVersionEntry.keyNode);
      const fix = { title: `Change to '${CURRENT_API_VERSION}'`, edits: [{ range, newText: CURRENT_API_VERSION }] };
      switch (apiVersionStatus(isvc.apiVersion).status) {
        case 'current':
          break;
        case 'retired':
          findings.push({
            message: `'${isvc.apiVersion}' is KFServing's retired API: KServe 0.7 removed it, so applying this InferenceService fails. Migrate it to '${CURRENT_API_VERSION}' (the spec changed too: see the v1beta1 docs).`,
            range,
          });
          break;
        case 'old-group':
          findings.push({
            message: `'${isvc.apiVersion}' is KFServing's API group, which KServe 0.7 renamed: a cluster running KServe rejects it. Use '${CURRENT_API_VERSION}' (same spec).`,
            severity: 'warning',
            range,
            fixes: [fix],
          });
          break;
        case 'unknown':
          findings.push({
            message: `KServe serves InferenceService as '${CURRENT_API_VERSION}' only (as of ${CHECKED_THROUGH}); '${isvc.apiVersion}' fails to apply unless your KServe is newer.`,
            severity: 'warning',
            range,
          });
          break;
      }
    }
    return findings;
  },
};
