// The retraining worker's entry (bundled as dist/retrainWorker.js beside the server): trains on the history it is given
// and posts progress, then the outcome. Training takes the whole thread for seconds; here it leaves the language server
// free to answer the editor, and cancelling is terminating this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { retrainOnRepoHistory } from './repoRetraining';
import type { RetrainWorkerInput, RetrainWorkerMessage } from './retrainWorkerMessages';

/** Progress at most this often: a message per tree would flood the editor's progress notification. */
const PROGRESS_EVERY_MS = 100;

const port = parentPort;
if (port) {
  const input = workerData as RetrainWorkerInput;
  const post = (message: RetrainWorkerMessage): void => { port.postMessage(message); };
  let last = -Infinity;
  const outcome = retrainOnRepoHistory(input.runs, input.defaultModel, {
    now: new Date(input.now),
    onProgress: (p) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      post({ type: 'progress', progress: { tree: p.tree, maxTrees: p.maxTrees } });
    },
  });
  post({ type: 'done', outcome });
}
