// The duration model's part of `preflight insights`: train on the history, report the time-ordered evaluation against
// the baseline, and predict (and explain) each job's next run. Said plainly when the history is too short.
import type { RunHistory } from '../../history/runHistory';
import { predictNextDurations, type DurationPrediction } from './predictDurations';
import { trainDurationModel, type DurationEvaluation } from './trainDurationModel';

export type DurationModelReport =
  | {
      readonly available: true;
      readonly evaluation: DurationEvaluation;
      readonly predictions: readonly DurationPrediction[];
    }
  | { readonly available: false; readonly reason: string };

export async function durationModelReport(history: RunHistory, at: number): Promise<DurationModelReport> {
  const trained = trainDurationModel(history);
  if (!trained.ok) return { available: false, reason: trained.error };
  return {
    available: true,
    evaluation: trained.value.evaluation,
    predictions: await predictNextDurations(trained.value, history, at),
  };
}
