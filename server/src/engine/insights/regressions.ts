// Jobs that became markedly slower: the most recent runs against a baseline of the runs before them, with a one-sided
// Mann–Whitney U test (rank-based, so one slow runner or cold cache cannot make or hide a regression) and an effect
// size floor (a significant +3% is not worth anyone's attention). Never judged on a single run: both windows have
// minimum sizes, and each matrix leg is its own series.
import { mannWhitneyGreater, median } from '../history/robustStats';
import { groupBy, isCompletedAttempt, type RunHistory } from '../history/runHistory';

export interface RegressionOptions {
  /** Samples in the recent window. */
  readonly recentRuns?: number;
  /** Samples in the baseline window, the ones right before the recent window. */
  readonly baselineRuns?: number;
  readonly minRecent?: number;
  readonly minBaseline?: number;
  /** One-sided significance level. */
  readonly alpha?: number;
  /** Minimum relative increase of the median (0.2 = +20%). */
  readonly minIncrease?: number;
  /** Minimum absolute increase of the median, in seconds: +50% of 4 s is noise in runner start-up. */
  readonly minSeconds?: number;
}

export const REGRESSION_DEFAULTS: Required<RegressionOptions> = {
  recentRuns: 10,
  baselineRuns: 30,
  minRecent: 5,
  minBaseline: 10,
  alpha: 0.01,
  minIncrease: 0.2,
  minSeconds: 30,
};

export interface Regression {
  /** The API's job name (a matrix leg keeps its suffix). */
  readonly job: string;
  readonly recentMedianSeconds: number;
  readonly baselineMedianSeconds: number;
  readonly increasePercent: number;
  readonly pValue: number;
  readonly recentSamples: number;
  readonly baselineSamples: number;
  /** Run number of the first run in the recent window, to say "since run #123". */
  readonly sinceRunNumber: number | undefined;
}

export function detectRegressions(history: RunHistory, options: RegressionOptions = {}): Regression[] {
  const o = { ...REGRESSION_DEFAULTS, ...options };
  const found: Regression[] = [];
  for (const [job, records] of groupBy(history.jobs.filter(isCompletedAttempt), (r) => r.name)) {
    const recentRecords = records.slice(-o.recentRuns);
    const recent = recentRecords.map((r) => r.seconds);
    const baseline = records.slice(-(o.recentRuns + o.baselineRuns), -o.recentRuns).map((r) => r.seconds);
    if (recent.length < o.minRecent || baseline.length < o.minBaseline) continue;
    const recentMedian = median(recent);
    const baselineMedian = median(baseline);
    const increase = recentMedian - baselineMedian;
    if (increase < o.minSeconds || increase < o.minIncrease * baselineMedian) continue;
    const { pGreater } = mannWhitneyGreater(recent, baseline);
    if (!(pGreater < o.alpha)) continue;
    found.push({
      job,
      recentMedianSeconds: recentMedian,
      baselineMedianSeconds: baselineMedian,
      increasePercent: baselineMedian > 0 ? (100 * increase) / baselineMedian : Number.POSITIVE_INFINITY,
      pValue: pGreater,
      recentSamples: recent.length,
      baselineSamples: baseline.length,
      sinceRunNumber: recentRecords[0]?.run?.run_number,
    });
  }
  return found.sort((a, b) => b.increasePercent - a.increasePercent);
}
