// The time-ordered split: parts do not overlap, every training run precedes every validation run, which precede every
// test run, only success/failure runs are used, and the test part is the last 20 %.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFeatureTable } from '../../../server/src/engine/model/failure/features';
import { timeSplit } from '../../../server/src/engine/model/failure/timeSplit';
import { isLabelled } from '../../../server/src/engine/model/runs/runRecord';
import { syntheticRuns } from '../../support/model/syntheticRuns';

describe('timeSplit', () => {
  it('splits labelled runs in time order without overlap', () => {
    const table = buildFeatureTable(syntheticRuns(8, 500).reverse());
    const { train, valid, test } = timeSplit(table);
    const labelled = table.runs.filter(isLabelled).length;
    assert.equal(train.length + valid.length + test.length, labelled);
    assert.equal(test.length, labelled - Math.round(labelled * 0.8));
    const all = [...train, ...valid, ...test];
    assert.equal(new Set(all).size, all.length, 'no run in two parts');
    for (const i of all) {
      const run = table.runs[i];
      assert.ok(run && isLabelled(run));
    }
    const time = (i: number | undefined): number =>
      i === undefined ? Number.NaN : (table.runs[i]?.createdAt ?? Number.NaN);
    assert.ok(time(train[train.length - 1]) <= time(valid[0]));
    assert.ok(time(valid[valid.length - 1]) <= time(test[0]));
    for (let k = 1; k < all.length; k++) assert.ok(time(all[k - 1]) <= time(all[k]));
  });
});
