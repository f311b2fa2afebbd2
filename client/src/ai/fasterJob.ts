// "Ask AI to make this job faster": a refactor action on a workflow job's line. The model may only change that job's
// lines; the gate also requires valid YAML and no new error before the preview opens.
import * as vscode from 'vscode';
import type { PreflightServer } from '../preflightServer';
import type { ModelAvailability } from './aiSuggestions';
import { suggestWithModel } from './modelRoundTrip';
import { buildFasterJobPrompt } from '../../../shared/suggestionPrompt';

export const FASTER_JOB_COMMAND = 'preflight.suggestFasterJob';

interface JobRef {
  readonly uri: string;
  readonly job: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The workflow job whose range holds the position, from the server's outline. */
export async function jobAt(document: vscode.TextDocument, position: vscode.Position): Promise<JobRef | undefined> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
    'vscode.executeDocumentSymbolProvider',
    document.uri,
  );
  const jobs = symbols?.find((s) => s.name === 'jobs')?.children ?? [];
  // By line: the cursor may sit in the indentation before the job's key.
  const job = jobs.find((j) => position.line >= j.range.start.line && position.line <= j.range.end.line);
  return job
    ? { uri: document.uri.toString(), job: job.name, startLine: job.range.start.line, endLine: job.range.end.line }
    : undefined;
}

export function registerFasterJob(server: PreflightServer, models: ModelAvailability): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, range) {
      if (!models.any || !/[\\/]\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/.test(document.uri.fsPath)) return [];
      const job = await jobAt(document, range.start);
      // Offered on the job's own line, where the user is looking at the job as a whole.
      if (!job || job.startLine !== range.start.line) return [];
      const action = new vscode.CodeAction(
        `Ask AI to make job '${job.job}' faster…`,
        vscode.CodeActionKind.RefactorRewrite,
      );
      action.command = { command: FASTER_JOB_COMMAND, title: action.title, arguments: [job] };
      return [action];
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file', language: 'yaml' }, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite],
    }),
    vscode.commands.registerCommand(FASTER_JOB_COMMAND, async (given?: JobRef) => {
      const editor = vscode.window.activeTextEditor;
      const ref = given ?? (editor ? await jobAt(editor.document, editor.selection.active) : undefined);
      if (!ref) {
        void vscode.window.showInformationMessage('Preflight: put the cursor in a workflow job first.');
        return;
      }
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ref.uri);
      if (!document) return;
      await suggestWithModel(server, {
        document,
        prompt: buildFasterJobPrompt({
          path: vscode.workspace.asRelativePath(document.uri),
          fileText: document.getText(),
          job: ref.job,
          startLine: ref.startLine,
          endLine: ref.endLine,
        }),
        gate: {
          rule: '',
          message: '',
          line: ref.startLine,
          scope: { startLine: ref.startLine, endLine: ref.endLine, label: `job '${ref.job}'` },
        },
        purpose: `faster job '${ref.job}'`,
      });
    }),
  );
}
