// Messages between the pipeline panel (webview) and the extension. The webview is untrusted input: every message is a
// discriminated union on `type`, checked on arrival by the parse functions below before anything acts on it.
import { parseFailureRiskMessage, type FailureRiskMessage } from './failureRisk';
import { parseGraphMessage, type GraphMessage } from './graphView';
import { parseLanguageModelsMessage, type LanguageModelsMessage } from './languageModels';
import { parsePageRequest, parsePageResponse, type PageRequest, type PageResponse } from './panelRequests';
import { parsePipelineFileSummaries, type PipelineFileSummary } from './pipelineFiles';
import { isId, parseRunsMessage, type RunsMessage } from './runsView';

export type { RunsMessage } from './runsView';
export type { LanguageModelsMessage } from './languageModels';
export type { PageRequest, PageResponse } from './panelRequests';

/** Extension -> webview. */
export type ToWebview =
  | { readonly type: 'pipelineFiles'; readonly workspaceName: string; readonly files: readonly PipelineFileSummary[] }
  | { readonly type: 'serverState'; readonly state: 'starting' | 'ready' | 'checking' | 'stopped' }
  | GraphMessage
  | RunsMessage
  | FailureRiskMessage
  | LanguageModelsMessage
  | PageResponse;

/** Webview -> extension: what the user asked to do with a run. Ids are only requests; the host checks them. */
export type RunAction =
  | { readonly type: 'rerunFailed'; readonly runId: number }
  | { readonly type: 'rerunRun'; readonly runId: number }
  | { readonly type: 'cancelRun'; readonly runId: number }
  | { readonly type: 'rerunJob'; readonly runId: number; readonly jobId: number }
  | { readonly type: 'openLog'; readonly runId: number; readonly jobId: number }
  | { readonly type: 'openStep'; readonly runId: number; readonly jobId: number; readonly stepNumber: number }
  | { readonly type: 'explainFailure'; readonly runId: number; readonly jobId: number };

/** Webview -> extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'openFile'; readonly uri: string; readonly line?: number }
  | { readonly type: 'signIn' }
  | RunAction
  | PageRequest;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLine(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10_000_000;
}

export type { GraphEdgeView, GraphMessage, GraphNodeStatus, GraphNodeView } from './graphView';

/** Returns the message when it is a well-formed FromWebview, otherwise undefined (and the caller ignores it). */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (!isRecord(value)) return undefined;
  const type = value['type'];
  switch (type) {
    case 'ready':
      return { type: 'ready' };
    case 'refresh':
      return { type: 'refresh' };
    case 'openFile': {
      const uri = value['uri'];
      // Only file URIs the extension itself sent can be opened; the host re-checks membership.
      if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
      const line = value['line'];
      if (line === undefined) return { type: 'openFile', uri };
      return isLine(line) ? { type: 'openFile', uri, line } : undefined;
    }
    case 'signIn':
      return { type: 'signIn' };
    case 'rerunFailed':
    case 'rerunRun':
    case 'cancelRun': {
      const runId = value['runId'];
      return isId(runId) ? { type, runId } : undefined;
    }
    case 'rerunJob':
    case 'openLog':
    case 'explainFailure': {
      const { runId, jobId } = value;
      return isId(runId) && isId(jobId) ? { type, runId, jobId } : undefined;
    }
    case 'openStep': {
      const { runId, jobId, stepNumber } = value;
      return isId(runId) && isId(jobId) && isId(stepNumber)
        ? { type: 'openStep', runId, jobId, stepNumber }
        : undefined;
    }
    case 'request':
      return parsePageRequest(value);
    default:
      return undefined;
  }
}

/** The webview validates what it receives too: a bug on the host side must not break the panel. */
export function parseToWebview(value: unknown): ToWebview | undefined {
  if (!isRecord(value)) return undefined;
  switch (value['type']) {
    case 'pipelineFiles': {
      const files = parsePipelineFileSummaries(value['files']);
      const workspaceName = value['workspaceName'];
      if (files === undefined || typeof workspaceName !== 'string') return undefined;
      return { type: 'pipelineFiles', workspaceName, files };
    }
    case 'serverState': {
      const state = value['state'];
      if (state === 'starting' || state === 'ready' || state === 'checking' || state === 'stopped')
        return { type: 'serverState', state };
      return undefined;
    }
    case 'graph':
      return parseGraphMessage(value);
    case 'runs':
      return parseRunsMessage(value);
    case 'failureRisk':
      return parseFailureRiskMessage(value);
    case 'languageModels':
      return parseLanguageModelsMessage(value);
    case 'response':
      return parsePageResponse(value);
    default:
      return undefined;
  }
}
