// KServe InferenceService manifests: Kubernetes YAML of any name, recognised by their `kind` and API group.
import { yamlKind } from './kind';

const INFERENCE_SERVICE = /^kind:\s*["']?InferenceService["']?\s*(#.*)?$/m;
// KServe's API group, and KFServing's before KServe 0.7 renamed it (reported as retired, but recognised).
const KSERVE_API = /^apiVersion:\s*["']?serving\.(kserve\.io|kubeflow\.org)\//m;

export const kserveInferenceServiceKind = yamlKind({
  id: 'kserve-inference-service',
  label: 'KServe InferenceService',
  icon: 'server-process',
  example: 'kind: InferenceService',
  // Known by content only: no glob wakes the extension.
  globs: [],
  byContent: (head) => INFERENCE_SERVICE.test(head) && KSERVE_API.test(head),
  examplePath: (name) => `/repo/serving/${name}.yaml`,
});
