// Features are known before the run starts: changing the outcome or timing of any run that had not finished when a run
// was created leaves that run's features unchanged (the leakage test), hand-built histories give the expected values,
// and the input order of runs does not matter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFeatureTable, type FeatureTable } from '../../../server/src/engine/model/failure/features';
import { FEATURE_NAMES, FEATURES } from '../../../server/src/engine/model/failure/featureSpecs';
import type { RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { seededRandom } from '../../support/model/randomEnsemble';
import { syntheticRuns } from '../../support/model/syntheticRuns';

function rowOf(table: FeatureTable, id: string): number[] {
  const i = table.runs.findIndex((r) => r.id === id);
  assert.ok(i >= 0, `run ${id}`);
  return Array.from(table.values.subarray(i * table.featureCount, (i + 1) * table.featureCount));
}

function sameRow(a: number[], b: number[]): boolean {
  return a.every((v, j) => Object.is(v, b[j]) || (Number.isNaN(v) && Number.isNaN(b[j])));
}

const MINUTE = 60_000;

function run(
  id: string,
  createdMin: number,
  finishedMin: number | undefined,
  conclusion: string,
  extra: Partial<RunRecord> = {},
): RunRecord {
  return {
    id,
    repo: 'o/r',
    workflowId: '1',
    workflowName: 'CI',
    workflowPath: undefined,
    actor: 'alice',
    actorIsBot: false,
    branch: 'main',
    sha: `s${id}`,
    event: 'push',
    createdAt: createdMin * MINUTE,
    completedAt: finishedMin === undefined ? undefined : finishedMin * MINUTE,
    conclusion: finishedMin === undefined ? '' : conclusion,
    source: id,
    ...extra,
  };
}

describe('failure features', () => {
  it('never change when a run that had not finished yet changes outcome or timing (no leakage)', () => {
    const runs = syntheticRuns(21, 400);
    const table = buildFeatureTable(runs);
    const random = seededRandom(4);
    for (let trial = 0; trial < 25; trial++) {
      const pivot = runs[Math.floor(random() * runs.length)] as RunRecord;
      // Everything unknown at the pivot's creation: later runs, and earlier runs still running then.
      const changed = runs.map((r) => {
        const unknown =
          r.createdAt > pivot.createdAt || r.completedAt === undefined || r.completedAt >= pivot.createdAt;
        if (!unknown || r === pivot) return r;
        const finished = random() < 0.8;
        return {
          ...r,
          conclusion: finished ? (['success', 'failure', 'cancelled'][Math.floor(random() * 3)] ?? '') : '',
          completedAt: finished
            ? Math.max(r.createdAt, pivot.createdAt) + Math.floor(random() * 5 * MINUTE)
            : undefined,
        };
      });
      // The pivot's own outcome and end time are unknown at its start too.
      const pivotIndex = runs.indexOf(pivot);
      changed[pivotIndex] = {
        ...pivot,
        conclusion: pivot.conclusion === 'failure' ? 'success' : 'failure',
        completedAt: pivot.createdAt + 7 * MINUTE,
      };
      assert.ok(sameRow(rowOf(table, pivot.id), rowOf(buildFeatureTable(changed), pivot.id)), `pivot ${pivot.id}`);
    }
  });

  it('do change when an earlier finished run changes outcome (the test above can fail)', () => {
    const runs = [run('1', 0, 5, 'failure'), run('2', 10, 15, 'success')];
    const flipped = [run('1', 0, 5, 'success'), run('2', 10, 15, 'success')];
    assert.ok(!sameRow(rowOf(buildFeatureTable(runs), '2'), rowOf(buildFeatureTable(flipped), '2')));
  });

  it('read only runs that finished before the run was created', () => {
    const runs = [
      run('1', 0, 5, 'failure'),
      run('2', 6, 30, 'success'), // still running at minute 20
      run('3', 7, 20, 'failure'), // finishes exactly when run 4 is created: not yet known
      run('4', 20, 25, 'success', { sha: 's1' }),
    ];
    const row = rowOf(buildFeatureTable(runs), '4');
    const value = (name: string): number => row[FEATURE_NAMES.indexOf(name)] ?? Number.NaN;
    assert.equal(value('workflow_prev_failed'), 1, 'run 1 is the only known outcome');
    assert.ok(Number.isNaN(value('workflow_prev2_failed')));
    assert.equal(value('workflow_failure_streak'), 1);
    assert.equal(value('workflow_runs_in_progress'), 2, 'runs 2 and 3');
    assert.equal(value('workflow_run_count'), 1);
    assert.ok(
      Math.abs(value('workflow_failure_rate_all') - Math.fround((1 + 0.4) / 3)) < 1e-9,
      'shrunk: (1 + 2·0.2) / (1 + 2)',
    );
    assert.equal(value('workflow_hours_since_last_run'), Math.fround(20 / 60));
    assert.ok(Number.isNaN(value('workflow_hours_since_success')));
    assert.equal(value('commit_workflow_attempts'), 1, 'run 1 was on the same commit');
    assert.equal(value('commit_workflow_failures'), 1);
    assert.equal(value('hour_utc'), 0);
    assert.equal(value('weekday_utc'), 4, '1970-01-01 was a Thursday');
  });

  it('count only the last 24 hours in the time-window failure rate', () => {
    const day = 24 * 60;
    const runs = [
      run('1', 0, 5, 'failure'), // 2 days before run 4: outside the window
      run('2', 2 * day - 60, 2 * day - 50, 'failure'),
      run('3', 2 * day - 30, 2 * day - 20, 'success'),
      run('4', 2 * day, 2 * day + 5, 'success'),
    ];
    const row = rowOf(buildFeatureTable(runs), '4');
    const value = (name: string): number => row[FEATURE_NAMES.indexOf(name)] ?? Number.NaN;
    assert.equal(
      value('workflow_failure_rate_24h'),
      Math.fround((1 + 0.4) / (2 + 2)),
      'runs 2 and 3, shrunk by two pseudo-runs at 20 %',
    );
    assert.equal(value('workflow_failure_rate_all'), Math.fround((2 + 0.4) / (3 + 2)), 'all three earlier runs');
  });

  it('do not depend on the input order, including runs created at the same instant', () => {
    const runs = syntheticRuns(22, 200);
    const twins = runs
      .slice(0, 50)
      .map((r) => ({ ...r, id: `${r.id}9`, conclusion: r.conclusion === 'failure' ? 'success' : r.conclusion }));
    const all = [...runs, ...twins];
    const shuffled = [...all].reverse();
    const a = buildFeatureTable(all);
    const b = buildFeatureTable(shuffled);
    assert.deepEqual(
      a.runs.map((r) => r.id),
      b.runs.map((r) => r.id),
    );
    assert.ok(sameRow(Array.from(a.values), Array.from(b.values)));
  });

  it('describe every value in words', () => {
    for (const f of FEATURES) {
      for (const v of [0, 1, 3, Number.NaN]) {
        const text = f.describe(v);
        assert.ok(text.length > 5 && !text.includes('undefined'), `${f.name}(${v}): ${text}`);
      }
    }
  });
});
