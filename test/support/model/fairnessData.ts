// Data sets for the fairness gate's tests, and their expected figures from Fairlearn's definitions: rows give a level
// (the models of fairnessModels.ts turn level k into the margin MARGINS[k]), a group and an outcome.
import { seededRandom } from '../seededRandom';
import { fairlearnFigures, sigmoid, type ReferenceFigures } from './fairlearnReference';
import type { FairnessRow } from './fairnessModels';

/** Margins of levels 0..6: none near log-odds 0 or logit(0.35) = −0.619, so float32 cannot move a decision. */
export const MARGINS = [-2.2, -1.1, -0.35, 0.3, 0.9, 1.7, 2.6];

/** 240 rows in groups 0..2 (and a few without a group), outcomes drawn from the margins, group 2 shifted down. */
export function logitRows(seed: number): FairnessRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: 240 }, () => {
    const g = random() < 0.03 ? null : Math.floor(random() * 3);
    const level = Math.min(6, Math.floor(random() * 6) + (g === 0 ? 1 : 0));
    const shift = g === 2 ? -0.8 : 0;
    return { level, group: g, outcome: random() < sigmoid((MARGINS[level] ?? 0) + shift) ? 1 : 0 };
  });
}

/** Fairlearn's figures for `rows` decided by `selected(level)`. */
export function reference(rows: readonly FairnessRow[], selected: (level: number) => boolean): ReferenceFigures {
  return fairlearnFigures(
    rows.map((r) => r.outcome),
    rows.map((r) => (selected(r.level) ? 1 : 0)),
    rows.map((r) => r.group),
  );
}

/** What a model outputting log-odds decides at probability threshold t: the model computes in float32. */
export const logitDecision =
  (t: number) =>
  (level: number): boolean =>
    sigmoid(Math.fround(MARGINS[level] ?? 0)) >= t;
