// CodeLens on each job of a workflow file with that job's latest result, from the runs the watcher last reported. Clicking
// one opens the pipeline panel. Lenses refresh (when the client supports it) whenever a job's shown result changes.
import type { ServerContext } from './serverContext';
import { CodeLensRefreshRequest, type CodeLens, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExplainJobFailureArgs } from '../../../protocol/explainJobFailure';
import type { PipelineRun, PipelineRunsSnapshot } from '../../../protocol/pipelineRuns';
import { jobConclusionLenses } from '../engine/runs/jobConclusions';
import { jobDurationLenses } from '../engine/insights/jobDurationLenses';
import { DurationPredictions } from '../engine/model/duration/durationPredictions';
import type { ParseCache } from './parseCache';
import { workflowFilePath } from './workflowFilePath';

/** The client command a lens runs (declared in package.json). */
export const SHOW_PANEL_COMMAND = 'preflight.showPipelinePanel';
/** Asks the editor's language model why a job failed (client/src/ai/explainFailure.ts). */
export const EXPLAIN_FAILURE_COMMAND = 'preflight.explainFailure';

export class JobLenses {
  private runs: readonly PipelineRun[] = [];
  private shown = '';
  private readonly predictions = new DurationPredictions(
    () => {
      this.refresh();
    },
    (where, error) => {
      this.connection.console.error(`${where}: ${String(error)}`);
    },
  );
  /** Whether the editor has a language model: only then a failed job gets an "Explain failure" lens. */
  private languageModel = false;

  private readonly connection: Connection;
  private readonly documents: TextDocuments<TextDocument>;
  private readonly parses: ParseCache;
  private readonly folderPaths: () => readonly string[];
  private readonly canRefresh: () => boolean;

  constructor(ctx: ServerContext) {
    this.connection = ctx.connection;
    this.documents = ctx.documents;
    this.parses = ctx.parses;
    this.folderPaths = () => ctx.workspace.folderPaths;
    this.canRefresh = () => ctx.client.codeLensRefresh;
  }

  update(snapshot: PipelineRunsSnapshot): void {
    this.runs = snapshot.runs;
    // Only what lenses show decides whether editors must ask again.
    const shown = JSON.stringify(
      snapshot.runs.map((r) => [
        r.id,
        r.path,
        r.run_attempt,
        (r.jobs ?? []).map((j) => [j.name, j.status, j.conclusion, j.completed_at]),
      ]),
    );
    if (shown === this.shown) return;
    this.shown = shown;
    this.predictions.clear();
    this.refresh();
  }

  private refresh(): void {
    if (this.canRefresh()) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  setLanguageModelAvailable(available: boolean): void {
    if (available === this.languageModel) return;
    this.languageModel = available;
    if (this.canRefresh()) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  lensesFor(uri: string): CodeLens[] {
    const document = this.documents.get(uri);
    const workflowPath = workflowFilePath(uri, this.folderPaths());
    if (!document || workflowPath === undefined || this.runs.length === 0) return [];
    // Lenses are asked for on every edit, right after diagnostics parsed the same version: reuse that parse.
    const yaml = this.parses.get(document, 'github-workflow');
    const conclusions = jobConclusionLenses(yaml, workflowPath, this.runs).flatMap((lens): CodeLens[] => {
      const range = { start: lens.position, end: lens.position };
      const result: CodeLens = {
        range,
        command: {
          title: lens.title,
          command: SHOW_PANEL_COMMAND,
          arguments: [{ runId: lens.runId, jobIds: lens.jobIds }],
        },
      };
      if (!this.languageModel || lens.failedJobId === undefined) return [result];
      const explain: CodeLens = {
        range,
        command: {
          title: '$(sparkle) Explain failure',
          command: EXPLAIN_FAILURE_COMMAND,
          tooltip: 'Ask the language model why this job failed, from its log and this file',
          arguments: [{ runId: lens.runId, jobId: lens.failedJobId } satisfies ExplainJobFailureArgs],
        },
      };
      return [result, explain];
    });
    const durations = jobDurationLenses(
      yaml,
      workflowPath,
      this.runs,
      this.predictions.for(workflowPath, this.runs),
    ).map((lens): CodeLens => ({
      range: { start: lens.position, end: lens.position },
      command: {
        title: lens.title,
        command: SHOW_PANEL_COMMAND,
        arguments: [],
        ...(lens.tooltip === undefined ? {} : { tooltip: lens.tooltip }),
      },
    }));
    return [...conclusions, ...durations];
  }
}
