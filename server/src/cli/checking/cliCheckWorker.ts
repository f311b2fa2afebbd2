// A worker thread of `preflight check` (bundled as dist/cliCheckWorker.js beside dist/cli.js, see esbuild.mjs): checks
// the batches of files the main thread hands it, then lints the scripts of those files when asked.
import { parentPort } from 'node:worker_threads';
import { failureReason } from '../../engine/check';
import type { FromWorker, ToWorker } from './checkMessages';
import { FileChecker } from './fileChecker';

const port = parentPort;
if (port) {
  const checker = new FileChecker();
  const answer = async (message: ToWorker): Promise<FromWorker> => {
    try {
      if (message.type === 'check') return { type: 'checked', batch: await checker.checkBatch(message.targets) };
      return { type: 'external', part: await checker.external(message.tools) };
    } catch (error) {
      return { type: 'failed', reason: failureReason(error) };
    }
  };
  port.on('message', (message: ToWorker) => {
    void answer(message).then((reply) => {
      port.postMessage(reply);
    });
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
