// Which apiVersions of InferenceService a cluster serves, by KServe's history (from its release notes and migration guide;
// current as of KServe 0.15, 2025):
// - KFServing (API group serving.kubeflow.org) served v1alpha2 until 0.4; 0.5 (Jan 2021) added v1beta1 and converted
//   v1alpha2 objects to it.
// - KServe 0.7 (Oct 2021) renamed the group to serving.kserve.io and dropped v1alpha2: since then only
//   serving.kserve.io/v1beta1 exists for InferenceService (v1alpha1 of that group holds other kinds: TrainedModel,
//   ServingRuntime, InferenceGraph).
// The v1beta1 spec is the same in both groups, so the v1beta1 rules check both.

export const KSERVE_GROUP = 'serving.kserve.io';
export const KFSERVING_GROUP = 'serving.kubeflow.org';
export const CURRENT_API_VERSION = `${KSERVE_GROUP}/v1beta1`;
/** The newest KServe release these facts were checked against; a newer one may serve versions we do not know. */
export const CHECKED_THROUGH = 'KServe 0.15';

export type ApiVersionStatus =
  /** serving.kserve.io/v1beta1: current. */
  | { readonly status: 'current' }
  /** serving.kubeflow.org/v1beta1: the same spec, served only by KFServing 0.5–0.6. */
  | { readonly status: 'old-group' }
  /** serving.kubeflow.org/v1alpha*: a spec no KServe release serves. */
  | { readonly status: 'retired' }
  /** Another version in KServe's group: not served as of CHECKED_THROUGH. */
  | { readonly status: 'unknown' };

export function isInferenceServiceGroup(apiVersion: string): boolean {
  return apiVersion.startsWith(`${KSERVE_GROUP}/`) || apiVersion.startsWith(`${KFSERVING_GROUP}/`);
}

export function apiVersionStatus(apiVersion: string): ApiVersionStatus {
  if (apiVersion === CURRENT_API_VERSION) return { status: 'current' };
  if (apiVersion === `${KFSERVING_GROUP}/v1beta1`) return { status: 'old-group' };
  if (apiVersion.startsWith(`${KFSERVING_GROUP}/`)) return { status: 'retired' };
  return { status: 'unknown' };
}

/** True when the document has the v1beta1 spec the predictor, resource and image rules know. */
export function hasV1beta1Spec(apiVersion: string): boolean {
  const { status } = apiVersionStatus(apiVersion);
  return status === 'current' || status === 'old-group';
}
