// A long history refreshed from its newest pages: fresh reads win, older runs stay, the newest `max` are kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRunHistory } from '../../../server/src/engine/model/runs/mergeRunHistory';
import type { RunRecord } from '../../../server/src/engine/model/runs/runRecord';

function run(id: number, conclusion = 'success'): RunRecord {
  return {
    id: String(id),
    repo: 'octo/models',
    workflowId: '1',
    workflowName: 'CI',
    workflowPath: '.github/workflows/ci.yml',
    actor: 'octocat',
    actorIsBot: false,
    branch: 'main',
    sha: `sha${id}`,
    event: 'push',
    createdAt: id * 60_000,
    completedAt: conclusion === '' ? undefined : id * 60_000 + 30_000,
    conclusion,
    source: `run ${id}`,
  };
}

describe('mergeRunHistory', () => {
  it('takes a run from the fresh read, keeps older runs, orders oldest first and keeps the newest max', () => {
    const known = [run(1), run(2), run(3), run(4, '')];
    const fresh = [run(4, 'failure'), run(5, '')];
    const merged = mergeRunHistory(known, fresh, 4);
    assert.deepEqual(
      merged.map((r) => [r.id, r.conclusion]),
      [
        ['2', 'success'],
        ['3', 'success'],
        ['4', 'failure'],
        ['5', ''],
      ],
    );
  });

  it('is the fresh read alone when nothing was known', () => {
    assert.deepEqual(
      mergeRunHistory([], [run(2), run(1)], 10).map((r) => r.id),
      ['1', '2'],
    );
  });
});
