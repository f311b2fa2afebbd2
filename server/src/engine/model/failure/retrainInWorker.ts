// Runs repoRetraining in a worker thread (retrainWorker.ts) so the language server keeps answering while the trees grow,
// and so cancelling stops the training at once (the thread is terminated) instead of only before it starts.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RetrainResults, RetrainWorkerInput, RetrainWorkerMessage, TreesGrown } from './retrainWorkerMessages';

/**
 * Next to this module both in the bundle (dist/server.js and dist/retrainWorker.js, see esbuild.mjs) and in the
 * compiled tree the tests run (out/server/src/engine/model/failure/).
 */
const WORKER_FILE = path.join(__dirname, 'retrainWorker.js');

export type WorkerRetrainResult =
  { readonly kind: 'done'; readonly outcome: RetrainResults } | { readonly kind: 'cancelled' };

export interface RetrainJob {
  readonly result: Promise<WorkerRetrainResult>;
  /** Terminates the worker; `result` then resolves as cancelled (unless the outcome was already in). */
  cancel(): void;
}

export function retrainInWorker(input: RetrainWorkerInput, onProgress: (p: TreesGrown) => void): RetrainJob {
  const worker = new Worker(WORKER_FILE, { workerData: input });
  let settled = false;
  let settle: (result: WorkerRetrainResult) => void = () => undefined;
  const result = new Promise<WorkerRetrainResult>((resolve, reject) => {
    settle = (r) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    worker.on('message', (message: RetrainWorkerMessage) => {
      if (settled) return;
      if (message.type === 'progress') onProgress(message.progress);
      else {
        settle({ kind: 'done', outcome: message.outcome });
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the training worker stopped (exit code ${code}) before it answered`));
    });
  });
  return {
    result,
    cancel() {
      if (settled) return;
      settle({ kind: 'cancelled' });
      void worker.terminate();
    },
  };
}
