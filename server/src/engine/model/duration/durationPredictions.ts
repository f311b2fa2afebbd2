// Duration-model predictions for the job lenses, per workflow file: trained and scored in the background (onnxruntime is
// asynchronous), kept until the watched runs change, and announced when ready so the lenses are asked for again.
import type { PipelineRun } from '../../../../../protocol/pipelineRuns';
import type { DurationPrediction } from './predictDurations';
import { predictWorkflowDurations } from './workflowDurationPredictions';

export class DurationPredictions {
  private readonly ready = new Map<string, readonly DurationPrediction[]>();
  private readonly pending = new Set<string>();
  private generation = 0;

  constructor(
    private readonly onReady: () => void,
    private readonly logError: (where: string, error: unknown) => void,
  ) {}

  /** The runs changed: every prediction is stale. */
  clear(): void {
    this.ready.clear();
    this.pending.clear();
    this.generation++;
  }

  /** What is known now for the workflow (nothing yet on the first ask, which starts the work). */
  for(workflowPath: string, runs: readonly PipelineRun[]): readonly DurationPrediction[] {
    const known = this.ready.get(workflowPath);
    if (known) return known;
    if (!this.pending.has(workflowPath)) {
      this.pending.add(workflowPath);
      const generation = this.generation;
      predictWorkflowDurations(runs, workflowPath, Date.now()).then(
        (predictions) => {
          if (generation !== this.generation) return;
          this.pending.delete(workflowPath);
          this.ready.set(workflowPath, predictions);
          if (predictions.length > 0) this.onReady();
        },
        (error: unknown) => {
          if (generation === this.generation) this.ready.set(workflowPath, []);
          this.logError('duration predictions', error);
        },
      );
    }
    return [];
  }
}
