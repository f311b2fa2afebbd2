// The check worker's entry (bundled as dist/checkWorker.js beside the server, see esbuild.mjs): checks one file per
// message and answers with its findings. A 400 KB workflow takes the whole thread for seconds; here it leaves the
// language server free to answer hovers and completions meanwhile. The worker lives as long as the server, so its
// segment cache makes the next version of an edited file cheap to parse again.
import { parentPort } from 'node:worker_threads';
import { failureReason } from '../engine/check';
import {
  runCheck,
  runScriptLinters,
  type CheckOutcome,
  type CheckWorkerReply,
  type CheckWorkerRequest,
} from './checkRequests';

const port = parentPort;
if (port) {
  const reply = (id: number, outcome: CheckOutcome): void => {
    try {
      port.postMessage({ id, outcome } satisfies CheckWorkerReply);
    } catch (error) {
      // A finding that cannot be copied is a bug in a rule; the file still gets an answer.
      port.postMessage({
        id,
        outcome: { ok: false, reason: `its findings could not be passed back (${failureReason(error)})` },
      } satisfies CheckWorkerReply);
    }
  };
  port.on('message', (message: CheckWorkerRequest) => {
    if (message.type === 'check') reply(message.id, runCheck(message.request));
    else
      void runScriptLinters(message.request).then((outcome) => {
        reply(message.id, outcome);
      });
  });
}
