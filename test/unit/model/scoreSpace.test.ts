// What a model's score means, read from the model: each way exporters write a binary classifier's score
// (test/support/model/fairnessModels.ts) is first run in onnxruntime, the ground truth of what the output holds, and
// then read by onnx/scoreSpace.ts; the decision rule turns a probability threshold into the output's space.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeOnnxBytes } from '../../../server/src/engine/model/onnx/onnxModel';
import { createOnnxScorer } from '../../../server/src/engine/model/onnx/onnxSession';
import { chooseScoredOutput } from '../../../server/src/engine/model/onnx/scoredOutput';
import { readScoreSpace } from '../../../server/src/engine/model/onnx/scoreSpace';
import { decisionRule } from '../../../server/src/engine/model/report/fairnessDecision';
import { sigmoid } from '../../support/model/fairlearnReference';
import { scoreModel, type ScoreModelKind } from '../../support/model/fairnessModels';

const MARGINS = [-2.2, -1.1, -0.35, 0.3, 0.9, 1.7, 2.6];

/** The scored output's values for rows at every level, as onnxruntime computes them. */
async function scored(bytes: Uint8Array): Promise<{ output: string; values: number[] }> {
  const scorer = await createOnnxScorer(bytes);
  try {
    const rows = Float32Array.from(MARGINS, (_, k) => k);
    const out = await scorer.run(rows, rows.length);
    const chosen = chooseScoredOutput(scorer.outputNames, out, rows.length, 'score');
    assert.ok(typeof chosen !== 'string', typeof chosen === 'string' ? chosen : '');
    const values = out[chosen.name] ?? new Float32Array();
    return { output: chosen.name, values: MARGINS.map((_, r) => values[r * chosen.width + chosen.column] ?? NaN) };
  } finally {
    await scorer.dispose();
  }
}

describe('reading what a score output means', () => {
  const f32 = MARGINS.map((m) => Math.fround(m));
  const cases: {
    kind: ScoreModelKind;
    output: string;
    space: 'probability' | 'logit' | undefined;
    values: number[];
    basis: RegExp;
  }[] = [
    { kind: 'margin-regressor', output: 'margin', space: 'logit', values: f32, basis: /name 'margin' says log-odds/ },
    {
      kind: 'sigmoid-regressor',
      output: 'probability',
      space: 'probability',
      values: f32.map(sigmoid),
      basis: /Sigmoid node/,
    },
    {
      kind: 'classifier-margin',
      output: 'probabilities',
      space: 'logit',
      values: f32,
      basis: /TreeEnsembleClassifier with post_transform NONE and signed class weights/,
    },
    {
      kind: 'classifier-logistic',
      output: 'probabilities',
      space: 'probability',
      values: f32.map(sigmoid),
      basis: /TreeEnsembleClassifier with post_transform LOGISTIC/,
    },
    {
      kind: 'plain-regressor',
      output: 'variable',
      space: undefined,
      values: f32,
      basis: /TreeEnsembleRegressor with post_transform NONE .* its name 'variable' does not say/,
    },
  ];
  for (const c of cases) {
    it(`${c.kind}: output '${c.output}' is ${c.space ?? 'not told'}`, async () => {
      const bytes = scoreModel(c.kind, MARGINS);
      const { output, values } = await scored(bytes);
      assert.equal(output, c.output);
      // onnxruntime computes in float32: the margins, or their sigmoid, to float32 precision.
      for (const [k, v] of values.entries()) assert.ok(Math.abs(v - (c.values[k] ?? NaN)) < 1e-6, `level ${k}: ${v}`);
      const reading = readScoreSpace(decodeOnnxBytes(bytes).graph, output);
      assert.equal(reading.space, c.space);
      assert.match(reading.basis, c.basis);
    });
  }

  it('follows shape-only nodes back to the operator, and falls back to names only when the graph says nothing', () => {
    const graph = {
      node: [
        { input: ['x'], output: ['z'], op_type: 'Gemm', attribute: [] },
        { input: ['z'], output: ['p'], op_type: 'Sigmoid', attribute: [] },
        { input: ['p'], output: ['prob_flat'], op_type: 'Flatten', attribute: [] },
        { input: ['z'], output: ['logits'], op_type: 'Identity', attribute: [] },
        { input: ['z'], output: ['out'], op_type: 'Reshape', attribute: [] },
      ],
      initializer: [],
      input: [],
      output: [],
      value_info: [],
    };
    assert.equal(readScoreSpace(graph, 'prob_flat').space, 'probability');
    assert.equal(readScoreSpace(graph, 'logits').space, 'logit');
    assert.equal(readScoreSpace(graph, 'logits').fromGraph, false);
    assert.equal(readScoreSpace(graph, 'out').space, undefined);
    assert.match(readScoreSpace(graph, 'out').basis, /Gemm node/);
  });
});

describe('the decision rule', () => {
  const reading = (space: 'probability' | 'logit' | undefined, fromGraph = true) => ({
    ...(space ? { space } : {}),
    basis: 'the test says so',
    fromGraph,
  });

  it('applies a probability threshold to log-odds as log(t / (1 − t))', () => {
    for (const t of [0.5, 0.35, 0.9]) {
      const rule = decisionRule({ output: 'z', reading: reading('logit'), threshold: t, scores: [-3, 3] });
      assert.equal(rule.space, 'logit');
      // The cut selects exactly the scores whose probability is at least t.
      for (let z = -4; z <= 4; z += 0.01) {
        if (Math.abs(sigmoid(z) - t) < 1e-9) continue;
        assert.equal(z >= rule.cut, sigmoid(z) >= t, `z ${z}, t ${t}`);
      }
      assert.equal(rule.problem, undefined);
    }
    assert.equal(decisionRule({ output: 'z', reading: reading('logit'), threshold: 0.5, scores: [] }).cut, 0);
    const p = decisionRule({ output: 'p', reading: reading('probability'), threshold: 0.35, scores: [0, 1] });
    assert.equal(p.cut, 0.35);
  });

  it('says when the meaning is unknown, contradicted by the model, or impossible for the values', () => {
    const unknown = decisionRule({ output: 'y', reading: reading(undefined), threshold: 0.5, scores: [-1.5, 2] });
    assert.equal(unknown.space, null);
    assert.equal(unknown.cut, 0, 'values outside [0, 1] are read as log-odds');
    assert.match(unknown.problem ?? '', /cannot tell whether output 'y' is a probability or log-odds/);
    assert.match(unknown.problem ?? '', /set metadata\.preflight\.score_space to probability or logit/);
    const unknownUnit = decisionRule({ output: 'y', reading: reading(undefined), threshold: 0.4, scores: [0.1, 0.9] });
    assert.equal(unknownUnit.cut, 0.4);
    assert.ok(unknownUnit.problem);

    const contradicted = decisionRule({
      output: 'p',
      reading: reading('probability'),
      declared: 'logit',
      threshold: 0.5,
      scores: [0.2, 0.7],
    });
    assert.equal(contradicted.space, 'logit', 'the MLmodel is followed');
    assert.match(contradicted.problem ?? '', /score_space says output 'p' is log-odds, but the test says so/);

    const byName = decisionRule({
      output: 'p',
      reading: reading('probability', false),
      declared: 'logit',
      threshold: 0.5,
      scores: [-2, 2],
    });
    assert.equal(byName.problem, undefined, 'a name is no reason to doubt the setting');

    const notAProbability = decisionRule({
      output: 'p',
      reading: reading('probability'),
      threshold: 0.5,
      scores: [-0.4, 1.3],
    });
    assert.match(notAProbability.problem ?? '', /values range from -0\.4000 to 1\.300, outside \[0, 1\]/);
    const declaredProbability = decisionRule({
      output: 'p',
      reading: reading(undefined),
      declared: 'probability',
      threshold: 0.5,
      scores: [-2, 3],
    });
    assert.match(declaredProbability.problem ?? '', /set score_space to logit/);
  });
});
