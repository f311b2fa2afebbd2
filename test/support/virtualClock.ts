// A clock the tests and the polling benchmark move by hand: an hour of polling runs in milliseconds, and every timer's
// work (a poll against the stand-in) finishes before time moves on, so results do not depend on machine speed.
import type { Clock } from '../../server/src/engine/github/api/clock';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void | Promise<void>;
}

export class VirtualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = Date.parse('2026-01-05T09:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void | Promise<void>, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Time of the earliest pending timer, if any. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, t) => (min === undefined || t.at < min ? t.at : min),
      undefined,
    );
  }

  /** Fires every timer due up to `until` in time order, awaiting the work each one starts; then sets the time to `until`. */
  async advanceTo(until: number): Promise<void> {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      await due.callback();
    }
    this.time = Math.max(this.time, until);
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }
}
