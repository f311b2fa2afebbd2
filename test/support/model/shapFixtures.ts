// The committed references of scripts/makeShapReferences.py (test/fixtures/shap/): models, rows, background sets and
// Shapley values computed in Python by brute force.
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureMatrix } from '../../../server/src/engine/model/data/featureMatrix';
import type { TreeEnsemble } from '../../../server/src/engine/model/treeEnsemble';
import { FIXTURES } from '../paths';

export const SHAP_FIXTURES = path.join(FIXTURES, 'shap');

interface JsonTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  missingGoesLeft: number[];
  value: number[];
  cover: number[];
}

export interface ShapReference {
  readonly model: string;
  readonly output_space: 'margin' | 'output';
  readonly features: string[];
  readonly background: (number | null)[][];
  readonly rows: (number | null)[][];
  readonly expected: { base: number[]; shap: number[][] };
  readonly ensemble?: {
    trees: JsonTree[];
    baseScore: number;
    transform: 'identity' | 'logistic';
    featureNames: string[];
  };
  readonly margin?: number[];
  readonly probability?: number[];
  readonly prediction?: number[];
  readonly pred_contribs?: number[][];
}

export function loadReference(name: string): { ref: ShapReference; bytes: Uint8Array } {
  const ref = JSON.parse(fs.readFileSync(path.join(SHAP_FIXTURES, `${name}.json`), 'utf8')) as ShapReference;
  return { ref, bytes: new Uint8Array(fs.readFileSync(path.join(SHAP_FIXTURES, ref.model))) };
}

export function matrixOf(rows: (number | null)[][], columns: string[]): FeatureMatrix {
  return { columns, rowCount: rows.length, values: Float32Array.from(rows.flat(), (v) => v ?? Number.NaN) };
}

export function ensembleOf(ref: ShapReference): TreeEnsemble {
  const e = ref.ensemble;
  if (!e) throw new Error(`${ref.model}: no ensemble in the reference`);
  return {
    baseScore: e.baseScore,
    transform: e.transform,
    featureNames: e.featureNames,
    trees: e.trees.map((t) => ({
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
