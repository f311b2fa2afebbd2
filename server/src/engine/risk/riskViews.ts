// A prediction as the editor presents it: who it is about (the subject the words speak of), the panel's explanation
// view, and a model's health on its logged predictions.
import type { ModelMonitoringView, RiskExplanationView } from '../../../../protocol/failureRisk';
import { groupFactors } from '../model/failure/factorGroups';
import type { ModelInUse } from '../model/failure/failureRiskStore';
import { monitoringSummary, type LoggedPrediction } from '../model/failure/predictionLog';
import {
  basisText,
  reasonFor,
  recordSentence,
  riskExplanationMarkdown,
  type RiskSubject,
} from '../model/failure/riskText';
import type { RiskPrediction } from '../model/failure/workflowRisk';

/** The models a prediction may come from: jobs use the job model when the repository has one. */
export interface ModelsInUse {
  readonly model: ModelInUse;
  readonly jobModel: ModelInUse | undefined;
}

/** The model that scores a workflow (job null) or a job. */
export function modelFor(models: ModelsInUse, job: string | null): ModelInUse {
  return job === null ? models.model : (models.jobModel ?? models.model);
}

export function riskSubject(
  prediction: RiskPrediction,
  job: string | null,
  branch: string,
  models: ModelsInUse | undefined,
): RiskSubject {
  const name = prediction.workflowName;
  return {
    label: job === null ? `workflow ${name}` : `job ${job} of ${name}`,
    kind: job === null ? 'workflow' : 'job',
    branch,
    finishedRuns: prediction.finishedRuns,
    modelLabel: models ? modelFor(models, job).label : 'the default model',
    ...(job !== null && models?.jobModel ? { jobModel: true } : {}),
  };
}

export function riskExplanationView(
  prediction: RiskPrediction,
  subject: RiskSubject,
  workflowPath: string,
  job: string | null,
): RiskExplanationView {
  const e = prediction.explanation;
  const weighed = recordSentence(e, subject);
  return {
    workflowPath,
    workflowName: prediction.workflowName,
    job,
    branch: subject.branch,
    probability: e.probability,
    baseProbability: e.baseProbability,
    shown: prediction.shown,
    factors: e.factors.map((f) => ({ reason: reasonFor(subject, f.reason), feature: f.feature, points: f.points })),
    groups: groupFactors(e.factors, subject.kind).map((g) => ({
      label: g.label,
      points: g.points,
      features: g.factors.map((f) => f.feature),
    })),
    basis: basisText(subject),
    ...(weighed === undefined ? {} : { weighed }),
    markdown: riskExplanationMarkdown(e, subject, prediction.shown),
  };
}

/** A model's health on its logged predictions, as the panel shows it, with whether it is calibrated here yet. */
export function monitoringView(
  log: readonly LoggedPrediction[],
  model: ModelInUse,
  calibrationNote: string,
): ModelMonitoringView {
  const summary = monitoringSummary(log, model.model, model.id);
  return {
    modelLabel: `${model.label}: ${model.detail}`,
    calibrationNote,
    ...summary,
    calibration: summary.calibration.filter((b) => b.count > 0),
  };
}
