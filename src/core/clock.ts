/** Cancels a scheduled timer; calling it after the timer fired does nothing. */
export type CancelTimer = () => void;

/**
 * Time as the engine sees it. Delegates read the time and request wake-ups through it,
 * so tests and replays can drive time themselves instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, at or after `time` (milliseconds since the epoch). */
  setTimer(time: number, callback: () => void): CancelTimer;
}

/**
 * The wall clock, with Node's timers. A timer already due runs on the next turn of the event loop
 * (setImmediate) rather than through setTimeout, whose shortest wait is 1 ms: a link with no
 * latency (a paper venue's `--latency 0`) must not cost a millisecond per hop.
 */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(time: number, callback: () => void): CancelTimer {
    const wait = time - Date.now();
    if (wait <= 0) {
      const immediate = setImmediate(callback);
      return () => clearImmediate(immediate);
    }
    const handle = setTimeout(callback, wait);
    return () => clearTimeout(handle);
  }
}

interface VirtualTimer {
  readonly time: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to: timers fire in time order, synchronously, inside `advance`. */
export class VirtualClock implements Clock {
  #now: number;
  #timers: VirtualTimer[] = [];
  #created = 0;

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(time: number, callback: () => void): CancelTimer {
    const timer: VirtualTimer = { time, order: this.#created++, callback, cancelled: false };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** The number of timers waiting to fire. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, earliest first. */
  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  /** Moves time forward to `time`, firing every timer due on the way, earliest first. */
  advanceTo(time: number): void {
    for (;;) {
      const next = this.#nextDue(time);
      if (next === undefined) break;
      this.#now = Math.max(this.#now, next.time);
      next.callback();
    }
    this.#now = Math.max(this.#now, time);
  }

  #nextDue(limit: number): VirtualTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: VirtualTimer | undefined;
    for (const t of this.#timers) {
      if (
        t.time <= limit &&
        (best === undefined || t.time < best.time || (t.time === best.time && t.order < best.order))
      ) {
        best = t;
      }
    }
    if (best !== undefined) best.cancelled = true;
    return best;
  }
}
