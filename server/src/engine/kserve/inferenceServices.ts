// The InferenceService documents of a file. Manifests often carry other resources too (a ServiceAccount, a Secret, a
// ServingRuntime) separated by `---`; only documents of kind InferenceService in KServe's (or KFServing's older) API
// group are ours. Rules about the spec read `inferenceServices` (v1beta1 only); the apiVersion rule reads them all.
import { hasV1beta1Spec, isInferenceServiceGroup } from './apiVersions';
import { asMap, getEntry, scalarText, type MapEntry, type YAMLMap } from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';

export interface InferenceServiceDoc {
  readonly root: YAMLMap;
  /** The `kind` entry, where a missing `spec` is reported. */
  readonly kindEntry: MapEntry;
  readonly apiVersionEntry: MapEntry;
  readonly apiVersion: string;
  /** `metadata.name`, which TrainedModels refer to. */
  readonly name: string | undefined;
  readonly specEntry: MapEntry | undefined;
  readonly spec: YAMLMap | undefined;
}

const memo = new WeakMap<ParsedYaml, InferenceServiceDoc[]>();

/** Every InferenceService document, whatever its apiVersion. */
export function allInferenceServices(yaml: ParsedYaml): readonly InferenceServiceDoc[] {
  const hit = memo.get(yaml);
  if (hit) return hit;
  const found: InferenceServiceDoc[] = [];
  for (const doc of cleanDocuments(yaml)) {
    const root = asMap(doc.contents);
    const kindEntry = root ? getEntry(root, 'kind') : undefined;
    if (!root || !kindEntry || scalarText(kindEntry.value) !== 'InferenceService') continue;
    const apiVersionEntry = getEntry(root, 'apiVersion');
    const apiVersion = scalarText(apiVersionEntry?.value) ?? '';
    if (!apiVersionEntry || !isInferenceServiceGroup(apiVersion)) continue;
    const metadata = asMap(getEntry(root, 'metadata')?.value);
    const specEntry = getEntry(root, 'spec');
    found.push({
      root,
      kindEntry,
      apiVersionEntry,
      apiVersion,
      name: metadata ? scalarText(getEntry(metadata, 'name')?.value) : undefined,
      specEntry,
      spec: asMap(specEntry?.value),
    });
  }
  memo.set(yaml, found);
  return found;
}

/** InferenceServices with the v1beta1 spec: the ones the spec rules check (a retired apiVersion gets only its own finding). */
export function inferenceServices(yaml: ParsedYaml): readonly InferenceServiceDoc[] {
  return allInferenceServices(yaml).filter((isvc) => hasV1beta1Spec(isvc.apiVersion));
}

/** Predictor keys that name a model server by framework (the older form of `model: {modelFormat: …}`). */
export const FRAMEWORK_KEYS = [
  'sklearn',
  'xgboost',
  'tensorflow',
  'pytorch',
  'triton',
  'onnx',
  'huggingface',
  'pmml',
  'lightgbm',
  'paddle',
];
