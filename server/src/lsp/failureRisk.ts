// Failure risk in the editor: the engine's FailureRiskService (engine/risk/) predicts, logs and retrains; this shows it
// as CodeLens on a workflow's `name:` and each job, as a hover on them, sends updates to the panel, and shows
// retraining as window progress with Cancel. Signed out or without history: no lens, no nagging.
import {
  CodeLensRefreshRequest,
  type CodeLens,
  type Connection,
  type Position,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RiskExplanationView } from '../../../protocol/failureRisk';
import { FailureRiskNotification, type RetrainFailureModelRequest } from '../../../protocol/failureRiskLsp';
import type { ActionsClient } from '../engine/github/api/actionsClient';
import type { WatchTarget } from '../engine/github/api/runWatcher';
import type { FailureRiskStore } from '../engine/model/failure/failureRiskStore';
import {
  NO_HISTORY_LENS_TITLE,
  riskHoverMarkdown,
  riskLensTitle,
  riskLensTooltip,
} from '../engine/model/failure/riskText';
import { FailureRiskService, type ProgressHandle, type RiskSettings } from '../engine/risk/failureRiskService';
import { riskSubjectSites, type RiskSubjectSite } from '../engine/risk/riskSubjects';
import { workflowFilePath } from './workflowFilePath';

/** The client command "why?" runs (declared in package.json): opens the explanation. */
export const EXPLAIN_RISK_COMMAND = 'preflight.explainFailureRisk';

export interface FailureRiskDeps {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folderPaths: () => readonly string[];
  readonly canRefreshLenses: () => boolean;
  readonly logError: (where: string, error: unknown) => void;
  readonly store: FailureRiskStore;
  readonly riskSettings: () => Promise<RiskSettings>;
  readonly now?: () => number;
}

export class FailureRisk {
  private readonly service: FailureRiskService;
  /** The last update sent to the client: an unchanged one is not sent again (the panel would redraw for nothing). */
  private lastSent = '';

  constructor(private readonly deps: FailureRiskDeps) {
    const { connection } = deps;
    this.service = new FailureRiskService({
      get store() {
        return deps.store;
      },
      riskSettings: deps.riskSettings,
      onUpdate: (update) => {
        const key = JSON.stringify(update);
        if (key !== this.lastSent) {
          this.lastSent = key;
          void connection.sendNotification(FailureRiskNotification.type, update);
        }
        if (deps.canRefreshLenses()) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      },
      startProgress: (title, message) => this.startProgress(title, message),
      log: (message) => {
        connection.console.log(message);
      },
      warn: (message) => {
        connection.console.warn(message);
      },
      logError: deps.logError,
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  /** Window progress with a Cancel button. */
  private async startProgress(title: string, message: string): Promise<ProgressHandle> {
    const progress = await this.deps.connection.window.createWorkDoneProgress();
    progress.begin(title, 0, message, true);
    return {
      report: (percent, text) => {
        progress.report(percent, text);
      },
      cancelled: () => progress.token.isCancellationRequested,
      onCancel: (listener) => progress.token.onCancellationRequested(listener),
      done: () => {
        progress.done();
      },
    };
  }

  /** The run watcher's session and target changed. */
  watch(client: ActionsClient | undefined, target: WatchTarget | undefined): void {
    this.service.watch(client, target);
  }

  /** A new snapshot of the watched branch (a run appeared or finished: the history is read again). */
  noteRuns(
    runs: readonly { readonly id: number; readonly status: string | null; readonly conclusion: string | null }[],
  ): void {
    this.service.noteRuns(runs);
  }

  /** The workflow file's repository path and where it shows risk; undefined for any other document. */
  private sites(uri: string): { workflowPath: string; sites: RiskSubjectSite[] } | undefined {
    const document = this.deps.documents.get(uri);
    const workflowPath = workflowFilePath(uri, this.deps.folderPaths());
    if (!document || workflowPath === undefined) return undefined;
    return { workflowPath, sites: riskSubjectSites(document.getText()) };
  }

  lensesFor(uri: string): CodeLens[] {
    if (!this.service.ready) return [];
    const found = this.sites(uri);
    if (!found) return [];
    const lenses: CodeLens[] = [];
    for (const site of found.sites) {
      const risk = this.service.riskAt(found.workflowPath, site);
      const range = { start: site.position, end: site.position };
      if (!risk) {
        // Only the workflow says so, once; jobs without history stay quiet.
        if (site.job === null)
          lenses.push({
            range,
            command: { title: NO_HISTORY_LENS_TITLE, command: '', tooltip: this.service.noHistoryNote() },
          });
        continue;
      }
      const { prediction, subject } = risk;
      lenses.push({
        range,
        command: {
          title: riskLensTitle(prediction.explanation, prediction.shown),
          command: EXPLAIN_RISK_COMMAND,
          tooltip: riskLensTooltip(prediction.explanation, subject, prediction.shown),
          arguments: [{ uri, job: site.job, line: site.position.line, character: site.position.character }],
        },
      });
    }
    return lenses;
  }

  hoverAt(uri: string, position: Position): { readonly markdown: string } | undefined {
    if (!this.service.ready) return undefined;
    const found = this.sites(uri);
    const site = found?.sites.find(
      (x) =>
        x.range.start.line === position.line &&
        position.character >= x.range.start.character &&
        position.character <= x.range.end.character,
    );
    if (!found || !site) return undefined;
    const risk = this.service.riskAt(found.workflowPath, site);
    if (!risk) return undefined;
    return { markdown: riskHoverMarkdown(risk.prediction.explanation, risk.subject, risk.prediction.shown) };
  }

  explain(uri: string, job: string | null): RiskExplanationView | null {
    const found = this.sites(uri);
    const site = found?.sites.find((x) => x.job === job);
    if (!found || !site) return null;
    return this.service.explain(found.workflowPath, site);
  }

  retrain(): Promise<RetrainFailureModelRequest.Result> {
    return this.service.retrain();
  }
}
