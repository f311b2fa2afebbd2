// The summary of one detected file, as the server sends it to the client and the webview, and the request that lists
// them. The kinds are in fileKinds/.
import { isFileKind, type FileKind } from './fileKinds/index';
import { pageAskableRequest0 } from './panelRequest';

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

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function parseSummary(value: unknown): PipelineFileSummary | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { uri, relativePath, kind, errors, warnings } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof relativePath !== 'string' || !isFileKind(kind)) return undefined;
  if (!isCount(errors) || !isCount(warnings)) return undefined;
  return { uri, relativePath, kind, errors, warnings };
}

/** The list when every entry is a well-formed summary (extra fields dropped), otherwise undefined. */
export function parsePipelineFileSummaries(value: unknown): PipelineFileSummary[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parsed = value.map(parseSummary);
  return parsed.every((f) => f !== undefined) ? parsed : undefined;
}

/**
 * Lists the pipeline files in the workspace folders, with finding counts: the Files tab's list. The page may ask for it
 * too; it is what the page is sent anyway.
 */
export const LIST_PIPELINE_FILES = pageAskableRequest0('preflight/listPipelineFiles', parsePipelineFileSummaries);
