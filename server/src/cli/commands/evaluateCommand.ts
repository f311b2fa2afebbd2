// `preflight evaluate --model MODEL.onnx --runs FILE [--format text|json]`: scores the success/failure runs created after
// the model's training data ended (all of them, flagged, when there are none) with onnxruntime, and reports quality
// beside the baseline, feature drift against training, per-group error rates and whether retraining is suggested.
// "as used" is the same runs as the editor would have shown them: replayed in time order through the repository
// calibration fitted on the runs finished before each one (asUsedReplay.ts), with ECE once a few hundred have finished.
// --walk-forward 7d also scores the same runs as the extension would with background retraining: every 7 days a model
// (as many trees as this one) retrained on all runs finished by then, beside this fixed model.
import { DEFAULT_EVIDENCE_MINIMUMS } from '../../engine/model/failure/adoptionEvidence';
import { replayAsUsed, type AsUsedReport } from '../../engine/model/failure/asUsedReplay';
import { previousFinishedFailed } from '../../engine/model/failure/baselines';
import { buildFeatureTable } from '../../engine/model/failure/features';
import { FEATURE_NAMES } from '../../engine/model/failure/featureSpecs';
import { createRiskScorer } from '../../engine/model/failure/onnxRisk';
import { selectRows } from '../../engine/model/failure/timeSplit';
import { predictionLog } from '../../engine/model/failure/trainFailureModel';
import { trainingRows, trainingRowsLines } from '../../engine/model/failure/trainingRows';
import { walkForward } from '../../engine/model/failure/walkForward';
import { classificationReport, type ClassificationReport } from '../../engine/model/metrics';
import { featureDrift, groupErrors, retrainVerdict, rollingQuality } from '../../engine/model/monitoring';
import { isLabelled } from '../../engine/model/runs/runRecord';
import { parseArgs } from '../args';
import { UsageError } from '../usageError';
import { calibrationTable, metricsTable } from './metricsTable';
import { formatFlag, readModel, readRunsWithChanges, requiredFlag } from './modelInputs';
import { TrainProgress } from './trainProgress';
import { walkForwardStepMs } from './walkForwardFlag';

export const EVALUATE_USAGE =
  'preflight evaluate --model MODEL.onnx --runs FILE(.csv|.json) [--git CLONE] [--walk-forward 7d] [--format text|json]';

export async function runEvaluate(
  argv: readonly string[],
  cwd: string,
  progress: (line: string) => void = () => undefined,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['model', 'runs', 'format', 'git', 'walk-forward'], []);
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n${EVALUATE_USAGE}`);
  const modelFile = requiredFlag(args, 'model', 'MODEL.onnx');
  const runsFile = requiredFlag(args, 'runs', 'FILE (run history, .csv or .json)');
  const format = formatFlag(args);
  const walkForwardStep = walkForwardStepMs(args);
  const { model, bytes } = await readModel(cwd, modelFile);
  const phases = new TrainProgress('preflight evaluate', progress);
  phases.start('read');
  const { runs, notes } = await readRunsWithChanges(cwd, runsFile, args, (p) => {
    phases.reading(runsFile, p);
  });
  phases.start('features');
  const table = buildFeatureTable(runs, (p) => {
    phases.features(p);
  });
  const rowsUsed = trainingRows(table, notes);
  const trainedUntil = Date.parse(model.training.to);
  const labelled = table.runs.flatMap((run, i) => (isLabelled(run) ? [i] : []));
  const unseen = labelled.filter((i) => (table.runs[i]?.createdAt ?? 0) > trainedUntil);
  const includesTraining = unseen.length === 0;
  const rows = Int32Array.from(includesTraining ? labelled : unseen);
  if (rows.length === 0) throw new UsageError(`${runsFile}: no finished success/failure runs to evaluate on`);
  const data = selectRows(table, rows);
  const scorer = await createRiskScorer(bytes, model);
  const probabilities = await scorer.score(data.values, data.rowCount).finally(() => scorer.dispose());
  const report = classificationReport(data.labels, probabilities, model.threshold);
  const asUsed = replayAsUsed(model, table, rows, probabilities, {
    minimums: DEFAULT_EVIDENCE_MINIMUMS,
    onRetraining: (p) => {
      progress(
        `preflight evaluate: as used, retraining ${p.done + 1}/${p.total} on the history of ${p.repo} before ${p.at.slice(0, 10)}`,
      );
    },
  });
  const warmRows = Int32Array.from(asUsed.afterWarmUp.runs, (k) => rows[k] ?? 0);
  const baselineAfterWarmUp =
    warmRows.length > 0
      ? classificationReport(
          Uint8Array.from(asUsed.afterWarmUp.runs, (k) => data.labels[k] ?? 0),
          previousFinishedFailed(table, warmRows),
          0.5,
        )
      : undefined;
  const baseline = classificationReport(data.labels, previousFinishedFailed(table, rows), 0.5);
  const predictions = Array.from(rows, (r, k) => {
    const run = table.runs[r];
    const probability = probabilities[k] ?? 0;
    return {
      id: run?.id ?? '',
      repo: run?.repo ?? '',
      workflowName: run?.workflowName ?? '',
      createdAt: run?.createdAt ?? 0,
      probability,
      predictedFailure: probability >= model.threshold,
      failed: data.labels[k] === 1,
    };
  });
  const log = predictionLog(table, rows, predictions);
  const drift = featureDrift(model.drift, data.values, data.rowCount, table.featureCount);
  const verdict = retrainVerdict(drift, FEATURE_NAMES, rollingQuality(log));
  const groups = groupErrors(log);
  const walked =
    walkForwardStep === undefined
      ? undefined
      : walkForward(table, rows, {
          stepMs: walkForwardStep,
          trees: model.training.trees,
          onProgress: (p) => {
            progress(
              `preflight evaluate: walk-forward window ${p.window}/${p.windows} from ${new Date(p.from).toISOString().slice(0, 10)}, retraining on ${p.pastRuns} finished runs`,
            );
          },
        });
  if (walked && !walked.ok) throw new UsageError(`${runsFile}: walk-forward: ${walked.error}`);
  const walkForwardReport = walked?.value.report;
  const topDrift = drift.map((psi, j) => ({ feature: FEATURE_NAMES[j] ?? '', psi })).sort((a, b) => b.psi - a.psi);
  if (format === 'json') {
    return {
      output: `${JSON.stringify({ version: 1, runs: rows.length, rows: rowsUsed, includesTrainingRuns: includesTraining, model: report, asUsed: { ...asUsed, probabilities: undefined, afterWarmUp: { ...asUsed.afterWarmUp, runs: undefined, baseline: baselineAfterWarmUp } }, baseline, ...(walkForwardReport ? { walkForward: walkForwardReport } : {}), drift: topDrift, groups, retrain: verdict }, null, 2)}\n`,
      exitCode: 0,
    };
  }
  const lines = [
    `Evaluated ${rows.length} success/failure runs ${includesTraining ? '(none is newer than the training data, so these INCLUDE runs the model learned from)' : `created after the training data (${model.training.to.slice(0, 10)})`}.`,
    ...trainingRowsLines(rowsUsed),
    metricsTable([
      ['model', report],
      ['as used', asUsed.report],
      ...(walkForwardReport ? [['walk-fwd', walkForwardReport.test] as [string, ClassificationReport]] : []),
      ['prev failed', baseline],
    ]),
    ...(walkForwardReport
      ? [
          `"walk-fwd": each run scored by a model retrained every ${walkForwardReport.stepDays} day(s) on the runs finished before its window (${walkForwardReport.steps.length} windows).`,
        ]
      : []),
    ...asUsedLines(asUsed),
    asUsed.afterWarmUp.report
      ? `As used, once ${asUsed.afterWarmUp.warmUp} of these runs had finished (${asUsed.afterWarmUp.report.count} runs): ECE ${asUsed.afterWarmUp.report.ece.toFixed(3)}, Brier ${asUsed.afterWarmUp.report.brier.toFixed(3)} ("prev failed" on the same runs: Brier ${baselineAfterWarmUp?.brier.toFixed(3) ?? '–'}).`
      : `As used: fewer than ${asUsed.afterWarmUp.warmUp} of these runs had finished before the last one, so no figure after warm-up.`,
    '',
    calibrationTable(report),
    '',
    'Largest feature drift (PSI against training; > 0.25 is a significant shift):',
    ...topDrift.slice(0, 5).map((d) => `  ${d.feature.padEnd(36)} ${d.psi.toFixed(3)}`),
    '',
    'Error rate per group:',
    ...groups.map(
      (g) =>
        `  ${`${g.group}=${g.value}`.padEnd(36)} ${String(g.count).padStart(6)} runs  error ${g.errorRate.toFixed(3)}  missed failures ${g.falseNegativeRate.toFixed(3)}  false alarms ${g.falsePositiveRate.toFixed(3)}`,
    ),
    '',
    verdict.retrain
      ? `Retraining suggested: ${verdict.reasons.join('; ')}.`
      : 'No retraining needed: drift and quality are within thresholds.',
  ];
  return { output: `${lines.join('\n')}\n`, exitCode: 0 };
}

/** How the "as used" figures were made: the history each run was fitted on, the record's weight, the retrainings. */
function asUsedLines(asUsed: AsUsedReport): string[] {
  const percent = (x: number): string => `${Math.round(x * 100)} %`;
  const adopted = asUsed.retrainings.filter((r) => r.adopted);
  return [
    `"as used": each run's risk as the editor would have shown it, fitted on the newest ${asUsed.historyRuns} runs of this history created before it and the outcomes finished by then (${asUsed.fits} fits): the model calibrated on the repository, shrunk on a thin workflow history, and weighed against the repository's own record after a failure or a success by how well each predicted the finished runs (the model's share averaged ${percent(asUsed.modelWeight)}); shown as a band, not a percentage, for ${percent(asUsed.bandShare)} of them.`,
    asUsed.retrainings.length === 0
      ? 'No retraining: the history is shorter than the extension waits between retrainings.'
      : `Retrained every 7 days on the repository's history as the extension does (${asUsed.retrainings.length} time${asUsed.retrainings.length === 1 ? '' : 's'}); ${adopted.length === 0 ? 'no retrained model was adopted' : `a retrained model was adopted ${adopted.length} time${adopted.length === 1 ? '' : 's'} and scored ${percent(asUsed.retrainedShare)} of the runs`}.`,
    ...adopted.map((r) => `  adopted ${r.at.slice(0, 10)} on ${r.repo}: ${r.text}`),
  ];
}
