// Quick fixes: the certain fixes carried in a diagnostic's data, plus "ignore this rule on this line", which inserts the
// suppression comment the engine understands.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticData } from './toDiagnostic';

export function codeActionsFor(document: TextDocument, params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'preflight') continue;
    const data = diagnosticData(diagnostic);
    if (!data) continue;
    data.fixes.forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: index === 0,
        edit: { changes: { [document.uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
      });
    });
    actions.push(ignoreOnLine(document, diagnostic, data.rule));
  }
  return actions;
}

function ignoreOnLine(document: TextDocument, diagnostic: Diagnostic, rule: string): CodeAction {
  const line = diagnostic.range.start.line;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  return {
    title: `Ignore '${rule}' on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# preflight-ignore: ${rule}\n` }],
      },
    },
  };
}
