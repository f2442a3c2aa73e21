import type { CancelTimer, Clock } from '../../core/clock.js';

/** What an entry holds until its timer is set. */
const NOT_SCHEDULED: CancelTimer = () => {};

interface Entry<T> {
  readonly item: T;
  /** When the item is due, on the clock. */
  readonly due: number;
  cancel: CancelTimer;
}

/** A link's one-way delay in milliseconds: fixed, or drawn for each item (a seeded jitter). */
export type Delay = number | (() => number);

/**
 * A one-way link with a latency: each item is delivered `delayMs` after it was pushed (drawn per
 * item when a function), in the order pushed: an item never overtakes an earlier one, so a short
 * draw after a long one waits for it. When an item's timer fires, every earlier item still waiting goes first, so
 * the order holds even if a real clock's timers fire slightly out of turn; later items already due
 * go with it, so what was sent together (a venue's `new` and `trade` reports) arrives together.
 */
export class DelayLine<T> {
  readonly #clock: Clock;
  readonly #delayMs: Delay;
  readonly #deliver: (item: T) => void;
  #waiting: Entry<T>[] = [];
  #lastDue = Number.NEGATIVE_INFINITY;

  constructor(clock: Clock, delayMs: Delay, deliver: (item: T) => void) {
    this.#clock = clock;
    this.#delayMs = delayMs;
    this.#deliver = deliver;
  }

  /** How many items are in flight. */
  get size(): number {
    return this.#waiting.length;
  }

  /** Sends an item down the line. */
  push(item: T): void {
    const delay = typeof this.#delayMs === 'number' ? this.#delayMs : this.#delayMs();
    const due = Math.max(this.#clock.now() + delay, this.#lastDue);
    this.#lastDue = due;
    const entry: Entry<T> = { item, due, cancel: NOT_SCHEDULED };
    entry.cancel = this.#clock.setTimer(due, () => this.#deliverThrough(entry));
    this.#waiting.push(entry);
  }

  /** Drops everything in flight and cancels its timers. */
  close(): void {
    for (const entry of this.#waiting) entry.cancel();
    this.#waiting = [];
  }

  #deliverThrough(last: Entry<T>): void {
    const now = this.#clock.now();
    // Only what was waiting when the timer fired: an item pushed meanwhile waits for its own.
    let left = this.#waiting.length;
    let reachedLast = false;
    while (left-- > 0) {
      const entry = this.#waiting[0];
      // Empty when a delivery closed the line.
      if (entry === undefined || (reachedLast && entry.due > now)) return;
      this.#waiting.shift();
      entry.cancel();
      this.#deliver(entry.item);
      if (entry === last) reachedLast = true;
    }
  }
}
