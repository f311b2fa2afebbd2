// "Suggest a fix with AI": for a Preflight finding without a certain fix, ask a language model through VS Code's
// language model API, pass its answer through the server's gate (finding gone, no new error), and show what survives as
// a refactor preview marked AI-generated. Nothing is applied without the user confirming the preview, and the model's
// reply is only ever used as the proposed file text.
import * as vscode from 'vscode';
import { PIPELINE_DOCUMENTS } from '../pipelineDocuments';
import type { PreflightServer } from '../preflightServer';
import { registerFasterJob } from './fasterJob';
import { suggestWithModel } from './modelRoundTrip';
import { vscodeLanguageModels } from './vscodeLanguageModels';
import { buildPrompt } from '../../../shared/suggestionPrompt';

export const SUGGEST_FIX_COMMAND = 'preflight.suggestFix';

interface DiagnosticRef {
  readonly uri: string;
  readonly rule: string;
  readonly message: string;
  readonly line: number;
}

/** Whether any chat model is available, kept current for the synchronous code action provider. */
export class ModelAvailability implements vscode.Disposable {
  private available = false;
  private readonly subscription: { dispose(): void };

  constructor() {
    void vscodeLanguageModels.available().then((available) => {
      this.available = available;
    });
    this.subscription = vscodeLanguageModels.onDidChange((available) => {
      this.available = available;
    });
  }

  get any(): boolean {
    return this.available;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function hasCertainFix(diagnostic: vscode.Diagnostic): boolean {
  const data = (diagnostic as vscode.Diagnostic & { data?: { fixes?: unknown[] } }).data;
  return Array.isArray(data?.fixes) && data.fixes.length > 0;
}

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object' && typeof code.value === 'string') return code.value;
  return undefined;
}

export function registerAiSuggestions(server: PreflightServer): vscode.Disposable {
  const models = new ModelAvailability();
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      // No model, no action: the feature simply is not offered.
      if (!models.any) return [];
      return context.diagnostics
        .filter((d) => d.source === 'preflight' && !hasCertainFix(d) && ruleOf(d) !== undefined)
        .map((d) => {
          const action = new vscode.CodeAction(
            `Suggest a fix with AI (${ruleOf(d) ?? ''})…`,
            vscode.CodeActionKind.QuickFix,
          );
          const ref: DiagnosticRef = {
            uri: document.uri.toString(),
            rule: ruleOf(d) ?? '',
            message: d.message,
            line: d.range.start.line,
          };
          action.command = { command: SUGGEST_FIX_COMMAND, title: action.title, arguments: [ref] };
          action.diagnostics = [d];
          return action;
        });
    },
  };
  return vscode.Disposable.from(
    models,
    registerFasterJob(server, models),
    vscode.languages.registerCodeActionsProvider(PIPELINE_DOCUMENTS, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.commands.registerCommand(SUGGEST_FIX_COMMAND, (ref: DiagnosticRef) => suggestFix(server, ref)),
  );
}

async function suggestFix(server: PreflightServer, ref: DiagnosticRef): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ref.uri);
  if (!document) return;
  const docs = await server.ruleDocs(ref.rule);
  await suggestWithModel(server, {
    document,
    prompt: buildPrompt({
      path: vscode.workspace.asRelativePath(document.uri),
      fileText: document.getText(),
      rule: ref.rule,
      ruleTitle: docs?.title ?? ref.rule,
      ruleDocs: docs?.markdown ?? '',
      message: ref.message,
      line: ref.line,
    }),
    gate: { rule: ref.rule, message: ref.message, line: ref.line },
    purpose: `fix for ${ref.rule}`,
  });
}
