// The summary of one detected file, as the server sends it to the client and the webview. The kinds are in fileKinds/.
import type { FileKind } from './fileKinds/index';

/** One pipeline file found in the workspace, with its finding counts. */
export interface PipelineFileSummary {
  /** Absolute file URI (file:///...). */
  readonly uri: string;
  /** Path relative to its workspace folder, with forward slashes. */
  readonly relativePath: string;
  readonly kind: FileKind;
  readonly errors: number;
  readonly warnings: number;
}
