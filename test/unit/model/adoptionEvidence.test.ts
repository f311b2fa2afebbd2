// The evidence rule for replacing a model: enough held-out results and failures, and a paired Brier improvement whose
// 95 % interval excludes zero, with a variance that accounts for neighbouring results being correlated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePaired, comparisonText } from '../../../server/src/engine/model/failure/adoptionEvidence';
import { seededRandom } from '../../support/model/randomEnsemble';

const WORDS = { rows: 'job results', candidate: 'job model', incumbent: 'workflow model' };
const MINIMUMS = { results: 100, failures: 10 };

/** Outcomes with a known failure probability per result, and a model that knows it (sharp) or only the base rate. */
function scenario(n: number, seed: number): { labels: number[]; sharp: number[]; vague: number[] } {
  const random = seededRandom(seed);
  const labels: number[] = [];
  const sharp: number[] = [];
  const vague: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = random() < 0.2 ? 0.8 : 0.05;
    labels.push(random() < p ? 1 : 0);
    sharp.push(p);
    vague.push(0.2);
  }
  return { labels, sharp, vague };
}

describe('comparing a retrained model with the one in use', () => {
  it('adopts nothing on a handful of results, however good they look', () => {
    const { labels, sharp, vague } = scenario(17, 1);
    const c = comparePaired(labels, sharp, vague, MINIMUMS);
    assert.equal(c.verdict, 'too-little-evidence');
    assert.match(
      comparisonText(c, WORDS, MINIMUMS),
      /^too little evidence to compare: the newest 17 job results \(\d+ failures?\), where at least 100 results with 10 failures are needed$/,
    );
  });

  it('adopts a clearly better model, and says on how many results and with what interval', () => {
    const { labels, sharp, vague } = scenario(600, 2);
    const c = comparePaired(labels, sharp, vague, MINIMUMS);
    const brier = (p: number[]): number => p.reduce((s, v, i) => s + (v - (labels[i] ?? 0)) ** 2, 0) / p.length;
    assert.ok(Math.abs(c.candidateBrier - brier(sharp)) < 1e-12);
    assert.ok(Math.abs(c.incumbentBrier - brier(vague)) < 1e-12);
    assert.ok(Math.abs(c.improvement - (brier(vague) - brier(sharp))) < 1e-12);
    assert.equal(c.verdict, 'adopt');
    assert.ok(c.interval[0] > 0 && c.interval[0] < c.improvement && c.improvement < c.interval[1]);
    assert.match(
      comparisonText(c, WORDS, MINIMUMS),
      /^on the newest 600 job results \(\d+ failures\): Brier 0\.\d{3} for the job model/,
    );
  });

  it('keeps the model in use when the difference is within the noise, or the candidate is worse', () => {
    const { labels, sharp } = scenario(600, 3);
    const random = seededRandom(9);
    const jittered = sharp.map((p) => Math.min(0.99, Math.max(0.01, p + (random() - 0.5) * 0.02)));
    assert.equal(comparePaired(labels, jittered, sharp, MINIMUMS).verdict, 'not-better');
    const worse = comparePaired(
      labels,
      sharp.map(() => 0.2),
      sharp,
      MINIMUMS,
    );
    assert.equal(worse.verdict, 'not-better');
    assert.match(comparisonText(worse, WORDS, MINIMUMS), /worse by 0\.\d{3}/);
  });

  it('widens the interval when results come in correlated runs (a broken main fails many in a row)', () => {
    // The same per-result differences, once shuffled and once in long blocks: the mean is the same, the blocked
    // series carries less independent evidence.
    const { labels, sharp, vague } = scenario(800, 4);
    const order = labels.map((_, i) => i).sort((a, b) => (labels[a] ?? 0) - (labels[b] ?? 0) || a - b);
    const pick = <T>(xs: T[]): T[] => order.map((i) => xs[i] as T);
    const shuffled = comparePaired(labels, sharp, vague, MINIMUMS);
    const blocked = comparePaired(pick(labels), pick(sharp), pick(vague), MINIMUMS);
    assert.ok(Math.abs(shuffled.improvement - blocked.improvement) < 1e-12);
    const width = (c: { interval: readonly [number, number] }): number => c.interval[1] - c.interval[0];
    assert.ok(width(blocked) > 1.5 * width(shuffled), `${width(blocked)} vs ${width(shuffled)}`);
  });
});
