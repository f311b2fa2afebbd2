// What the diagnostics last published for each open document (its check result, by version) and the size limit its
// settings gave. The workspace listing reuses a result instead of checking the same text again; the parse cache reads
// the limits. Written only by diagnostics.ts.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAX_FILE_SIZE_MB, maxFileBytes } from '../../../protocol/settings';
import type { CheckResult } from '../engine/check';

export class PublishedResults {
  private readonly results = new Map<string, { version: number; result: CheckResult }>();
  private readonly sizeLimits = new Map<string, number>();

  /** The result published for this very version of the document, if any. */
  resultFor(document: Pick<TextDocument, 'uri' | 'version'>): CheckResult | undefined {
    const hit = this.results.get(document.uri);
    return hit?.version === document.version ? hit.result : undefined;
  }

  /** The newest result published for `uri`, whatever its version. */
  latest(uri: string): CheckResult | undefined {
    return this.results.get(uri)?.result;
  }

  set(document: Pick<TextDocument, 'uri' | 'version'>, result: CheckResult | undefined): void {
    if (result) this.results.set(document.uri, { version: document.version, result });
    else this.results.delete(document.uri);
  }

  sizeLimitOf(uri: string): number {
    return this.sizeLimits.get(uri) ?? maxFileBytes(DEFAULT_MAX_FILE_SIZE_MB);
  }

  setSizeLimit(uri: string, bytes: number): void {
    this.sizeLimits.set(uri, bytes);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.sizeLimits.delete(uri);
  }
}
