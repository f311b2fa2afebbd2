// Writing a FailureModel as ONNX and reading it back: the trees come from the graph's TreeEnsembleRegressor (what
// onnxruntime scores, so explanations describe exactly the scored model), the covers and everything else from
// metadata_props.
import { decodeOnnxBytes, type OnnxModel } from '../onnx/onnxModel';
import { treeEnsembleFromOnnx } from '../onnx/treeEnsembleFromOnnx';
import { writeTreeEnsembleOnnx } from '../onnx/writeTreeEnsembleOnnx';
import type { LoadResult } from '../runs/runRecord';
import type { Tree } from '../treeEnsemble';
import {
  type FailureModel,
  type FailureModelMetadata,
  FAILURE_MODEL_KIND,
  METADATA_KIND_KEY,
  METADATA_MODEL_KEY,
  metadataOf,
} from './failureModel';
import { FEATURE_NAMES } from './featureSpecs';

export function writeFailureModelOnnx(model: FailureModel): Uint8Array {
  return writeTreeEnsembleOnnx(model.ensemble, { producer: 'preflight', metadata: metadataOf(model) });
}

export function readFailureModelOnnx(bytes: Uint8Array, file: string): LoadResult<FailureModel> {
  let onnx: OnnxModel;
  try {
    onnx = decodeOnnxBytes(bytes);
  } catch {
    return { ok: false, error: `${file}: not an ONNX model` };
  }
  const meta = new Map(onnx.metadata_props.map((p) => [p.key ?? '', p.value ?? '']));
  if (meta.get(METADATA_KIND_KEY) !== FAILURE_MODEL_KIND) {
    return { ok: false, error: `${file}: not a Preflight failure-risk model (train one with 'preflight train')` };
  }
  let m: FailureModelMetadata;
  try {
    m = JSON.parse(meta.get(METADATA_MODEL_KEY) ?? '') as FailureModelMetadata;
  } catch {
    return { ok: false, error: `${file}: the model's metadata is damaged (retrain with 'preflight train')` };
  }
  if (m.featureNames.join(',') !== FEATURE_NAMES.join(',')) {
    return {
      ok: false,
      error: `${file}: the model was trained on other features than this version computes (retrain with 'preflight train')`,
    };
  }
  const read = treeEnsembleFromOnnx(onnx, m.featureNames);
  if (!read.ok) return { ok: false, error: `${file}: ${read.error}` };
  const ensemble = read.outputs[0]?.ensemble;
  if (read.outputs.length !== 1 || !ensemble)
    return { ok: false, error: `${file}: not a failure model (it has ${read.outputs.length} outputs)` };
  // The reader lays nodes out in pre-order from the root, left first: the order our trainer grows them in, so the
  // covers stored per node index line up. A count mismatch means the file did not come from our trainer.
  const trees = ensemble.trees.map((tree, t) => {
    const covers = m.covers[t];
    if (covers?.length !== tree.feature.length) return undefined;
    const withCovers: Tree = { ...tree, cover: Float64Array.from(covers) };
    restoreInternalCovers(withCovers, 0);
    return withCovers;
  });
  if (trees.length !== m.covers.length || trees.some((t) => t === undefined)) {
    return {
      ok: false,
      error: `${file}: the trees and the covers in the metadata do not match (retrain with 'preflight train')`,
    };
  }
  return {
    ok: true,
    value: {
      ensemble: {
        trees: trees as Tree[],
        baseScore: ensemble.baseScore,
        transform: 'logistic',
        featureNames: m.featureNames,
      },
      calibration: m.calibration,
      threshold: m.threshold,
      drift: m.drift,
      training: m.training,
    },
  };
}

/** Internal covers as the sum of their children's: covers are stored rounded, and TreeSHAP's local accuracy needs every
 * node's children to split its cover exactly. Leaves keep their stored cover. */
function restoreInternalCovers(tree: Tree, node: number): number {
  if ((tree.feature[node] ?? -1) < 0) return tree.cover[node] ?? 0;
  const total = restoreInternalCovers(tree, tree.left[node] ?? 0) + restoreInternalCovers(tree, tree.right[node] ?? 0);
  tree.cover[node] = total;
  return total;
}
