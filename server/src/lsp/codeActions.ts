// Quick fixes: the certain fixes carried in a diagnostic's data, plus "ignore this rule on this line", which inserts the
// suppression comment the engine understands.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckOptions } from '../engine/check';
import type { FileKind } from '../engine/kinds';
import { fixAll } from '../engine/fixes/fixAll';
import { minimalEdits } from '../../../shared/minimalEdits';
import { suppressionCommentFor } from '../engine/suppressions';
import { diagnosticData } from './toDiagnostic';
import { pathToUri } from './uris';

export interface FixAllContext {
  readonly path: string;
  readonly kind: FileKind;
  /** As the diagnostics were computed (severities and the user's own runner labels: without those a fix could "correct" one). */
  readonly options: CheckOptions;
}

/** The whole document replaced by its fixed text: one edit, previewable, undoable in one step. */
function fixAllAction(
  document: TextDocument,
  ctx: FixAllContext,
  title: string,
  kind: string,
  only?: ReadonlySet<string>,
): CodeAction | undefined {
  const result = fixAll({ path: ctx.path, text: document.getText(), kind: ctx.kind }, ctx.options, only);
  if (result.applied.length === 0) return undefined;
  return {
    title: `${title} (${result.applied.length})`,
    kind,
    edit: {
      changes: {
        [document.uri]: minimalEdits(document.getText(), result.text).map((e) => ({
          range: e.range,
          newText: e.newText,
        })),
      },
    },
  };
}

export function codeActionsFor(
  document: TextDocument,
  params: CodeActionParams,
  fixContext?: FixAllContext,
): CodeAction[] {
  const only = params.context.only;
  if (
    only?.some(
      (k) =>
        k === CodeActionKind.SourceFixAll ||
        k.startsWith(`${CodeActionKind.SourceFixAll}.`) ||
        k === CodeActionKind.Source,
    )
  ) {
    const action = fixContext
      ? fixAllAction(
          document,
          fixContext,
          'Fix all certain Preflight problems',
          `${CodeActionKind.SourceFixAll}.preflight`,
        )
      : undefined;
    return action ? [action] : [];
  }
  const actions: CodeAction[] = [];
  const rulesWithFixes = new Map<string, number>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'preflight') continue;
    const data = diagnosticData(diagnostic);
    if (!data) continue;
    if (data.fixes.length > 0) rulesWithFixes.set(data.rule, (rulesWithFixes.get(data.rule) ?? 0) + 1);
    data.fixes.forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        // Only certain fixes are preferred: editors may apply preferred fixes automatically.
        isPreferred: index === 0 && fix.confidence === undefined,
        // A fix may edit another file (params.yaml for a finding in dvc.yaml).
        edit: {
          changes: {
            [fix.file ? pathToUri(fix.file) : document.uri]: fix.edits.map((e) => ({
              range: e.range,
              newText: e.newText,
            })),
          },
        },
      });
    });
    actions.push(ignoreOnLine(document, diagnostic, data.rule));
  }
  if (fixContext) {
    for (const rule of rulesWithFixes.keys()) {
      const action = fixAllAction(
        document,
        fixContext,
        `Fix all '${rule}' problems in this file`,
        CodeActionKind.QuickFix,
        new Set([rule]),
      );
      // Only worth offering when it does more than the single fix under the cursor.
      if (action && /\((\d+)\)$/.exec(action.title)?.[1] !== '1') actions.push(action);
    }
  }
  return actions;
}

function ignoreOnLine(document: TextDocument, diagnostic: Diagnostic, rule: string): CodeAction {
  const line = diagnostic.range.start.line;
  const lineText = document
    .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
    .replace(/\r?\n$/, '');
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  return {
    title: `Ignore '${rule}' on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [document.uri]: [
          {
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            newText: `${indent}${suppressionCommentFor(rule)}\n`,
          },
        ],
      },
    },
  };
}
