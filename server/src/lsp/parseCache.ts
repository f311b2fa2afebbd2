// One parse per document version and kind, shared by diagnostics, completion, hover, definition and outline (yaml-
// language-server's pattern): typing triggers several requests for the same text. The kind picks the parse options
// (GitLab's `!reference` tag); it follows from the path and text, so it changes only with them.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFile, type FileKind } from '../engine/kinds';
import type { ParsedYaml } from '../engine/yaml/parsedYaml';

export class ParseCache {
  private readonly entries = new Map<string, { version: number; kind: FileKind | undefined; parsed: ParsedYaml }>();

  /** `maxChars(uri)`: larger documents are not checked (preflight.maxFileSizeMB), so hovers and lenses skip them too. */
  constructor(private readonly maxChars: (uri: string) => number) {}

  get(document: TextDocument, kind: FileKind | undefined): ParsedYaml {
    const hit = this.entries.get(document.uri);
    if (hit?.version === document.version && hit.kind === kind) return hit.parsed;
    const text = document.getText();
    // Parsing a file that size would hold every request behind it for seconds; it reads as empty instead.
    const parsed = parseFile(kind, text.length > this.maxChars(document.uri) ? '' : text);
    this.entries.set(document.uri, { version: document.version, kind, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
