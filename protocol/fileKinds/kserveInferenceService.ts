// KServe InferenceService manifests: Kubernetes YAML of any name, known by their content.
import { fileKind } from './fileKindInfo';

export const kserveInferenceService = fileKind({
  id: 'kserve-inference-service',
  label: 'KServe InferenceService',
  icon: 'server-process',
  example: 'kind: InferenceService',
  globs: [],
});
