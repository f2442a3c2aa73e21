import type { CancelTimer, Clock } from '../core/clock.js';
import { TimerHeap } from './timer-heap.js';

/**
 * The replay's virtual clock: time in whole microseconds (the recording's), shown to the engine in
 * milliseconds as every Clock is. It moves only when the replay moves it; timers fire only when
 * the replay runs them, due ones in time then scheduling order.
 */
export class ReplayClock implements Clock {
  #nowUs: number;
  readonly #timers = new TimerHeap();
  #scheduled = 0;

  constructor(startUs: number) {
    this.#nowUs = startUs;
  }

  get nowUs(): number {
    return this.#nowUs;
  }

  /** How many timers were ever set: part of the replay's sign that something ran. */
  get scheduled(): number {
    return this.#scheduled;
  }

  now(): number {
    return this.#nowUs / 1000;
  }

  /** A timer at `time` ms fires at its nearest whole microsecond (now, if that is past). */
  setTimer(time: number, callback: () => void): CancelTimer {
    const timer = {
      dueUs: Math.max(this.#nowUs, toUs(time)),
      order: this.#scheduled++,
      callback,
      cancelled: false,
    };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** A timer at a microsecond instant. */
  setTimerUs(dueUs: number, callback: () => void): CancelTimer {
    return this.setTimer(dueUs / 1000, callback);
  }

  /** When the next live timer is due, or undefined when none waits. */
  nextDueUs(): number | undefined {
    for (;;) {
      const top = this.#timers.peek();
      if (top === undefined) return undefined;
      if (!top.cancelled) return top.dueUs;
      this.#timers.pop();
    }
  }

  /** Moves time to `us`; never backwards. */
  moveTo(us: number): void {
    if (us > this.#nowUs) this.#nowUs = us;
  }

  /** Fires every timer due now, in scheduling order (ones they set for now too); true when any fired. */
  runDue(): boolean {
    let fired = false;
    for (;;) {
      const due = this.nextDueUs();
      if (due === undefined || due > this.#nowUs) return fired;
      const timer = this.#timers.pop()!;
      timer.cancelled = true;
      fired = true;
      timer.callback();
    }
  }
}

/**
 * Milliseconds as the nearest whole microsecond: at epoch magnitudes a double holds a time in ms to
 * about a quarter of a microsecond, so `now() + 0.3` may come out a hair above or below the
 * microsecond it means, and rounding (not the ceiling) is what lands on it.
 */
function toUs(ms: number): number {
  return Math.round(ms * 1000);
}
