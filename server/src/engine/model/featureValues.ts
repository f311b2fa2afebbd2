// Feature rows as the models read them, row-major. Tables the trainer builds are float32 (what ONNX reads, half the
// memory of float64); callers that compute rows in float64 may pass those as they are.
export type FeatureValues = Float32Array | Float64Array;
