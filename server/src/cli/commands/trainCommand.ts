// `preflight train --runs FILE --out MODEL.onnx [--report REPORT.json] [--predictions PRED.csv] [--seed N]`: trains the
// failure-risk model on all but the last 20 % of success/failure runs in time order, with progress on stderr, and
// reports held-out metrics beside the "previous run of this workflow failed" baseline on the same runs. --git CLONE reads
// what each run's commit changed from a local clone of the repository (change features stay unknown without it).
// --walk-forward 7d also scores the test runs as deployed: a model retrained every 7 days on the runs finished by then.
// --jobs trains the job-level model instead, on the jobs of the runs (a history in GitHub API form with its jobs), as
// the extension's background retraining does: one row per run and job, matrix legs merged.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFailureModelOnnx } from '../../engine/model/failure/failureModelOnnx';
import { buildFeatureTable } from '../../engine/model/failure/features';
import { jobTrainingTable } from '../../engine/model/failure/jobTrainingTable';
import { trainFailureModelOnTable, type TrainingReport } from '../../engine/model/failure/trainFailureModel';
import { trainingRowsLines } from '../../engine/model/failure/trainingRows';
import { DEFAULT_GBDT_OPTIONS } from '../../engine/model/gbdt/trainGbdt';
import type { WalkForwardProgress } from '../../engine/model/failure/walkForward';
import { parseArgs, stringFlag } from '../args';
import { UsageError } from '../usageError';
import { calibrationTable, metricsTable } from './metricsTable';
import { formatFlag, readRunsWithChanges, requiredFlag } from './modelInputs';
import { TrainProgress } from './trainProgress';
import { walkForwardStepMs } from './walkForwardFlag';

export const TRAIN_USAGE =
  'preflight train --runs FILE(.csv|.json) --out MODEL.onnx [--report REPORT.json] [--predictions PRED.csv] [--seed N] [--git CLONE] [--walk-forward 7d] [--jobs] [--format text|json]';

async function writeFile(cwd: string, file: string, data: string | Uint8Array): Promise<void> {
  const target = path.resolve(cwd, file);
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, data);
  } catch (error) {
    throw new UsageError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function walkForwardLines(report: TrainingReport): string[] {
  const walked = report.walkForward;
  if (!walked) return [];
  return [
    '',
    `Walk-forward on the same test runs: a model retrained every ${walked.stepDays} day${walked.stepDays === 1 ? '' : 's'} on the runs finished before`,
    `each window (${walked.steps.length} windows, ${walked.trees} trees, calibration and threshold refit on the latest fifth of the past; ${walked.seconds.toFixed(0)} s):`,
    metricsTable([
      ['static', report.test],
      ['walk-fwd', walked.test],
      ['prev failed', report.baseline],
    ]),
    '',
    'window from   past runs  runs  failures  threshold',
    ...walked.steps.map(
      (s) =>
        `${s.from.slice(0, 10)}  ${String(s.pastRuns).padStart(10)}  ${String(s.predicted).padStart(4)}  ${String(s.failures).padStart(8)}  ${s.threshold.toFixed(2).padStart(9)}`,
    ),
  ];
}

/** `rows`: what a row is, "runs" or "job results". */
function summary(report: TrainingReport, out: string, rows: string): string {
  return [
    `Trained on ${report.split.train} ${rows}, validated on ${report.split.valid}, tested on the last ${report.split.test} (${report.split.testFrom.slice(0, 10)} to ${report.split.testTo.slice(0, 10)}).`,
    ...trainingRowsLines(report.rows, rows),
    `${report.trees.kept} trees (early stopping after ${report.trees.grown}) in ${report.seconds.toFixed(1)} s; decision threshold ${report.test.threshold.toFixed(3)} (smoothed max F1 on validation)${report.trees.refit === true ? `; trees refit on train + validation` : ``}.`,
    '',
    `Held-out test ${rows}:`,
    metricsTable([
      ['model', report.test],
      ['prev failed', report.baseline],
      ['prev created', report.baselineByCreation],
    ]),
    '',
    '"prev failed": previous finished run of the workflow failed (known at start); "prev created": previous run by',
    'creation time failed, even if still running then (the README/issue baseline; it peeks at unknown outcomes).',
    '',
    calibrationTable(report.test),
    ...walkForwardLines(report),
    '',
    `Wrote ${out}.`,
  ].join('\n');
}

export async function runTrain(
  argv: readonly string[],
  cwd: string,
  progress: (line: string) => void,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(
    argv,
    ['runs', 'out', 'report', 'predictions', 'seed', 'format', 'git', 'walk-forward'],
    ['jobs'],
  );
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n${TRAIN_USAGE}`);
  const runsFile = requiredFlag(args, 'runs', 'FILE (run history, .csv or .json)');
  const out = requiredFlag(args, 'out', 'MODEL.onnx');
  const format = formatFlag(args);
  const seedText = stringFlag(args, 'seed') ?? '1';
  if (!/^\d+$/.test(seedText)) throw new UsageError(`--seed must be a whole number, not '${seedText}'`);
  const walkForwardStep = walkForwardStepMs(args);
  const phases = new TrainProgress('preflight train', progress);
  phases.start('read');
  const { runs, notes } = await readRunsWithChanges(cwd, runsFile, args, (p) => {
    phases.reading(runsFile, p);
  });
  const jobs = args.flags.has('jobs');
  progress(`preflight train: ${runs.length} runs from ${runsFile}`);
  phases.start('features');
  const table = jobs
    ? jobTrainingTable(runs)
    : buildFeatureTable(runs, (p) => {
        phases.features(p);
      });
  if (jobs) {
    if (table.runs.length === 0)
      throw new UsageError(
        `${runsFile}: no jobs to train on. --jobs needs a history in GitHub API form with each run's jobs (a top-level "jobs" list of the list-jobs responses, or "jobs" on each run)`,
      );
    progress(`preflight train: ${table.runs.length} job results from the runs' jobs`);
  }
  // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the recorded training time, so the same data gives the same bytes.
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  const now = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  // The refit grows the kept trees again on train + validation: 1/0.8 of the training rows (timeSplit's fractions).
  const refitScale = 1.25;
  phases.start('trees');
  const trained = trainFailureModelOnTable(table, {
    now,
    gbdt: { seed: Number(seedText) },
    loadNotes: notes,
    onProgress: (p) => {
      phases.tree(p, DEFAULT_GBDT_OPTIONS.earlyStoppingRounds, refitScale);
    },
    onRefitProgress: (p) => {
      phases.refit(p, refitScale);
    },
    ...(walkForwardStep === undefined
      ? {}
      : {
          walkForward: {
            stepMs: walkForwardStep,
            onProgress: (p: WalkForwardProgress) => {
              progress(
                `preflight train: walk-forward window ${p.window}/${p.windows} from ${new Date(p.from).toISOString().slice(0, 10)}, retraining on ${p.pastRuns} finished runs`,
              );
            },
          },
        }),
  });
  if (!trained.ok) throw new UsageError(`${runsFile}: ${trained.error}`);
  const { model, report, predictions } = trained.value;
  progress(
    `preflight train: stopped after ${report.trees.grown} trees, kept the best ${report.trees.kept} on validation`,
  );
  await writeFile(cwd, out, writeFailureModelOnnx(model));
  const reportFile = stringFlag(args, 'report');
  if (reportFile)
    await writeFile(cwd, reportFile, `${JSON.stringify({ version: 1, runs: runsFile, ...report }, null, 2)}\n`);
  const predictionsFile = stringFlag(args, 'predictions');
  if (predictionsFile) {
    const lines = [
      'id_build,probability,predicted_failure,failed',
      ...predictions.map(
        (p) => `${p.id},${p.probability.toFixed(6)},${p.predictedFailure ? 1 : 0},${p.failed ? 1 : 0}`,
      ),
    ];
    await writeFile(cwd, predictionsFile, `${lines.join('\n')}\n`);
  }
  return {
    output:
      format === 'json'
        ? `${JSON.stringify({ version: 1, model: out, level: jobs ? 'jobs' : 'runs', ...report }, null, 2)}\n`
        : `${summary(report, out, jobs ? 'job results' : 'runs')}\n`,
    exitCode: 0,
  };
}
