// The ONNX writer round trip: bytes we write load in onnxruntime-node and score every row as our JS scoring does (to
// float32 precision), rows that sit exactly on thresholds and missing values included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeOnnxBytes, textOf } from '../../../server/src/engine/model/onnx/onnxModel';
import { createOnnxScorer } from '../../../server/src/engine/model/onnx/onnxSession';
import { ceilToFloat32, writeTreeEnsembleOnnx } from '../../../server/src/engine/model/onnx/writeTreeEnsembleOnnx';
import { outputOfMargin, predictMargin } from '../../../server/src/engine/model/scoreTreeEnsemble';
import type { TreeEnsemble } from '../../../server/src/engine/model/treeEnsemble';
import { randomEnsemble, randomRows, seededRandom } from '../../support/model/randomEnsemble';

/** The same ensemble with thresholds no float32 can hold (0.1 and friends), where rounding to nearest would misroute. */
function withInexactThresholds(ensemble: TreeEnsemble): TreeEnsemble {
  return {
    ...ensemble,
    trees: ensemble.trees.map((t) => ({ ...t, threshold: t.threshold.map((v, i) => (i % 2 ? v + 0.1 : v)) })),
  };
}

describe('writeTreeEnsembleOnnx', () => {
  it('ceilToFloat32 gives the smallest float32 at or above its argument', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 2000; i++) {
      const t = (random() - 0.5) * 10 ** Math.floor(random() * 12 - 6);
      const c = ceilToFloat32(t);
      assert.equal(Math.fround(c), c, 'a float32');
      assert.ok(c >= t, `${c} >= ${t}`);
      // One step below c is below t: no float32 fits between t and c.
      const below = new Float32Array([c]);
      const bits = new Int32Array(below.buffer);
      bits[0] = (bits[0] ?? 0) + (c > 0 ? -1 : c < 0 ? 1 : 0);
      if (c !== 0) assert.ok((below[0] ?? 0) < t, `${below[0]} < ${t}`);
    }
    assert.equal(ceilToFloat32(0.5), 0.5);
    assert.equal(ceilToFloat32(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  });

  for (const transform of ['identity', 'logistic'] as const) {
    it(`scores like our JS in onnxruntime (${transform})`, async () => {
      const ensemble = withInexactThresholds(randomEnsemble(7, { trees: 30, features: 6, depth: 5, transform }));
      const bytes = writeTreeEnsembleOnnx(ensemble, {
        producer: 'test',
        metadata: { feature_names: ensemble.featureNames.join(',') },
      });
      const rowCount = 400;
      const rows = Float32Array.from(randomRows(seededRandom(3), rowCount, 6, 0.15));
      // Rows on the inexact thresholds themselves, rounded to float32 both ways.
      for (let r = 0; r < 40; r++) rows[r * 6 + (r % 6)] = Math.fround((r % 3) - 0.9);
      const scorer = await createOnnxScorer(bytes);
      try {
        assert.equal(scorer.inputName, 'features');
        assert.equal(scorer.featureCount, 6);
        assert.deepEqual(scorer.outputNames, transform === 'logistic' ? ['margin', 'probability'] : ['margin']);
        const out = await scorer.run(rows, rowCount);
        for (let r = 0; r < rowCount; r++) {
          const margin = predictMargin(ensemble, rows.subarray(r * 6, r * 6 + 6));
          const got = out['margin']?.[r] ?? Number.NaN;
          assert.ok(
            Math.abs(got - margin) <= 1e-5 * Math.max(1, Math.abs(margin)),
            `row ${r}: onnxruntime ${got}, ours ${margin}`,
          );
          if (transform === 'logistic') {
            const p = out['probability']?.[r] ?? Number.NaN;
            assert.ok(Math.abs(p - outputOfMargin(ensemble, margin)) < 1e-6, `row ${r} probability`);
          }
        }
      } finally {
        await scorer.dispose();
      }
      const decoded = decodeOnnxBytes(bytes);
      assert.equal(decoded.producer_name, 'test');
      assert.deepEqual(decoded.metadata_props, [{ key: 'feature_names', value: 'f0,f1,f2,f3,f4,f5' }]);
      assert.deepEqual(
        decoded.opset_import.map((o) => [o.domain ?? '', o.version]),
        [
          ['', 17],
          ['ai.onnx.ml', 3],
        ],
      );
      const modes = decoded.graph?.node[0]?.attribute.find((a) => a.name === 'nodes_modes')?.strings.map(textOf) ?? [];
      assert.ok(modes.includes('BRANCH_LT') && modes.includes('LEAF'));
    });
  }
});
