// Validation work, one task at a time, newest only. Scheduling a key that already waits replaces its task (version 3
// waiting is dropped when version 4 arrives); the task running keeps running, and its result is dropped by its own
// version check when a newer version exists. A burst of edits is coalesced by events, not by a sleep: while one check
// runs, every change that arrives only replaces the waiting task, so the next check is of the newest text.
export class NewestOnlyQueue {
  private readonly waiting = new Map<string, () => Promise<void>>();
  private running = false;
  private startScheduled = false;

  constructor(private readonly onError: (key: string, error: unknown) => void) {}

  schedule(key: string, task: () => Promise<void>): void {
    // Re-inserted at the end: a file edited again waits behind the files that were waiting before it.
    this.waiting.delete(key);
    this.waiting.set(key, task);
    this.startSoon();
  }

  cancel(key: string): void {
    this.waiting.delete(key);
  }

  /** Whether a task waits for `key` (a newer version than the one being checked, for a document). */
  isWaiting(key: string): boolean {
    return this.waiting.has(key);
  }

  /**
   * Starts after the messages already received are handled (setImmediate runs after pending I/O callbacks): changes
   * that arrived together are checked once, at their newest version.
   */
  private startSoon(): void {
    if (this.running || this.startScheduled || this.waiting.size === 0) return;
    this.startScheduled = true;
    setImmediate(() => {
      this.startScheduled = false;
      void this.runNext();
    });
  }

  private async runNext(): Promise<void> {
    if (this.running) return;
    const next = this.waiting.entries().next();
    if (next.done === true) return;
    const [key, task] = next.value;
    this.waiting.delete(key);
    this.running = true;
    try {
      await task();
    } catch (error) {
      this.onError(key, error);
    } finally {
      this.running = false;
      this.startSoon();
    }
  }
}
