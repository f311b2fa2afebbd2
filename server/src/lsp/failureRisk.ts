// Failure risk in the editor: reads the watched repository's run history (every workflow and branch, bounded pages),
// predicts the next run of each workflow on the checked-out branch, and shows it as CodeLens on the workflow's `name:`
// and each job, as a hover on them, and in the panel. Every prediction shown is logged and joined to its run's outcome;
// the models (workflow-level, and job-level) can be retrained on the repository in the background, in a worker thread
// (retrainInWorker.ts; settleRetraining.ts decides what is used). Signed out or without history: no lens, no nagging.
import {
  CodeLensRefreshRequest,
  type CodeLens,
  type Connection,
  type Position,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModelMonitoringView, RiskExplanationView } from '../../../protocol/failureRisk';
import { FailureRiskNotification, type RetrainFailureModelRequest } from '../../../protocol/failureRiskLsp';
import type { ActionsClient } from '../engine/github/api/actionsClient';
import { leftOutNote, LENS_HISTORY, RepoRunHistory, TRAINING_HISTORY } from '../engine/model/runs/repoRunHistory';
import type { WatchTarget } from '../engine/github/api/runWatcher';
import { workflowModel } from '../engine/github/workflowModel';
import { jobBaseName, jobsByWorkflow } from '../engine/model/failure/jobTrainingTable';
import {
  loggedPrediction,
  monitoringSummary,
  PredictionLog,
  type LoggedPrediction,
} from '../engine/model/failure/predictionLog';
import { retrainInWorker, type RetrainJob } from '../engine/model/failure/retrainInWorker';
import {
  basisText,
  NO_HISTORY_LENS_TITLE,
  reasonFor,
  riskExplanationMarkdown,
  riskHoverMarkdown,
  riskLensTitle,
  riskLensTooltip,
  type RiskSubject,
} from '../engine/model/failure/riskText';
import { predictJobRisk, predictWorkflowRisk, type RiskPrediction } from '../engine/model/failure/workflowRisk';
import type { RunRecord } from '../engine/model/runs/runRecord';
import { runJobFinder } from '../engine/runs/runLocations';
import { getEntry, nodeRange } from '../engine/yaml/nodes';
import { parseYaml } from '../engine/yaml/parsedYaml';
import type { FailureRiskStore, ModelInUse } from '../engine/model/failure/failureRiskStore';
import { loadDefaultModel } from '../engine/model/failure/failureRiskStore';
import { settleRetraining } from '../engine/model/failure/settleRetraining';
import { DEFAULT_EVIDENCE_MINIMUMS, type EvidenceMinimums } from '../engine/model/failure/adoptionEvidence';
import { groupFactors } from '../engine/model/failure/factorGroups';
import { SHIPPED_CALIBRATION } from '../engine/model/failure/repoCalibration';
import {
  calibrationNote,
  fitRepositoryCalibrations,
  type RepositoryCalibrations,
} from '../engine/model/failure/repositoryCalibrations';
import type { RiskUse } from '../engine/model/failure/riskInUse';
import { workflowFilePath } from './workflowFilePath';

/** The client command "why?" runs (declared in package.json): opens the explanation. */
export const EXPLAIN_RISK_COMMAND = 'preflight.explainFailureRisk';
/** A finished run on the watched branch re-reads the history after this pause (GitHub lists it a moment later). */
const HISTORY_DELAY_MS = 1500;

/** A model's health on its logged predictions, as the panel shows it, with whether it is calibrated here yet. */
function monitoringView(
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

/** A repository model older than this is retrained in the background (when the setting allows). */
const RETRAIN_AFTER_MS = 7 * 24 * 3_600_000;

export interface FailureRiskDeps {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folderPaths: () => readonly string[];
  readonly canRefreshLenses: () => boolean;
  readonly logError: (where: string, error: unknown) => void;
  readonly store: FailureRiskStore;
  /** `preflight.risk.retrain` and `preflight.risk.evidence.*`. */
  readonly riskSettings: () => Promise<{ readonly retrain: boolean; readonly evidence: EvidenceMinimums }>;
  readonly now?: () => number;
}

interface Source {
  readonly client: ActionsClient;
  readonly history: RepoRunHistory;
  readonly branch: string;
}

/** A lens target in a workflow file: the workflow itself (on `name:` or the first line) or one job. */
interface LensSubject {
  readonly job: string | null;
  readonly position: Position;
  readonly range: { readonly start: Position; readonly end: Position };
  readonly isJob: (apiJobName: string) => boolean;
}

export class FailureRisk {
  private source: Source | undefined;
  /** undefined until the first fetch of the current source. */
  private runs: readonly RunRecord[] | undefined;
  private model: ModelInUse | undefined;
  /** The job-level model retrained on this repository, when it beat `model` on the jobs' held-out results. */
  private jobModel: ModelInUse | undefined;
  private defaultModel: ModelInUse | undefined;
  private log = new PredictionLog();
  private readonly predictions = new Map<string, RiskPrediction | null>();
  private timer: NodeJS.Timeout | undefined;
  private lastRuns = '';
  /** The last update sent to the client: an unchanged one is not sent again (the panel would redraw for nothing). */
  private lastSent = '';
  private retraining = false;
  /** The worker training now, cancelled when the repository or session changes under it. */
  private training: RetrainJob | undefined;
  private readonly retrainTried = new Set<string>();
  private generation = 0;
  /** The repository calibrations of the models in use, refitted when the history or a model changes. */
  private calibrations: RepositoryCalibrations = { runs: SHIPPED_CALIBRATION, jobs: SHIPPED_CALIBRATION };
  /** `preflight.risk.evidence.*`, read when the repository is watched and when retraining. */
  private evidence: EvidenceMinimums = DEFAULT_EVIDENCE_MINIMUMS;

  constructor(private readonly deps: FailureRiskDeps) {}

  private get now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** The run watcher's session and target changed. */
  watch(client: ActionsClient | undefined, target: WatchTarget | undefined): void {
    const repository = target?.repository ?? null;
    const generation = ++this.generation;
    this.training?.cancel();
    if (!client || repository === null || !target) {
      this.source = undefined;
      this.runs = undefined;
      this.changed();
      return;
    }
    // Same repository and session: keep the history and its cached jobs (a new session needs a client with its token).
    const sameRepo =
      this.source?.history.name === `${repository.owner}/${repository.repo}` && this.source.client === client;
    const history = sameRepo && this.source ? this.source.history : new RepoRunHistory(client, repository);
    // A detached HEAD has no branch: its next run is most like one on the default branch.
    this.source = { client, history, branch: target.branch ?? 'main' };
    if (!sameRepo) {
      this.runs = undefined;
      this.jobModel = undefined;
    }
    void this.start(generation).catch((error: unknown) => {
      this.deps.logError('failure risk history', error);
    });
  }

  private async start(generation: number): Promise<void> {
    const source = this.source;
    if (!source) return;
    this.defaultModel ??= await loadDefaultModel();
    const repoModel = await this.deps.store.loadRepoModel(source.history.name);
    const jobModel = await this.deps.store.loadRepoModel(source.history.name, 'jobs');
    const log = await this.deps.store.loadLog(source.history.name);
    const { evidence } = await this.deps.riskSettings();
    if (generation !== this.generation) return;
    this.evidence = evidence;
    this.model = repoModel ?? this.defaultModel;
    this.jobModel = jobModel;
    this.log = new PredictionLog(log);
    await this.fetchHistory(generation);
    if (generation !== this.generation) return;
    await this.maybeRetrainInBackground();
  }

  /** A new snapshot of the watched branch: when a run appeared or finished, the history is read again. */
  noteRuns(
    runs: readonly { readonly id: number; readonly status: string | null; readonly conclusion: string | null }[],
  ): void {
    const key = JSON.stringify(runs.map((r) => [r.id, r.status, r.conclusion]));
    if (key === this.lastRuns || !this.source) return;
    const first = this.lastRuns === '';
    this.lastRuns = key;
    if (first) return; // the watch itself fetched
    if (this.timer) clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fetchHistory(generation).catch((error: unknown) => {
        this.deps.logError('failure risk history', error);
      });
    }, HISTORY_DELAY_MS);
  }

  private async fetchHistory(generation: number): Promise<void> {
    const source = this.source;
    if (!source) return;
    const fetched = await source.history.fetch(LENS_HISTORY);
    if (generation !== this.generation || !fetched) return;
    const runs = fetched.runs;
    if (fetched.leftOut > 0)
      this.deps.connection.console.warn(`Failure risk, run history of ${source.history.name}:${leftOutNote(fetched)}`);
    this.runs = runs;
    if (this.log.join(runs)) this.saveLog();
    this.changed();
  }

  /** History, model or branch changed: predictions are recomputed, logged, sent to the panel, and lenses refreshed. */
  private changed(): void {
    this.predictions.clear();
    const source = this.source;
    const runs = this.runs;
    const model = this.model;
    if (source && runs && model) {
      this.calibrations = fitRepositoryCalibrations(runs, model.model, (this.jobModel ?? model).model);
      let logged = false;
      const paths = [...new Set(runs.map((r) => r.workflowPath).filter((p): p is string => p !== undefined))].sort();
      const workflows: RiskExplanationView[] = [];
      for (const workflowPath of paths) {
        const prediction = this.prediction(workflowPath, null, () => false);
        if (!prediction) continue;
        workflows.push(this.view(prediction, workflowPath, null));
        logged = this.log.note(loggedPrediction(prediction, workflowPath, model.id, this.now, runs)) || logged;
      }
      logged = this.logJobPredictions(runs, source.branch) || logged;
      if (logged) this.saveLog();
      this.send({
        branch: source.branch,
        workflows,
        monitoring: this.monitoring(),
        jobMonitoring: this.jobMonitoring(),
      });
    } else {
      this.send({ branch: source?.branch ?? null, workflows: [], monitoring: null, jobMonitoring: null });
    }
    if (this.deps.canRefreshLenses())
      void this.deps.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  private send(update: FailureRiskNotification.Params): void {
    const key = JSON.stringify(update);
    if (key === this.lastSent) return;
    this.lastSent = key;
    void this.deps.connection.sendNotification(FailureRiskNotification.type, update);
  }

  private saveLog(): void {
    const source = this.source;
    if (!source) return;
    void this.deps.store.saveLog(source.history.name, this.log.records).catch((error: unknown) => {
      this.deps.logError('saving the prediction log', error);
    });
  }

  /**
   * With a job model in use, the next run's risk of every job the history knows (named as the API names them, matrix
   * values dropped) is logged too, so the job model is monitored like the workflow model. Not every job has a lens
   * open, so these are the job model's predictions rather than only those shown.
   */
  private logJobPredictions(runs: readonly RunRecord[], branch: string): boolean {
    const jobModel = this.jobModel;
    if (!jobModel) return false;
    let logged = false;
    const target = { branch, now: this.now };
    for (const [workflowPath, jobs] of jobsByWorkflow(runs)) {
      for (const job of jobs) {
        const prediction = predictJobRisk(
          jobModel.model,
          runs,
          workflowPath,
          job,
          (name) => jobBaseName(name) === job,
          target,
          // Logged as shown: monitoring judges the risk the user saw.
          this.use(job),
        );
        if (prediction)
          logged =
            this.log.note(loggedPrediction(prediction, workflowPath, jobModel.id, this.now, runs, job)) || logged;
      }
    }
    return logged;
  }

  private monitoring(): ModelMonitoringView | null {
    const repository = this.source?.history.name ?? 'this repository';
    const note = calibrationNote(this.calibrations.runs, this.evidence, repository, 'finished runs');
    return this.model ? monitoringView(this.log.records, this.model, note) : null;
  }

  private jobMonitoring(): ModelMonitoringView | null {
    const repository = this.source?.history.name ?? 'this repository';
    const note = calibrationNote(this.calibrations.jobs, this.evidence, repository, 'job results');
    return this.jobModel ? monitoringView(this.log.records, this.jobModel, note) : null;
  }

  /** How the editor turns a model's probability into the risk shown for a workflow (job null) or a job. */
  private use(job: string | null): RiskUse | undefined {
    const model = this.modelFor(job);
    if (!model || !this.source) return undefined;
    return {
      calibration: job === null ? this.calibrations.runs : this.calibrations.jobs,
      minimums: this.evidence,
      repository: this.source.history.name,
      trainingFailureRate: model.model.training.failureRate,
    };
  }

  private prediction(
    workflowPath: string,
    job: string | null,
    isJob: (apiJobName: string) => boolean,
  ): RiskPrediction | undefined {
    const key = `${workflowPath}\u0000${job ?? ''}`;
    const cached = this.predictions.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const { source, runs } = this;
    const model = this.modelFor(job);
    if (!source || !runs || !model) return undefined;
    const target = { branch: source.branch, now: this.now };
    const use = this.use(job);
    const prediction =
      job === null
        ? predictWorkflowRisk(model.model, runs, workflowPath, target, use)
        : predictJobRisk(model.model, runs, workflowPath, job, isJob, target, use);
    this.predictions.set(key, prediction ?? null);
    return prediction;
  }

  /** Jobs use the repository's job model when one beat the workflow-level model on jobs; workflows the workflow model. */
  private modelFor(job: string | null): ModelInUse | undefined {
    return job === null ? this.model : (this.jobModel ?? this.model);
  }

  private subject(prediction: RiskPrediction, job: string | null): RiskSubject {
    const name = prediction.workflowName;
    return {
      label: job === null ? `workflow ${name}` : `job ${job} of ${name}`,
      kind: job === null ? 'workflow' : 'job',
      branch: this.source?.branch ?? prediction.next.branch,
      finishedRuns: prediction.finishedRuns,
      modelLabel: this.modelFor(job)?.label ?? 'the default model',
      ...(job !== null && this.jobModel ? { jobModel: true } : {}),
    };
  }

  private view(prediction: RiskPrediction, workflowPath: string, job: string | null): RiskExplanationView {
    const subject = this.subject(prediction, job);
    const e = prediction.explanation;
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
      markdown: riskExplanationMarkdown(e, subject, prediction.shown),
    };
  }

  /** The workflow (on `name:`, else the first line) and each job key of an open workflow file. */
  private subjects(uri: string): { workflowPath: string; subjects: LensSubject[] } | undefined {
    const document = this.deps.documents.get(uri);
    const workflowPath = workflowFilePath(uri, this.deps.folderPaths());
    if (!document || workflowPath === undefined) return undefined;
    const yaml = parseYaml(document.getText());
    const model = workflowModel(yaml);
    if (!model) return undefined;
    const nameKey = getEntry(model.root, 'name')?.keyNode;
    const top = nameKey
      ? nodeRange(yaml.lines, nameKey)
      : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const subjects: LensSubject[] = [{ job: null, position: top.start, range: top, isJob: () => false }];
    const jobOf = runJobFinder(model.jobs);
    for (const job of model.jobs) {
      const range = nodeRange(yaml.lines, job.keyNode);
      subjects.push({ job: job.id, position: range.start, range, isJob: (name) => jobOf(name) === job });
    }
    return { workflowPath, subjects };
  }

  lensesFor(uri: string): CodeLens[] {
    if (!this.source || !this.runs || !this.model) return [];
    const found = this.subjects(uri);
    if (!found) return [];
    const lenses: CodeLens[] = [];
    for (const s of found.subjects) {
      const prediction = this.prediction(found.workflowPath, s.job, s.isJob);
      const range = { start: s.position, end: s.position };
      if (!prediction) {
        // Only the workflow says so, once; jobs without history stay quiet.
        if (s.job === null)
          lenses.push({
            range,
            command: {
              title: NO_HISTORY_LENS_TITLE,
              command: '',
              tooltip: `No finished run of this workflow in the last ${LENS_HISTORY.maxPages * 100} runs of ${this.source.history.name}.`,
            },
          });
        continue;
      }
      const subject = this.subject(prediction, s.job);
      lenses.push({
        range,
        command: {
          title: riskLensTitle(prediction.explanation, prediction.shown),
          command: EXPLAIN_RISK_COMMAND,
          tooltip: riskLensTooltip(prediction.explanation, subject, prediction.shown),
          arguments: [{ uri, job: s.job, line: s.position.line, character: s.position.character }],
        },
      });
    }
    return lenses;
  }

  hoverAt(uri: string, position: Position): { readonly markdown: string } | undefined {
    if (!this.source || !this.runs || !this.model) return undefined;
    const found = this.subjects(uri);
    const s = found?.subjects.find(
      (x) =>
        x.range.start.line === position.line &&
        position.character >= x.range.start.character &&
        position.character <= x.range.end.character,
    );
    if (!found || !s) return undefined;
    const prediction = this.prediction(found.workflowPath, s.job, s.isJob);
    if (!prediction) return undefined;
    return { markdown: riskHoverMarkdown(prediction.explanation, this.subject(prediction, s.job), prediction.shown) };
  }

  explain(uri: string, job: string | null): RiskExplanationView | null {
    const found = this.subjects(uri);
    const s = found?.subjects.find((x) => x.job === job);
    if (!found || !s) return null;
    const prediction = this.prediction(found.workflowPath, s.job, s.isJob);
    return prediction ? this.view(prediction, found.workflowPath, job) : null;
  }

  private async maybeRetrainInBackground(): Promise<void> {
    const source = this.source;
    if (!source || this.retrainTried.has(source.history.name) || !(await this.deps.riskSettings()).retrain) return;
    const model = this.model;
    const stale =
      !model ||
      model === this.defaultModel ||
      this.now - Date.parse(model.model.training.trainedAt) > RETRAIN_AFTER_MS ||
      this.monitoring()?.retrainSuggested === true ||
      this.jobMonitoring()?.retrainSuggested === true;
    if (!stale) return;
    this.retrainTried.add(source.history.name);
    const result = await this.retrain();
    this.deps.connection.console.log(`Failure model: ${result.message}`);
  }

  /** Retrains on the repository's history with cancellable window progress; the new model is used only if it wins. */
  async retrain(): Promise<RetrainFailureModelRequest.Result> {
    const source = this.source;
    if (!source)
      return {
        ok: false,
        message: "Sign in to GitHub in the pipeline panel first: retraining reads the repository's run history.",
      };
    if (this.retraining) return { ok: false, message: 'The failure model is already being retrained.' };
    this.retraining = true;
    const generation = this.generation;
    const progress = await this.deps.connection.window.createWorkDoneProgress();
    progress.begin(
      'Preflight: retraining the failure model',
      0,
      `reading the run history of ${source.history.name}`,
      true,
    );
    try {
      const cancelled = (): boolean => progress.token.isCancellationRequested || generation !== this.generation;
      const fetched = await source.history.fetch(
        TRAINING_HISTORY,
        (p) => {
          progress.report(Math.round((60 * p.done) / Math.max(1, p.total)), p.message);
        },
        cancelled,
      );
      if (!fetched || cancelled()) return { ok: false, message: 'Retraining was cancelled.' };
      const runs = fetched.runs;
      progress.report(65, `training on ${runs.length} runs`);
      this.defaultModel ??= await loadDefaultModel();
      if (cancelled()) return { ok: false, message: 'Retraining was cancelled.' };
      // In a worker: the server keeps answering (diagnostics, lenses) while the trees grow, and Cancel stops it at once.
      const { evidence } = await this.deps.riskSettings();
      if (cancelled()) return { ok: false, message: 'Retraining was cancelled.' };
      this.evidence = evidence;
      const job = retrainInWorker(
        { runs, defaultModel: this.defaultModel.model, now: new Date(this.now).toISOString(), evidence },
        (p) => {
          // The workflow model's trees fill 65–85 %, the job model's 85–95 %.
          const [from, span, what] = p.model === 'runs' ? [65, 20, `${runs.length} runs`] : [85, 10, 'their jobs'];
          progress.report(
            from + Math.round((span * p.tree) / Math.max(1, p.maxTrees)),
            `training on ${what}: ${p.tree} trees grown`,
          );
        },
      );
      this.training = job;
      const onCancel = progress.token.onCancellationRequested(() => {
        job.cancel();
      });
      const trained = await job.result.finally(() => {
        onCancel.dispose();
        this.training = undefined;
      });
      if (trained.kind === 'cancelled' || cancelled()) return { ok: false, message: 'Retraining was cancelled.' };
      progress.report(95, 'saving');
      const settled = await settleRetraining(trained.outcome, source.history.name, this.defaultModel, this.deps.store);
      if (generation !== this.generation) return { ok: false, message: 'The repository changed while retraining.' };
      if (settled.model) this.model = settled.model;
      this.jobModel = settled.jobModel;
      this.changed();
      return { ok: settled.ok, message: settled.message + leftOutNote(fetched) };
    } catch (error) {
      this.deps.logError('retraining the failure model', error);
      return { ok: false, message: `Retraining failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      this.retraining = false;
      progress.done();
    }
  }
}
