// Where a tree operator sits in its model, for explanations that read its trees and then check them against
// onnxruntime: the trees must see the model's input as it is (no scaler or imputer before them) and nothing but a
// ZipMap, a Sigmoid (after a regressor), Identity or a label Cast may follow, so the operator's scores are the model's
// output. The operator alone, with post_transform NONE, gives onnxruntime's own margins (rawScoreModel): what the SHAP
// values of each row must add up to.
import { attributeOf, bytesOf, encodeOnnxModel, feedInputs, type OnnxModel, type OnnxNode } from './onnxModel';
import { OnnxAttributeType, OnnxDataType } from './onnxProto';

export interface TreeOperatorGraph {
  /** The graph output that holds the model's scores (a ZipMap's output counts as the tensor it wraps). */
  readonly scoreOutput: string;
}

/** How the operator's scores reach the graph's outputs, or why they do not reach them unchanged. */
export function treeOperatorGraph(model: OnnxModel, node: OnnxNode): TreeOperatorGraph | string {
  const graph = model.graph;
  const inputs = graph ? feedInputs(graph) : [];
  if (inputs.length !== 1 || node.input[0] !== inputs[0]?.name)
    return `the ${node.op_type ?? 'tree'} operator does not read the model's input directly`;
  const classifier = node.op_type === 'TreeEnsembleClassifier';
  const scores = classifier ? node.output[1] : node.output[0];
  let scoreOutput = scores;
  for (const other of graph?.node ?? []) {
    if (other === node) continue;
    const from = other.input[0];
    const onTrees = from !== undefined && node.output.includes(from);
    const allowed =
      onTrees &&
      (other.op_type === 'Identity' ||
        (other.op_type === 'ZipMap' && from === scores) ||
        (other.op_type === 'Cast' && classifier && from === node.output[0]) ||
        (other.op_type === 'Sigmoid' && !classifier && from === scores));
    if (!allowed) return `the model applies ${other.op_type ?? 'an operator'} besides its trees`;
    if (other.op_type === 'Sigmoid') scoreOutput = other.output[0];
    // A ZipMap is dropped before onnxruntime runs the model, leaving the tensor it wraps in its place.
  }
  const outputs = new Set((graph?.output ?? []).map((o) => o.name));
  const zipped = (graph?.node ?? []).some(
    (n) => n.op_type === 'ZipMap' && n.input[0] === scores && outputs.has(n.output[0]),
  );
  if (scoreOutput === undefined || (!outputs.has(scoreOutput) && !zipped))
    return "the tree operator's scores are not an output of the model";
  return { scoreOutput };
}

/** A model of the operator alone with post_transform NONE, whose one output is its raw scores [N, width]. */
export function rawScoreModel(model: OnnxModel, node: OnnxNode): Uint8Array {
  const graph = model.graph;
  const input = graph ? feedInputs(graph)[0] : undefined;
  const classifier = node.op_type === 'TreeEnsembleClassifier';
  const scores = (classifier ? node.output[1] : node.output[0]) ?? 'scores';
  const attribute = [
    ...node.attribute.filter((a) => a.name !== 'post_transform'),
    ...(attributeOf(node, 'post_transform') || classifier
      ? [
          {
            name: 'post_transform',
            type: OnnxAttributeType.STRING,
            s: bytesOf('NONE'),
            floats: [],
            ints: [],
            strings: [],
          },
        ]
      : []),
  ];
  return encodeOnnxModel({
    ...model,
    graph: {
      name: 'raw_scores',
      node: [{ ...node, attribute }],
      initializer: [],
      input: input ? [input] : [],
      output: [{ name: scores, type: { tensor_type: { elem_type: OnnxDataType.FLOAT } } }],
      value_info: [],
    },
  });
}
