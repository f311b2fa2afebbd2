// Requests over every pipeline file of the workspace: the panel's file list, "Check Workspace" (publishing diagnostics
// for files that are not open) and "Fix All Certain Problems in Workspace" (edits the client previews and applies).
import { readFile } from 'node:fs/promises';
import {
  CheckWorkspaceRequest,
  FixWorkspaceRequest,
  PipelineFilesChangedNotification,
  ServerStatusNotification,
} from '../../../protocol/lsp';
import { LIST_PIPELINE_FILES } from '../../../protocol/pipelineFiles';
import { minimalEdits } from '../../../shared/minimalEdits';
import { checkOptionsFrom } from '../engine/check';
import { fixAll } from '../engine/fixes/fixAll';
import type { Diagnostics } from './diagnostics';
import { answerPanelRequest } from './panelRequestHandler';
import { guarded, type ServerContext } from './serverContext';
import { summarize } from './workspaceFiles';

export function registerWorkspaceRequests(ctx: ServerContext, diagnostics: Diagnostics): void {
  const { connection, workspace, documents } = ctx;

  answerPanelRequest(ctx, LIST_PIPELINE_FILES, 'listing pipeline files', [], async () =>
    (await workspace.checkAll()).map(summarize),
  );

  connection.onRequest(CheckWorkspaceRequest.type, async () => {
    void connection.sendNotification(ServerStatusNotification.type, { state: 'checking', checkedFiles: 0 });
    let errors = 0;
    let warnings = 0;
    let files = 0;
    await guarded(ctx, 'checking the workspace', undefined, async () => {
      for (const file of await workspace.checkAll()) {
        files++;
        const summary = summarize(file);
        errors += summary.errors;
        warnings += summary.warnings;
        if (documents.get(file.uri)) continue; // open files are published by their own validation
        await diagnostics.publishFromDisk(file.uri, file.result.findings);
      }
    });
    void connection.sendNotification(ServerStatusNotification.type, { state: 'ready', checkedFiles: files });
    void connection.sendNotification(PipelineFilesChangedNotification.type, { reason: 'workspaceChecked' });
    return { files, errors, warnings };
  });

  connection.onRequest(FixWorkspaceRequest.type, async () => {
    const files: FixWorkspaceRequest.FileFix[] = [];
    await guarded(ctx, 'fixing the workspace', undefined, async () => {
      for (const file of await workspace.checkAll()) {
        if (!file.result.findings.some((f) => f.fixes?.[0] && f.fixes[0].confidence === undefined)) continue;
        const open = documents.get(file.uri);
        const text = open ? open.getText() : await readFile(file.path, 'utf8');
        const config = await ctx.settings.effective(file.uri);
        const result = fixAll({ path: file.path, text, kind: file.kind }, checkOptionsFrom(config));
        if (result.applied.length > 0)
          files.push({
            uri: file.uri,
            version: open?.version ?? null,
            edits: minimalEdits(text, result.text),
            fixes: result.applied.length,
          });
      }
    });
    return { files };
  });
}
