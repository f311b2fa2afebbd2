// Time as the GitHub client and the run watcher see it. Injectable so tests and the polling benchmark can run an hour of
// polling in milliseconds on a virtual clock.

export interface Clock {
  now(): number;
  /** Calls `callback` after `ms`; the returned promise (if any) is the work the timer started, which virtual clocks await. */
  setTimeout(callback: () => void | Promise<void>, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(() => {
      void callback();
    }, ms);
    // Polling must never keep a CLI or test process alive on its own.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
