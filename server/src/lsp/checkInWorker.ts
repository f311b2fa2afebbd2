// Runs checks in one worker thread instead of on the thread that answers the editor.
//
// Why a worker and not chunked work between rules: one rule or the parse alone can take seconds on a large file, and no
// yield point inside the parser or a rule is ours to add; a worker keeps the server responsive whatever the engine
// does, and the engine stays a pure synchronous function (findings are plain data, copied back). One worker, not a
// pool: the machine's other cores belong to the editor, and the server asks for one validation at a time anyway
// (newestOnlyQueue.ts), so a second worker would mostly check versions nobody will see.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  runCheck,
  runScriptLinters,
  type CheckOutcome,
  type CheckRequest,
  type CheckWorkerReply,
  type CheckWorkerRequest,
  type ScriptLintRequest,
} from './checkRequests';

/**
 * Next to this module both in the bundle (dist/server.js and dist/checkWorker.js, see esbuild.mjs) and in the compiled
 * tree the tests run (out/server/src/lsp/).
 */
const WORKER_FILE = path.join(__dirname, 'checkWorker.js');

export class CheckWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, (outcome: CheckOutcome) => void>();
  private readonly inThread: boolean;

  constructor(
    private readonly log: (message: string) => void,
    private readonly workerFile: string = WORKER_FILE,
  ) {
    // Without the worker's file (a broken install) checks still run, on this thread, as before workers.
    this.inThread = !existsSync(workerFile);
    if (this.inThread) log(`Preflight: ${workerFile} is missing; checking on the server's own thread`);
  }

  check(request: CheckRequest): Promise<CheckOutcome> {
    if (this.inThread) return Promise.resolve(runCheck(request));
    return this.send((id) => ({ id, type: 'check', request }));
  }

  scripts(request: ScriptLintRequest): Promise<CheckOutcome> {
    if (this.inThread) return runScriptLinters(request);
    return this.send((id) => ({ id, type: 'scripts', request }));
  }

  private send(message: (id: number) => CheckWorkerRequest): Promise<CheckOutcome> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.ref(); // a check being answered keeps the process alive; an idle worker does not
      worker.postMessage(message(id));
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the language server is shutting down');
    void worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    worker.on('message', (reply: CheckWorkerReply) => {
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      // The connection keeps the server alive; an idle worker must not keep a finished process (or test run) running.
      if (this.waiting.size === 0) worker.unref();
      resolve?.(reply.outcome);
    });
    const stopped = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined; // the next check starts a fresh worker
      this.log(`Preflight: the check worker stopped (${reason}); starting a new one for the next check`);
      this.failAll(`the checker stopped while checking it (${reason})`);
    };
    worker.on('error', (error) => {
      stopped(error.message);
    });
    worker.on('exit', (code) => {
      stopped(`exit code ${code}`);
    });
    this.worker = worker;
    return worker;
  }

  /** Every file being checked gets an answer, so none keeps the findings of older text. */
  private failAll(reason: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const resolve of waiting) resolve({ ok: false, reason });
  }
}
