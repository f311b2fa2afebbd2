// The InferenceService documents of a file. Manifests often carry other resources too (a ServiceAccount, a Secret, a
// ServingRuntime) separated by `---`; only documents of kind InferenceService in the serving.kserve.io group are ours.
import { asMap, getEntry, scalarText, type MapEntry, type YAMLMap } from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';

export interface InferenceServiceDoc {
  readonly root: YAMLMap;
  /** The `kind` entry, where a missing `spec` is reported. */
  readonly kindEntry: MapEntry;
  readonly specEntry: MapEntry | undefined;
  readonly spec: YAMLMap | undefined;
}

const memo = new WeakMap<ParsedYaml, InferenceServiceDoc[]>();

export function inferenceServices(yaml: ParsedYaml): readonly InferenceServiceDoc[] {
  const hit = memo.get(yaml);
  if (hit) return hit;
  const found: InferenceServiceDoc[] = [];
  for (const doc of cleanDocuments(yaml)) {
    const root = asMap(doc.contents);
    const kindEntry = root ? getEntry(root, 'kind') : undefined;
    if (!root || !kindEntry || scalarText(kindEntry.value) !== 'InferenceService') continue;
    if (!(scalarText(getEntry(root, 'apiVersion')?.value) ?? '').startsWith('serving.kserve.io/')) continue;
    const specEntry = getEntry(root, 'spec');
    found.push({ root, kindEntry, specEntry, spec: asMap(specEntry?.value) });
  }
  memo.set(yaml, found);
  return found;
}

/** Predictor keys that name a model server by framework (the older form of `model: {modelFormat: …}`). */
export const FRAMEWORK_KEYS = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'pmml', 'lightgbm', 'paddle'];
