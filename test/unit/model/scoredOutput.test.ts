// The one rule for which model output is the score (explanations and the fairness gate both use it).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { chooseScoredOutput } from '../../../server/src/engine/model/onnx/scoredOutput';

it('prefers the probability output, skips labels, and reads the positive class of a two-column output', () => {
  // skl2onnx-style classifier: label first, then per-class probabilities for 3 rows.
  const classifier = {
    label: new Float32Array([0, 1, 1]),
    probabilities: new Float32Array([0.9, 0.1, 0.2, 0.8, 0.4, 0.6]),
  };
  assert.deepEqual(chooseScoredOutput(['label', 'probabilities'], classifier, 3, 'score'), {
    name: 'probabilities',
    width: 2,
    column: 1,
  });
  // Our own writer: margin first, probability second; the probability wins although it comes later.
  const ours = { margin: new Float32Array([-1, 2]), probability: new Float32Array([0.27, 0.88]) };
  assert.deepEqual(chooseScoredOutput(['margin', 'probability'], ours, 2, 'score'), {
    name: 'probability',
    width: 1,
    column: 0,
  });
  // No probability-named output: the first float output.
  assert.deepEqual(
    chooseScoredOutput(['y', 'z'], { y: new Float32Array([1, 2]), z: new Float32Array([3, 4]) }, 2, 'score'),
    { name: 'y', width: 1, column: 0 },
  );
  assert.equal(
    chooseScoredOutput(['output_label'], { output_label: new Float32Array([1]) }, 1, 'explain'),
    'the model has no float output to explain (outputs: output_label)',
  );
});
