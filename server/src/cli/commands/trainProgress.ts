// Progress of `train` (and `evaluate`) on stderr, phase by phase, each line with an estimate of the time left: reading
// the history (bytes), building features (rows), growing trees (until early stopping is expected) and the refit on
// train + validation. A million runs take minutes; the user should know which minute they are in and how many remain.
// Lines are throttled to about one a second per phase, so a big history does not flood the terminal.
import type { FeatureProgress } from '../../engine/model/failure/features';
import type { TrainingProgress } from '../../engine/model/gbdt/trainGbdt';
import type { ReadProgress } from '../../engine/model/runs/loadRuns';

const n = (count: number): string => count.toLocaleString('en-US');
const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;

/** "about 12 s left", "about 3 min left"; nothing until there is something to extrapolate from. */
export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 90) return `, about ${Math.max(1, Math.round(seconds))} s left`;
  return `, about ${Math.round(seconds / 60)} min left`;
}

export class TrainProgress {
  private phase = '';
  private phaseStarted: number;
  private lastShown = Number.NEGATIVE_INFINITY;
  /** Seconds a boosting round took on average, to estimate the refit. */
  private secondsPerTree = Number.NaN;

  constructor(
    private readonly command: string,
    private readonly say: (line: string) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.phaseStarted = clock();
  }

  /** A phase begins now (its first progress line is always shown). */
  start(phase: 'read' | 'features' | 'trees' | 'refit'): void {
    this.phase = phase;
    this.phaseStarted = this.clock();
    this.lastShown = Number.NEGATIVE_INFINITY;
  }

  reading(file: string, p: ReadProgress): void {
    if (!this.due('read', p.bytes >= p.totalBytes)) return;
    const elapsed = this.elapsed();
    const left = p.bytes > 0 ? (elapsed * (p.totalBytes - p.bytes)) / p.bytes : Number.NaN;
    this.say(
      `${this.command}: reading ${file}: ${n(p.rows)} rows, ${mb(p.bytes)} of ${mb(p.totalBytes)} (${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))} %)${timeLeft(left)}`,
    );
  }

  features(p: FeatureProgress): void {
    if (!this.due('features', p.rows >= p.total)) return;
    const left = (this.elapsed() * (p.total - p.rows)) / Math.max(1, p.rows);
    this.say(`${this.command}: building features: ${n(p.rows)} of ${n(p.total)} rows${timeLeft(left)}`);
  }

  /** A boosting round with early stopping: the end is expected `patience` rounds after the best so far, then the refit
   * grows as many trees as are kept on `refitScale` times the rows. */
  tree(p: TrainingProgress, patience: number, refitScale: number): void {
    this.secondsPerTree = this.elapsed() / p.tree;
    if (!this.due('trees', p.tree === p.maxTrees)) return;
    const rounds = Math.max(0, Math.min(p.maxTrees, p.bestTree + patience) - p.tree);
    const left = this.secondsPerTree * (rounds + p.bestTree * refitScale);
    this.say(
      `${this.command}: tree ${p.tree}/${p.maxTrees}, train loss ${p.trainLoss.toFixed(4)}, validation loss ${p.validLoss?.toFixed(4) ?? '-'} (best at ${p.bestTree})${timeLeft(left)}`,
    );
  }

  refit(p: TrainingProgress, refitScale: number): void {
    if (!this.due('refit', p.tree === p.maxTrees)) return;
    const perTree = p.tree > 1 ? this.elapsed() / p.tree : this.secondsPerTree * refitScale;
    this.say(
      `${this.command}: refit on train + validation: tree ${p.tree}/${p.maxTrees}${timeLeft(perTree * (p.maxTrees - p.tree))}`,
    );
  }

  /** Whether a line is due: the first of a phase, its last, and otherwise at most one a second. */
  private due(phase: string, last: boolean): boolean {
    if (phase !== this.phase) this.start(phase as 'read');
    const now = this.clock();
    if (!last && now - this.lastShown < 1000) return false;
    this.lastShown = now;
    return true;
  }

  private elapsed(): number {
    return (this.clock() - this.phaseStarted) / 1000;
  }
}
