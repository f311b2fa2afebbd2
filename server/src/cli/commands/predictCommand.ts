// `preflight predict --model MODEL.onnx --runs FILE --workflow PATH_OR_NAME [--branch B] [--event E] [--actor A]
// [--git CLONE] [--format text|json]`: the failure risk of the next run of a workflow, scored by onnxruntime, with its
// exact TreeSHAP factors in plain words ("previous run of this workflow failed: +18.2 pts"). With --git, the next run
// is taken to be of the clone's HEAD commit, and what that commit changes feeds the change features.
import { explainRisk, describeFactor } from '../../engine/model/failure/explainRisk';
import { buildFeatureTable } from '../../engine/model/failure/features';
import { findWorkflow, nextRunOf } from '../../engine/model/failure/nextRun';
import { createRiskScorer } from '../../engine/model/failure/onnxRisk';
import { parseArgs, stringFlag } from '../args';
import { UsageError } from '../usageError';
import { percentText } from '../../../../protocol/numberText';
import { formatFlag, readModel, readRunsWithChanges, requiredFlag } from './modelInputs';

export const PREDICT_USAGE =
  'preflight predict --model MODEL.onnx --runs FILE(.csv|.json) --workflow PATH_OR_NAME [--branch B] [--event E] [--actor A] [--top N] [--git CLONE] [--format text|json]';

export async function runPredict(argv: readonly string[], cwd: string): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['model', 'runs', 'workflow', 'branch', 'event', 'actor', 'top', 'format', 'git'], []);
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n${PREDICT_USAGE}`);
  const modelFile = requiredFlag(args, 'model', 'MODEL.onnx');
  const runsFile = requiredFlag(args, 'runs', 'FILE (run history, .csv or .json)');
  const workflow = requiredFlag(args, 'workflow', 'PATH_OR_NAME');
  const format = formatFlag(args);
  const topText = stringFlag(args, 'top') ?? '5';
  if (!/^\d+$/.test(topText)) throw new UsageError(`--top must be a whole number, not '${topText}'`);
  const { model, bytes } = await readModel(cwd, modelFile);
  const { runs, changes } = await readRunsWithChanges(cwd, runsFile, args);
  const found = findWorkflow(runs, workflow);
  if (!found.ok) throw new UsageError(`${runsFile}: ${found.error}`);
  const next = nextRunOf(runs, found.latest, {
    branch: stringFlag(args, 'branch'),
    event: stringFlag(args, 'event'),
    actor: stringFlag(args, 'actor'),
    changes: changes?.get('HEAD'),
  });
  const table = buildFeatureTable([...runs, next]);
  const index = table.runs.indexOf(next);
  const row = Float64Array.from(table.values.subarray(index * table.featureCount, (index + 1) * table.featureCount));
  const scorer = await createRiskScorer(bytes, model);
  const [probability = Number.NaN] = await scorer.score(row, 1).finally(() => scorer.dispose());
  const explanation = explainRisk(model, row);
  const top = explanation.factors.slice(0, Number(topText));
  const subject = {
    repo: next.repo,
    workflow: next.workflowName || next.workflowPath || next.workflowId,
    branch: next.branch,
    event: next.event,
  };
  if (format === 'json') {
    const json = {
      version: 1,
      ...subject,
      probability,
      baseProbability: explanation.baseProbability,
      threshold: model.threshold,
      predictedFailure: probability >= model.threshold,
      margin: explanation.margin,
      localAccuracyError: explanation.localAccuracyError,
      factors: top,
    };
    return { output: `${JSON.stringify(json, null, 2)}\n`, exitCode: 0 };
  }
  const lines = [
    `Failure risk of the next run of '${subject.workflow}' (${subject.repo}, branch ${subject.branch}, ${subject.event}): ${percentText(probability)}${probability >= model.threshold ? ' (likely to fail)' : ''}`,
    `Typical risk ${percentText(explanation.baseProbability)}; what moves it (exact TreeSHAP):`,
    ...top.map((f) => `  ${describeFactor(f)}`),
  ];
  return { output: `${lines.join('\n')}\n`, exitCode: 0 };
}
