// Progress lines of `train`: each phase says where it is and how long it has left, extrapolated from the work done so
// far (a fake clock here: the estimate is arithmetic, not a race), at most one line a second, first and last always.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeLeft, TrainProgress } from '../../../server/src/cli/commands/trainProgress';

function progress(): { lines: string[]; tick: (ms: number) => void; phases: TrainProgress } {
  let now = 0;
  const lines: string[] = [];
  return {
    lines,
    tick: (ms) => {
      now += ms;
    },
    phases: new TrainProgress(
      'preflight train',
      (l) => lines.push(l),
      () => now,
    ),
  };
}

describe('train progress', () => {
  it('estimates the time left from the bytes read, then from the rows featurised', () => {
    const { lines, tick, phases } = progress();
    phases.start('read');
    tick(2000);
    phases.reading('runs.csv', { rows: 250_000, bytes: 64 << 20, totalBytes: 256 << 20 });
    tick(200);
    phases.reading('runs.csv', { rows: 260_000, bytes: 66 << 20, totalBytes: 256 << 20 });
    tick(5800);
    phases.reading('runs.csv', { rows: 1_000_000, bytes: 256 << 20, totalBytes: 256 << 20 });
    phases.start('features');
    tick(10_000);
    phases.features({ rows: 200_000, total: 1_000_000 });
    assert.deepEqual(lines, [
      'preflight train: reading runs.csv: 250,000 rows, 64 MB of 256 MB (25 %), about 6 s left',
      'preflight train: reading runs.csv: 1,000,000 rows, 256 MB of 256 MB (100 %)',
      'preflight train: building features: 200,000 of 1,000,000 rows, about 40 s left',
    ]);
  });

  it('expects early stopping patience rounds after the best tree, then the refit of the kept trees', () => {
    const { lines, tick, phases } = progress();
    phases.start('trees');
    tick(50_000);
    phases.tree({ tree: 100, maxTrees: 1000, trainLoss: 0.4, validLoss: 0.41, bestTree: 80 }, 50, 1.25);
    // 0.5 s a tree: 30 more rounds until tree 130, then 80 trees on 1.25 x the rows.
    assert.equal(
      lines[0],
      'preflight train: tree 100/1000, train loss 0.4000, validation loss 0.4100 (best at 80), about 65 s left',
    );
    phases.start('refit');
    tick(6000);
    phases.refit({ tree: 10, maxTrees: 80, trainLoss: 0.4, validLoss: undefined, bestTree: 10 }, 1.25);
    assert.equal(lines[1], 'preflight train: refit on train + validation: tree 10/80, about 42 s left');
  });

  it('words long waits in minutes and leaves out estimates it cannot make', () => {
    assert.equal(timeLeft(600), ', about 10 min left');
    assert.equal(timeLeft(0), '');
    assert.equal(timeLeft(Number.NaN), '');
  });
});
