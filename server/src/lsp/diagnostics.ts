// The diagnostics of open documents: each change schedules a check of the newest text in the check worker (older
// versions are never published), external tools (shellcheck, pyflakes, the fairness gate) follow after a pause in
// typing, and the panel's row for the file is updated. Saves re-check the files that depend on the saved one.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PipelineFileCountsNotification, PipelineFilesChangedNotification } from '../../../protocol/lsp';
import { maxFileBytes, type PreflightSettings } from '../../../protocol/settings';
import { failureReason, notCheckedFinding, type CheckResult } from '../engine/check';
import { PROJECT_CONFIG_FILE } from '../engine/config/projectConfig';
import { compareFindings, type Finding } from '../engine/findings';
import { detectKind, type FileKind } from '../engine/kinds';
import type { CheckRequest } from './checkRequests';
import type { ExternalChecks } from './externalChecks';
import { NewestOnlyQueue } from './newestOnlyQueue';
import type { PublishedResults } from './publishedResults';
import type { ServerContext } from './serverContext';
import { toDiagnostic } from './toDiagnostic';
import { uriToPath } from './uris';

/** External tools (shellcheck) wait for a pause in typing. */
const EXTERNAL_DELAY_MS = 400;

export class Diagnostics {
  /** Files outside the open documents that carry diagnostics from a workspace check. */
  private readonly publishedFromDisk = new Set<string>();
  private readonly externalTimers = new Map<string, NodeJS.Timeout>();
  private readonly queue: NewestOnlyQueue;

  constructor(
    private readonly ctx: ServerContext,
    private readonly checkFile: (request: CheckRequest) => Promise<CheckResult>,
    private readonly external: ExternalChecks,
    private readonly published: PublishedResults,
  ) {
    this.queue = new NewestOnlyQueue((uri, error) => {
      ctx.logError(`validating ${uri}`, error);
    });
  }

  /** Publishes a workspace check's findings for a file that is not open (open files publish their own). */
  async publishFromDisk(uri: string, findings: readonly Finding[]): Promise<void> {
    this.publishedFromDisk.add(uri);
    await this.ctx.connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
  }

  schedule(document: TextDocument): void {
    this.queue.schedule(document.uri, () => this.validate(document.uri));
  }

  scheduleAll(except?: string): void {
    for (const doc of this.ctx.documents.all()) if (doc.uri !== except) this.schedule(doc);
  }

  register(): void {
    const { ctx } = this;
    ctx.connection.onDidChangeConfiguration(() => {
      ctx.settings.clear();
      ctx.workspace.invalidate();
      this.scheduleAll();
    });
    ctx.documents.onDidOpen((e) => {
      this.schedule(e.document);
    });
    ctx.documents.onDidChangeContent((e) => {
      this.schedule(e.document);
    });
    ctx.documents.onDidSave((e) => {
      if (e.document.uri.endsWith(`/${PROJECT_CONFIG_FILE}`)) {
        // The team's severities changed: every result may differ.
        ctx.workspace.invalidate();
        this.scheduleAll();
        return;
      }
      ctx.workspace.invalidate(uriToPath(e.document.uri));
      // Files check each other (dvc.yaml reads params.yaml, workflows read local actions): a save can change the findings
      // of every other open pipeline file. Re-check them all, in the worker, newest versions only.
      this.scheduleAll(e.document.uri);
    });
    ctx.documents.onDidClose((e) => {
      this.queue.cancel(e.document.uri);
      this.published.forget(e.document.uri);
      ctx.settings.forget(e.document.uri);
      ctx.parses.forget(e.document.uri);
      if (!this.publishedFromDisk.has(e.document.uri))
        void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  }

  /** Whether `document` is still the newest text of its URI (an older version's findings are never published). */
  private isCurrent(document: TextDocument): boolean {
    return this.ctx.documents.get(document.uri)?.version === document.version && !this.queue.isWaiting(document.uri);
  }

  /** Checks the newest text of `uri` in the worker and publishes; runs from the queue, one at a time. */
  private async validate(uri: string): Promise<void> {
    const { ctx } = this;
    const document = ctx.documents.get(uri);
    if (!document) return;
    try {
      const path = uriToPath(document.uri) ?? document.uri;
      const text = document.getText();
      const kind = detectKind(path, text);
      const config = await ctx.settings.effective(document.uri);
      const limit = maxFileBytes(config.maxFileSizeMB);
      this.published.setSizeLimit(document.uri, limit);
      const result =
        kind !== undefined && config.enable
          ? await this.checkFile({
              path,
              text,
              kind,
              severities: config.rules,
              runnerLabels: config.runnerLabels,
              maxFileBytes: limit,
              parseUse: 'edited',
            })
          : undefined;
      const findings = result?.findings ?? [];
      // A newer version arrived while settings were pulled or the worker checked; its own validation will publish.
      if (!this.isCurrent(document)) return;
      this.published.set(document, result);
      await ctx.connection.sendDiagnostics({
        uri: document.uri,
        version: document.version,
        diagnostics: findings.map(toDiagnostic),
      });
      // The panel's row for this file, not a reason to list the workspace; a file outside the folders, not checked, or
      // no longer a pipeline file leaves it to a full listing as before.
      const summary =
        result && kind !== undefined ? ctx.workspace.summaryOf(document.uri, path, kind, result) : undefined;
      if (summary) void ctx.connection.sendNotification(PipelineFileCountsNotification.type, summary);
      else void ctx.connection.sendNotification(PipelineFilesChangedNotification.type, { reason: 'fileNotListed' });
      // External checks run tools or the user's model: never in an untrusted workspace, never on a file not checked.
      if (result && kind !== undefined && this.external.applies({ settings: config }, result))
        this.scheduleExternal(document, kind, config, result);
    } catch (error) {
      ctx.logError(`validating ${document.uri}`, error);
      // The findings on screen belong to older text: replace them with the failure rather than leave them.
      if (!this.isCurrent(document)) return;
      this.published.set(document, undefined);
      await ctx.connection
        .sendDiagnostics({
          uri: document.uri,
          version: document.version,
          diagnostics: [toDiagnostic(notCheckedFinding(failureReason(error)))],
        })
        .catch((sendError: unknown) => {
          ctx.logError(`publishing for ${document.uri}`, sendError);
        });
    }
  }

  /**
   * shellcheck, pyflakes and the fairness gate run after typing pauses, then their findings join the ones already shown,
   * and the file's row in the panel counts them too.
   */
  private scheduleExternal(
    document: TextDocument,
    kind: FileKind,
    config: PreflightSettings,
    result: CheckResult,
  ): void {
    const existing = this.externalTimers.get(document.uri);
    if (existing) clearTimeout(existing);
    this.externalTimers.set(
      document.uri,
      setTimeout(() => {
        this.externalTimers.delete(document.uri);
        void this.completeWithExternal(document, kind, config, result);
      }, EXTERNAL_DELAY_MS),
    );
  }

  private async completeWithExternal(
    document: TextDocument,
    kind: FileKind,
    config: PreflightSettings,
    result: CheckResult,
  ): Promise<void> {
    const { ctx } = this;
    try {
      const path = uriToPath(document.uri) ?? document.uri;
      const extra = await this.external.findings({
        path,
        text: document.getText(),
        kind,
        settings: config,
        yaml: () => ctx.parses.get(document, kind),
      });
      // Only onto the very check these findings complete: a newer version or a new check publishes its own.
      if (extra.length === 0 || !this.isCurrent(document) || this.published.latest(document.uri) !== result) return;
      const complete = { ...result, findings: [...result.findings, ...extra].sort(compareFindings) };
      this.published.set(document, complete);
      await ctx.connection.sendDiagnostics({
        uri: document.uri,
        version: document.version,
        diagnostics: complete.findings.map(toDiagnostic),
      });
      // The panel's row, when the counts moved (an info from shellcheck changes none).
      const summary = ctx.workspace.summaryOf(document.uri, path, kind, complete);
      const before = ctx.workspace.summaryOf(document.uri, path, kind, result);
      if (summary && (summary.errors !== before?.errors || summary.warnings !== before.warnings))
        void ctx.connection.sendNotification(PipelineFileCountsNotification.type, summary);
    } catch (error) {
      ctx.logError(`external checks of ${document.uri}`, error);
    }
  }
}
