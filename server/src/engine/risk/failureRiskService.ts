// Failure risk for the watched repository, whatever shows it: reads the run history (every workflow and branch,
// bounded pages), predicts the next run of each workflow and job on the checked-out branch with the models in use,
// logs every prediction shown and joins it to its run's outcome, and retrains on the repository in the background when
// the model is stale (settleRetraining.ts decides what is used). The front end (lsp/failureRisk.ts) supplies the ports:
// where updates go, progress, settings, storage; it turns predictions into lenses and hovers.
import type { FailureRiskUpdate, ModelMonitoringView, RiskExplanationView } from '../../../../protocol/failureRisk';
import type { ActionsClient } from '../github/api/actionsClient';
import type { WatchTarget } from '../github/api/runWatcher';
import { DEFAULT_EVIDENCE_MINIMUMS, type EvidenceMinimums } from '../model/failure/adoptionEvidence';
import { loadDefaultModel, type FailureRiskStore, type ModelInUse } from '../model/failure/failureRiskStore';
import { jobBaseName, jobsByWorkflow } from '../model/failure/jobTrainingTable';
import { loggedPrediction, PredictionLog } from '../model/failure/predictionLog';
import { SHIPPED_CALIBRATION } from '../model/failure/repoCalibration';
import {
  CALIBRATION_HISTORY_RUNS,
  calibrationNote,
  fitRepositoryCalibrations,
  type RepositoryCalibrations,
} from '../model/failure/repositoryCalibrations';
import type { RetrainJob } from '../model/failure/retrainInWorker';
import type { RiskUse } from '../model/failure/riskInUse';
import type { RiskSubject } from '../model/failure/riskText';
import { predictJobRisk, predictWorkflowRisk, type RiskPrediction } from '../model/failure/workflowRisk';
import { mergeRunHistory } from '../model/runs/mergeRunHistory';
import { leftOutNote, LENS_HISTORY, RepoRunHistory, type RepoHistoryOptions } from '../model/runs/repoRunHistory';
import type { RunRecord } from '../model/runs/runRecord';
import { retrainOnRepository, type WorkProgress } from './retrainOnRepository';
import type { RiskSubjectSite } from './riskSubjects';
import { modelFor, monitoringView, riskExplanationView, riskSubject, type ModelsInUse } from './riskViews';

/** A finished run on the watched branch re-reads the history after this pause (GitHub lists it a moment later). */
const HISTORY_DELAY_MS = 1500;
/**
 * Read when a repository is watched: as many runs as the risk in use is fitted on (CALIBRATION_HISTORY_RUNS; fewer and a
 * quiet repository has too few failures to calibrate on). Refreshes read the lens's newest pages and merge them in.
 */
const FULL_HISTORY: RepoHistoryOptions = {
  maxPages: CALIBRATION_HISTORY_RUNS / 100,
  runsWithJobs: LENS_HISTORY.runsWithJobs,
};
/** A repository model older than this is retrained in the background (when the setting allows). */
const RETRAIN_AFTER_MS = 7 * 24 * 3_600_000;

export interface RiskSettings {
  /** `preflight.risk.retrain`: retrain in the background when the model is stale. */
  readonly retrain: boolean;
  /** `preflight.risk.evidence.*`: how much evidence adopting a model or showing a percentage needs. */
  readonly evidence: EvidenceMinimums;
}

/** Progress the front end shows for long work, ended with `done`. */
export interface ProgressHandle extends WorkProgress {
  done(): void;
}

export interface FailureRiskPorts {
  /** Where models and the prediction log are kept (may be created on first use). */
  readonly store: FailureRiskStore;
  readonly riskSettings: () => Promise<RiskSettings>;
  /** Every change of predictions or model health (also when unchanged: lenses re-read them). */
  readonly onUpdate: (update: FailureRiskUpdate) => void;
  readonly startProgress: (title: string, message: string) => Promise<ProgressHandle>;
  readonly log: (message: string) => void;
  readonly warn: (message: string) => void;
  readonly logError: (where: string, error: unknown) => void;
  readonly now?: () => number;
}

export interface RetrainAnswer {
  readonly ok: boolean;
  readonly message: string;
}

/** A prediction with the subject its words speak of. */
export interface ShownRisk {
  readonly prediction: RiskPrediction;
  readonly subject: RiskSubject;
}

interface Source {
  readonly client: ActionsClient;
  readonly history: RepoRunHistory;
  readonly branch: string;
}

export class FailureRiskService {
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
  private retraining = false;
  /** The worker training now, cancelled when the repository or session changes under it. */
  private training: RetrainJob | undefined;
  private readonly retrainTried = new Set<string>();
  private generation = 0;
  /** The repository calibrations of the models in use, refitted when the history or a model changes. */
  private calibrations: RepositoryCalibrations = { runs: SHIPPED_CALIBRATION, jobs: SHIPPED_CALIBRATION };
  private evidence: EvidenceMinimums = DEFAULT_EVIDENCE_MINIMUMS;

  constructor(private readonly ports: FailureRiskPorts) {}

  private get now(): number {
    return this.ports.now?.() ?? Date.now();
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
      this.ports.logError('failure risk history', error);
    });
  }

  private async start(generation: number): Promise<void> {
    const source = this.source;
    if (!source) return;
    this.defaultModel ??= await loadDefaultModel();
    const store = this.ports.store;
    const repoModel = await store.loadRepoModel(source.history.name);
    const jobModel = await store.loadRepoModel(source.history.name, 'jobs');
    const log = await store.loadLog(source.history.name);
    const { evidence } = await this.ports.riskSettings();
    if (generation !== this.generation) return;
    this.evidence = evidence;
    this.model = repoModel ?? this.defaultModel;
    this.jobModel = jobModel;
    this.log = new PredictionLog(log);
    await this.fetchHistory(generation, FULL_HISTORY);
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
      void this.fetchHistory(generation, LENS_HISTORY).catch((error: unknown) => {
        this.ports.logError('failure risk history', error);
      });
    }, HISTORY_DELAY_MS);
  }

  /** Reads the history (all of it, or its newest pages merged into what was read before) and recomputes. */
  private async fetchHistory(generation: number, options: RepoHistoryOptions): Promise<void> {
    const source = this.source;
    if (!source) return;
    const fetched = await source.history.fetch(options);
    if (generation !== this.generation || !fetched) return;
    if (fetched.leftOut > 0)
      this.ports.warn(`Failure risk, run history of ${source.history.name}:${leftOutNote(fetched)}`);
    const runs = mergeRunHistory(this.runs ?? [], fetched.runs, CALIBRATION_HISTORY_RUNS);
    this.runs = runs;
    if (this.log.join(runs)) this.saveLog();
    this.changed();
  }

  private inUse(): ModelsInUse | undefined {
    return this.model ? { model: this.model, jobModel: this.jobModel } : undefined;
  }

  /** History, model or branch changed: predictions are recomputed, logged and sent. */
  private changed(): void {
    this.predictions.clear();
    const { source, runs, model } = this;
    if (!source || !runs || !model) {
      this.ports.onUpdate({ branch: source?.branch ?? null, workflows: [], monitoring: null, jobMonitoring: null });
      return;
    }
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
    this.ports.onUpdate({
      branch: source.branch,
      workflows,
      monitoring: this.monitoring(),
      jobMonitoring: this.jobMonitoring(),
    });
  }

  private saveLog(): void {
    const source = this.source;
    if (!source) return;
    void this.ports.store.saveLog(source.history.name, this.log.records).catch((error: unknown) => {
      this.ports.logError('saving the prediction log', error);
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
        const isJob = (name: string): boolean => jobBaseName(name) === job;
        // Logged as shown: monitoring judges the risk the user saw.
        const prediction = predictJobRisk(jobModel.model, runs, workflowPath, job, isJob, target, this.use(job));
        if (prediction)
          logged =
            this.log.note(loggedPrediction(prediction, workflowPath, jobModel.id, this.now, runs, job)) || logged;
      }
    }
    return logged;
  }

  private monitoring(): ModelMonitoringView | null {
    const note = calibrationNote(this.calibrations.runs, this.evidence, this.repositoryName(), 'finished runs');
    return this.model ? monitoringView(this.log.records, this.model, note) : null;
  }

  private jobMonitoring(): ModelMonitoringView | null {
    const note = calibrationNote(this.calibrations.jobs, this.evidence, this.repositoryName(), 'job results');
    return this.jobModel ? monitoringView(this.log.records, this.jobModel, note) : null;
  }

  private repositoryName(): string {
    return this.source?.history.name ?? 'this repository';
  }

  /** How the editor turns a model's probability into the risk shown for a workflow (job null) or a job. */
  private use(job: string | null): RiskUse | undefined {
    const models = this.inUse();
    if (!models || !this.source) return undefined;
    return {
      calibration: job === null ? this.calibrations.runs : this.calibrations.jobs,
      minimums: this.evidence,
      repository: this.source.history.name,
      trainingFailureRate: modelFor(models, job).model.training.failureRate,
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
    const models = this.inUse();
    if (!source || !runs || !models) return undefined;
    const model = modelFor(models, job).model;
    const target = { branch: source.branch, now: this.now };
    const use = this.use(job);
    const prediction =
      job === null
        ? predictWorkflowRisk(model, runs, workflowPath, target, use)
        : predictJobRisk(model, runs, workflowPath, job, isJob, target, use);
    this.predictions.set(key, prediction ?? null);
    return prediction;
  }

  private view(prediction: RiskPrediction, workflowPath: string, job: string | null): RiskExplanationView {
    return riskExplanationView(prediction, this.subjectOf(prediction, job), workflowPath, job);
  }

  /** Whom a prediction's words speak of (a prediction exists only while a model is in use). */
  private subjectOf(prediction: RiskPrediction, job: string | null): RiskSubject {
    return riskSubject(prediction, job, this.source?.branch ?? prediction.next.branch, this.inUse());
  }

  /** True once a repository is watched, its history read and a model loaded: lenses can show something. */
  get ready(): boolean {
    return this.source !== undefined && this.runs !== undefined && this.model !== undefined;
  }

  /** Why a workflow shows no risk: no finished run in the history read. */
  noHistoryNote(): string {
    const read = this.runs?.length ?? 0;
    return `No finished run of this workflow in the last ${read} run${read === 1 ? '' : 's'} of ${this.repositoryName()}.`;
  }

  /** The risk of a workflow (site.job null) or one of its jobs, with its words' subject; undefined when none. */
  riskAt(workflowPath: string, site: Pick<RiskSubjectSite, 'job' | 'isJob'>): ShownRisk | undefined {
    if (!this.ready) return undefined;
    const prediction = this.prediction(workflowPath, site.job, site.isJob);
    return prediction ? { prediction, subject: this.subjectOf(prediction, site.job) } : undefined;
  }

  /** The full explanation of a workflow's or job's risk ("why?"). */
  explain(workflowPath: string, site: Pick<RiskSubjectSite, 'job' | 'isJob'>): RiskExplanationView | null {
    const prediction = this.prediction(workflowPath, site.job, site.isJob);
    return prediction ? this.view(prediction, workflowPath, site.job) : null;
  }

  private async maybeRetrainInBackground(): Promise<void> {
    const source = this.source;
    if (!source || this.retrainTried.has(source.history.name) || !(await this.ports.riskSettings()).retrain) return;
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
    this.ports.log(`Failure model: ${result.message}`);
  }

  /** Retrains on the repository's history with cancellable progress; a new model is used only if it wins. */
  async retrain(): Promise<RetrainAnswer> {
    const source = this.source;
    if (!source)
      return {
        ok: false,
        message: "Sign in to GitHub in the pipeline panel first: retraining reads the repository's run history.",
      };
    if (this.retraining) return { ok: false, message: 'The failure model is already being retrained.' };
    this.retraining = true;
    const generation = this.generation;
    const handle = await this.ports.startProgress(
      'Preflight: retraining the failure model',
      `reading the run history of ${source.history.name}`,
    );
    // A change of repository or session makes the work moot, as Cancel does.
    const progress: WorkProgress = {
      report: (percent, message) => {
        handle.report(percent, message);
      },
      cancelled: () => handle.cancelled() || generation !== this.generation,
      onCancel: (listener) => handle.onCancel(listener),
    };
    const cancelled = { ok: false, message: 'Retraining was cancelled.' } as const;
    try {
      this.defaultModel ??= await loadDefaultModel();
      const { evidence } = await this.ports.riskSettings();
      if (progress.cancelled()) return cancelled;
      this.evidence = evidence;
      const result = await retrainOnRepository({
        history: source.history,
        defaultModel: this.defaultModel,
        evidence,
        now: this.now,
        store: this.ports.store,
        progress,
        onTraining: (job) => {
          this.training = job;
        },
      });
      if (result.kind === 'cancelled') return cancelled;
      if (generation !== this.generation) return { ok: false, message: 'The repository changed while retraining.' };
      if (result.settled.model) this.model = result.settled.model;
      this.jobModel = result.settled.jobModel;
      this.changed();
      return { ok: result.settled.ok, message: result.message };
    } catch (error) {
      this.ports.logError('retraining the failure model', error);
      return { ok: false, message: `Retraining failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      this.retraining = false;
      handle.done();
    }
  }
}
