// The two meanings of a binary classifier's score, spelt as the MLmodel's `metadata.preflight.score_space` setting
// spells them. Apart from scoreSpace.ts (which reads ONNX graphs) so the MLmodel schema names them without loading
// the protobuf reader.
export type ScoreSpace = 'probability' | 'logit';
export const SCORE_SPACES: readonly ScoreSpace[] = ['probability', 'logit'];
