// The "as used" replay never peeks: a run's risk depends only on outcomes known before it was created, so changing the
// outcome of every run that finished later leaves it alone; and calibrating on the repository lowers the Brier score of
// a model whose probabilities do not fit the repository.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayAsUsed } from '../../../server/src/engine/model/failure/asUsedReplay';
import type { FailureModel } from '../../../server/src/engine/model/failure/failureModel';
import { buildFeatureTable } from '../../../server/src/engine/model/failure/features';
import { loadDefaultModel } from '../../../server/src/engine/model/failure/failureRiskStore';
import { calibratedProbabilities } from '../../../server/src/engine/model/failure/scoreRows';
import { selectRows } from '../../../server/src/engine/model/failure/timeSplit';
import { isLabelled, type RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { syntheticRuns } from '../../support/model/syntheticRuns';

const MINIMUMS = { results: 100, failures: 10 };

/** The shipped model, with its training data taken to end before the synthetic runs (so all of them count as unseen). */
async function model(): Promise<FailureModel> {
  const { model: shipped } = await loadDefaultModel();
  return { ...shipped, training: { ...shipped.training, to: '2000-01-01T00:00:00.000Z' } };
}

async function replay(runs: readonly RunRecord[]) {
  const m = await model();
  const table = buildFeatureTable(runs);
  const rows = Int32Array.from(table.runs.flatMap((r, i) => (isLabelled(r) ? [i] : [])));
  const data = selectRows(table, rows);
  const p = calibratedProbabilities(m, data.values, data.rowCount);
  return { table, rows, p, labels: data.labels, result: replayAsUsed(m, table, rows, p, { minimums: MINIMUMS }) };
}

describe('risk as used, replayed in time order', () => {
  const runs = syntheticRuns(5, 900).filter((r) => r.repo === 'acme/app');
  const cut = runs[Math.floor(runs.length * 0.6)]?.createdAt ?? 0;

  it('gives each run a risk that does not depend on outcomes that became known after it was created', async () => {
    const flipped = runs.map((r) =>
      isLabelled(r) && (r.completedAt ?? Number.POSITIVE_INFINITY) >= cut
        ? { ...r, conclusion: r.conclusion === 'failure' ? 'success' : 'failure' }
        : r,
    );
    const a = await replay(runs);
    const b = await replay(flipped);
    let compared = 0;
    let differ = 0;
    a.rows.forEach((r, k) => {
      const createdAt = a.table.runs[r]?.createdAt ?? 0;
      if (createdAt <= cut) {
        compared++;
        assert.equal(a.result.probabilities[k], b.result.probabilities[k], `run ${a.table.runs[r]?.id}`);
      } else if (a.result.probabilities[k] !== b.result.probabilities[k]) differ++;
    });
    assert.ok(compared > 100, `${compared} runs before the cut`);
    assert.ok(differ > 0, 'later runs do read the flipped outcomes');
  });

  it('lowers the Brier score of a model that does not fit the repository, and counts its bands', async () => {
    const { result, labels, p } = await replay(runs);
    const brier = (q: ArrayLike<number>): number => {
      let s = 0;
      for (let i = 0; i < labels.length; i++) s += ((q[i] ?? 0) - (labels[i] ?? 0)) ** 2;
      return s / labels.length;
    };
    assert.ok(brier(result.probabilities) < brier(p), `${brier(result.probabilities)} vs ${brier(p)}`);
    assert.equal(result.report.brier, brier(result.probabilities));
    assert.ok(result.refits > 5);
    assert.ok(result.bandShare > 0 && result.bandShare < 1, String(result.bandShare));
  });
});
