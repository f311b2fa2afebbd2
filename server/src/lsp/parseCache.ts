// One parse per document version, shared by diagnostics, completion, hover, definition and outline (yaml-language-
// server's pattern): typing triggers several requests for the same text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseYaml, type ParsedYaml } from '../engine/yaml/parsedYaml';

export class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ParsedYaml }>();

  get(document: TextDocument): ParsedYaml {
    const hit = this.entries.get(document.uri);
    if (hit?.version === document.version) return hit.parsed;
    const parsed = parseYaml(document.getText());
    this.entries.set(document.uri, { version: document.version, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
