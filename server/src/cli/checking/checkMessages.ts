// What the main thread and a check worker of `preflight check` say to each other (structured-clone data only).
import type { ExternalTools } from '../../engine/checkExternal';
import type { CheckedBatch, CheckTarget, ExternalPart } from './fileChecker';

export type ToWorker =
  | { readonly type: 'check'; readonly targets: readonly CheckTarget[] }
  | { readonly type: 'external'; readonly tools: ExternalTools };

export type FromWorker =
  /** Loaded and listening: only now is handing it work faster than doing it on the main thread. */
  | { readonly type: 'ready' }
  | { readonly type: 'checked'; readonly batch: CheckedBatch }
  | { readonly type: 'external'; readonly part: ExternalPart }
  /** Something this thread could not survive: the main thread redoes this worker's files. */
  | { readonly type: 'failed'; readonly reason: string };
