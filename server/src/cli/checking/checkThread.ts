// One worker thread of `preflight check`, seen from the main thread: one request at a time, answered by a promise that
// rejects when the worker dies, so the caller can redo the worker's files itself instead of losing them.
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './checkMessages';
import type { CheckTarget } from './fileChecker';

export class CheckThread {
  /** Every file handed to this worker: its parse trees live there, and they are redone elsewhere if it dies. */
  readonly owned: CheckTarget[] = [];
  /** Resolves when the worker has loaded and can take work, or with false if it died first. */
  readonly ready: Promise<boolean>;
  private deathReason: string | undefined;
  private pending: { resolve: (reply: FromWorker) => void; reject: (error: Error) => void } | undefined;
  private readonly worker: Worker;

  constructor(file: string) {
    this.worker = new Worker(file);
    let markReady: (ready: boolean) => void = () => undefined;
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    this.worker.once('exit', () => {
      markReady(false);
    });
    this.worker.on('message', (reply: FromWorker) => {
      if (reply.type === 'ready') {
        markReady(true);
        return;
      }
      const pending = this.pending;
      this.pending = undefined;
      if (reply.type === 'failed') this.die(reply.reason, pending);
      else pending?.resolve(reply);
    });
    this.worker.on('error', (error) => {
      this.die(error.message, this.pending);
    });
    this.worker.on('exit', (code) => {
      this.die(`it stopped with exit code ${code}`, this.pending);
    });
  }

  get dead(): string | undefined {
    return this.deathReason;
  }

  request<T extends FromWorker['type']>(message: ToWorker, expected: T): Promise<Extract<FromWorker, { type: T }>> {
    if (this.deathReason !== undefined) return Promise.reject(new Error(this.deathReason));
    return new Promise<FromWorker>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    }).then((reply) => {
      if (reply.type !== expected) throw new Error(`the worker answered '${reply.type}' to '${message.type}'`);
      return reply as Extract<FromWorker, { type: T }>;
    });
  }

  async stop(): Promise<void> {
    this.deathReason ??= 'stopped';
    await this.worker.terminate();
  }

  private die(reason: string, pending: CheckThread['pending']): void {
    this.deathReason ??= reason;
    this.pending = undefined;
    pending?.reject(new Error(reason));
    void this.worker.terminate();
  }
}
