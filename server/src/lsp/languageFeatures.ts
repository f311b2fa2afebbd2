// Completion, hover, go to definition and outline, as thin adapters from the engine's language module to LSP types.
// Each handler catches and returns an empty result: a bug here must not break editing.
import { guarded, type ServerContext } from './serverContext';
import {
  CompletionItemKind,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  type Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../engine/kinds';
import { completeAt, type CompletionKind } from '../engine/language/completion';
import { definitionAt } from '../engine/language/definition';
import { modelFeatureHover } from './modelHover';
import type { ModelReports } from './modelReports';
import { hoverAt, ruleHover } from '../engine/language/hover';
import { outline, type OutlineSymbol } from '../engine/language/outline';
import { suppressionIn } from '../engine/suppressions';
import { pathToUri, uriToPath } from './uris';

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  context: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
};

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  object: SymbolKind.Object,
  event: SymbolKind.Event,
  function: SymbolKind.Function,
  field: SymbolKind.Field,
};

function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name || ' ',
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

/** A hover from elsewhere (failure risk on workflow names and job keys), shown above the language hover. */
export type ExtraHover = (uri: string, position: Position) => { readonly markdown: string } | undefined;

/** `modelReports` adds feature importance to hovers in MLmodel files; `extraHover` adds failure risk. */
export function registerLanguageFeatures(
  ctx: ServerContext,
  extras: { readonly modelReports?: ModelReports; readonly extraHover?: ExtraHover } = {},
): void {
  const { connection, documents, parses: cache } = ctx;
  const { modelReports, extraHover } = extras;
  const context = (
    uri: string,
  ): { doc: TextDocument; path: string; kind: NonNullable<ReturnType<typeof detectKind>> } | undefined => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const path = uriToPath(uri) ?? uri;
    const kind = detectKind(path, doc.getText());
    return kind ? { doc, path, kind } : undefined;
  };

  connection.onCompletion((params) =>
    guarded<CompletionItem[]>(ctx, 'completion', [], () => {
      const c = context(params.textDocument.uri);
      if (!c) return [];
      // The engine's order is meant (required inputs first, `ubuntu-latest` first): sortText keeps it, as VS Code would
      // otherwise sort by label.
      return completeAt(
        { text: c.doc.getText(), kind: c.kind, path: c.path },
        params.position,
        cache.get(c.doc, c.kind),
      ).map((e, index) => ({
        label: e.label,
        sortText: String(index).padStart(5, '0'),
        kind: COMPLETION_KIND[e.kind],
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
        ...(e.insertText ? { insertText: e.insertText } : {}),
        ...(e.replace ? { textEdit: { range: e.replace, newText: e.insertText ?? e.label } } : {}),
      }));
    }),
  );

  connection.onHover((params) =>
    guarded(ctx, 'hover', null, async () => {
      const c = context(params.textDocument.uri);
      if (!c) return null;
      if (c.kind === 'mlflow-model' && modelReports) {
        const feature = await modelFeatureHover(modelReports, c.path, cache.get(c.doc, c.kind), params.position);
        if (feature) return { contents: { kind: MarkupKind.Markdown, value: feature.markdown }, range: feature.range };
      }
      const line = c.doc.getText({
        start: { line: params.position.line, character: 0 },
        end: { line: params.position.line + 1, character: 0 },
      });
      const ignore = suppressionIn(line);
      if (ignore && params.position.character >= ignore.start) {
        const text = ignore.ids.map(ruleHover).filter(Boolean).join('\n\n---\n\n');
        if (text) return { contents: { kind: MarkupKind.Markdown, value: text } };
      }
      const info = hoverAt(
        { text: c.doc.getText(), kind: c.kind, path: c.path },
        params.position,
        cache.get(c.doc, c.kind),
      );
      const extra = c.kind === 'github-workflow' ? extraHover?.(params.textDocument.uri, params.position) : undefined;
      if (extra)
        return {
          contents: {
            kind: MarkupKind.Markdown,
            value: info ? `${extra.markdown}\n\n---\n\n${info.markdown}` : extra.markdown,
          },
          ...(info ? { range: info.range } : {}),
        };
      return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: info.range } : null;
    }),
  );

  connection.onDefinition((params) =>
    guarded(ctx, 'definition', null, () => {
      const c = context(params.textDocument.uri);
      if (!c) return null;
      const target = definitionAt(
        { path: c.path, text: c.doc.getText(), kind: c.kind },
        params.position,
        cache.get(c.doc, c.kind),
      );
      if (!target) return null;
      return [
        {
          originSelectionRange: target.originRange,
          targetUri: target.path ? pathToUri(target.path) : params.textDocument.uri,
          targetRange: target.range,
          targetSelectionRange: target.range,
        },
      ];
    }),
  );

  connection.onDocumentSymbol((params) =>
    guarded(ctx, 'outline', [], () => {
      const c = context(params.textDocument.uri);
      return c ? outline(cache.get(c.doc, c.kind), c.kind).map(toDocumentSymbol) : [];
    }),
  );
}
