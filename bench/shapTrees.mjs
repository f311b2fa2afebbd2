// Exact SHAP for tree ensembles (issue 8): 1,000 rows of a 100-tree, depth-6 ensemble against 100 background rows.
// Ours: interventional TreeSHAP (exact against the background; the method used for ONNX tree models), timed from the
// ensemble to all values, background preprocessing included; and path-dependent TreeSHAP on the same rows.
// Anchor in the same run: xgboost's C++ pred_contribs (path-dependent TreeSHAP, one thread) on the same trees, trained
// by bench/lib/xgboostShapAnchor.py. Target: interventional under 2 s.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { machineLine, median, ms, ratio, repoRoot } from './lib/stats.mjs';

const TARGET_MS = 2000;
const ROWS = 1000;
const BACKGROUND = 100;
const FEATURES = 20;
const RUNS = 3;

const root = repoRoot();
const require = createRequire(import.meta.url);
const { InterventionalTreeShap } = require(
  path.join(root, 'out/server/src/engine/model/shap/interventionalTreeShap.js'),
);
const { treeShapBatch } = require(path.join(root, 'out/server/src/engine/model/shap/treeShap.js'));
const { predictMargin } = require(path.join(root, 'out/server/src/engine/model/scoreTreeEnsemble.js'));
const { randomEnsemble, randomRows, seededRandom } = require(
  path.join(root, 'out/test/support/model/randomEnsemble.js'),
);

function toEnsemble(json) {
  return {
    baseScore: json.baseScore,
    transform: json.transform,
    featureNames: json.featureNames,
    trees: json.trees.map((t) => ({
      feature: Int32Array.from(t.feature),
      threshold: Float64Array.from(t.threshold),
      left: Int32Array.from(t.left),
      right: Int32Array.from(t.right),
      missingGoesLeft: Uint8Array.from(t.missingGoesLeft),
      value: Float64Array.from(t.value),
      cover: Float64Array.from(t.cover),
    })),
  };
}

console.log(machineLine());
console.log(
  `load average at start: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
const anchorRun = spawnSync(
  '/usr/bin/python3',
  [path.join(root, 'bench/lib/xgboostShapAnchor.py'), String(ROWS), String(BACKGROUND), String(FEATURES)],
  { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
);
let anchor;
let ensemble;
let rows;
let background;
if (anchorRun.status === 0) {
  anchor = JSON.parse(anchorRun.stdout);
  ensemble = toEnsemble(anchor.ensemble);
  rows = Float32Array.from(anchor.rows);
  background = Float32Array.from(anchor.background);
  const nodes = ensemble.trees.reduce((n, t) => n + t.feature.length, 0);
  console.log(
    `model: xgboost ${anchor.xgboost} binary:logistic, ${ensemble.trees.length} trees, max_depth 6, ${nodes} nodes, ${FEATURES} features`,
  );
} else {
  console.log(
    `anchor unavailable (python3-xgboost missing?): ${(anchorRun.stderr || anchorRun.error?.message || '').trim().split('\n').pop()}`,
  );
  ensemble = randomEnsemble(1, { trees: 100, features: FEATURES, depth: 6 });
  const random = seededRandom(2);
  rows = Float32Array.from(randomRows(random, ROWS, FEATURES));
  background = Float32Array.from(randomRows(random, BACKGROUND, FEATURES));
  console.log(`model: random ensemble, 100 trees, depth <= 6, ${FEATURES} features`);
}

const interventional = [];
const pathDependent = [];
let values;
let explainer;
for (let run = 0; run < RUNS; run++) {
  let start = performance.now();
  explainer = new InterventionalTreeShap(ensemble, background, BACKGROUND);
  values = explainer.explainBatch(rows, ROWS);
  interventional.push(performance.now() - start);
  start = performance.now();
  const contribs = treeShapBatch(ensemble, rows, ROWS);
  pathDependent.push(performance.now() - start);
  if (run === 0 && anchor) {
    let gap = 0;
    for (let r = 0; r < ROWS; r++) {
      for (let f = 0; f < FEATURES; f++)
        gap = Math.max(gap, Math.abs(contribs.values[r * FEATURES + f] - anchor.pred_contribs[r * (FEATURES + 1) + f]));
    }
    console.log(
      `check: path-dependent TreeSHAP vs xgboost pred_contribs, max |difference| ${gap.toExponential(2)} (float32 sums)`,
    );
  }
}
let accuracy = 0;
for (let r = 0; r < ROWS; r++) {
  let sum = explainer.base;
  for (let f = 0; f < FEATURES; f++) sum += values[r * FEATURES + f];
  accuracy = Math.max(
    accuracy,
    Math.abs(sum - predictMargin(ensemble, rows.subarray(r * FEATURES, (r + 1) * FEATURES))),
  );
}
console.log(`check: interventional local accuracy, max |base + sum - margin| ${accuracy.toExponential(2)}`);
const ours = median(interventional);
console.log(
  `ours, interventional TreeSHAP, ${ROWS} rows x ${BACKGROUND} background: median ${ms(ours)} ms of ${RUNS} (${ms(ours / ROWS)} ms/row)`,
);
console.log(
  `ours, path-dependent TreeSHAP, ${ROWS} rows:                median ${ms(median(pathDependent))} ms (${ms(median(pathDependent) / ROWS)} ms/row)` +
    (anchor ? ` | ratio to anchor ${ratio(median(pathDependent), anchor.pred_contribs_ms)}` : ''),
);
if (anchor)
  console.log(
    `anchor, xgboost pred_contribs (C++, 1 thread), ${ROWS} rows:    median ${ms(anchor.pred_contribs_ms)} ms | interventional ratio to anchor ${ratio(ours, anchor.pred_contribs_ms)}`,
  );
console.log(`target: interventional under ${TARGET_MS} ms`);
process.exitCode = ours < TARGET_MS && accuracy < 1e-9 ? 0 : 1;
if (process.exitCode) console.log(`MISSED: ${ms(ours)} ms (target ${TARGET_MS} ms), local accuracy ${accuracy}`);
