// The retraining worker's entry (bundled as dist/retrainWorker.js beside the server): trains on the history it is given
// and posts progress, then the outcome. Training takes the whole thread for seconds; here it leaves the language server
// free to answer the editor, and cancelling is terminating this thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { TrainingProgress } from '../gbdt/trainGbdt';
import { retrainJobsOnRepoHistory, retrainOnRepoHistory } from './repoRetraining';
import type { RetrainWorkerInput, RetrainWorkerMessage, TreesGrown } from './retrainWorkerMessages';

/** Progress at most this often: a message per tree would flood the editor's progress notification. */
const PROGRESS_EVERY_MS = 100;

const port = parentPort;
if (port) {
  const input = workerData as RetrainWorkerInput;
  const post = (message: RetrainWorkerMessage): void => {
    port.postMessage(message);
  };
  let last = -Infinity;
  let lastModel: TreesGrown['model'] | undefined;
  const progressOf =
    (model: TreesGrown['model']) =>
    (p: TrainingProgress): void => {
      const now = performance.now();
      // The first trees of each model are always reported, so the progress says which model is training.
      if (now - last < PROGRESS_EVERY_MS && model === lastModel) return;
      last = now;
      lastModel = model;
      post({ type: 'progress', progress: { model, tree: p.tree, maxTrees: p.maxTrees } });
    };
  const now = new Date(input.now);
  const { evidence } = input;
  const runs = retrainOnRepoHistory(input.runs, input.defaultModel, { now, evidence, onProgress: progressOf('runs') });
  // Jobs are scored by the workflow-level model unless a job model beats it: the repository's if it won, else the default.
  const jobIncumbent = runs.ok && runs.beatsIncumbent ? runs.model : input.defaultModel;
  const jobs = retrainJobsOnRepoHistory(input.runs, jobIncumbent, { now, evidence, onProgress: progressOf('jobs') });
  post({ type: 'done', outcome: { runs, jobs } });
}
