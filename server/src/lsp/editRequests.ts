// Requests about one open document's edits: quick fixes and fix-all (code actions), the gate every AI suggestion passes
// before the client shows it, and a rule's documentation.
import { RuleDocsRequest, SuggestionGateRequest } from '../../../protocol/lsp';
import { checkOptionsFrom } from '../engine/check';
import { gateSuggestion } from '../engine/fixes/suggestionGate';
import { detectKind } from '../engine/kinds';
import { ruleById } from '../engine/rules/index';
import { codeActionsFor } from './codeActions';
import { guarded, type ServerContext } from './serverContext';
import { uriToPath } from './uris';

export function registerEditRequests(ctx: ServerContext): void {
  const { connection, documents } = ctx;

  connection.onCodeAction((params) =>
    guarded(ctx, 'code actions', [], async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const path = uriToPath(document.uri) ?? document.uri;
      const kind = detectKind(path, document.getText());
      const config = await ctx.settings.effective(document.uri);
      return codeActionsFor(document, params, kind ? { path, kind, options: checkOptionsFrom(config) } : undefined);
    }),
  );

  connection.onRequest(SuggestionGateRequest.type, (params) =>
    guarded<SuggestionGateRequest.Result>(
      ctx,
      'suggestion gate',
      { accepted: false, reason: 'the check failed' },
      async () => {
        const document = documents.get(params.uri);
        if (!document) return { accepted: false, reason: 'the document is no longer open' };
        if (document.version !== params.version)
          return { accepted: false, reason: 'the document changed while the suggestion was made' };
        const path = uriToPath(document.uri) ?? document.uri;
        const kind = detectKind(path, document.getText());
        if (!kind) return { accepted: false, reason: 'not a pipeline file' };
        const config = await ctx.settings.effective(document.uri);
        const target = params.scope ?? { rule: params.rule, message: params.message, line: params.line };
        return gateSuggestion(
          { path, kind, originalText: document.getText(), proposedText: params.proposedText, target },
          checkOptionsFrom(config),
        );
      },
    ),
  );

  connection.onRequest(RuleDocsRequest.type, (params) => {
    const rule = ruleById(params.rule);
    return rule ? { id: rule.id, title: rule.docs.title, markdown: rule.docs.description } : null;
  });
}
