import type { CancelTimer, Clock } from '../../core/clock.js';

interface Entry<T> {
  readonly item: T;
  /** When the item is due, on the clock. */
  readonly due: number;
}

/** A link's one-way delay in milliseconds: fixed, or drawn for each item (a seeded jitter). */
export type Delay = number | (() => number);

/**
 * A one-way link with a latency: each item is delivered `delayMs` after it was pushed (drawn per
 * item when a function), in the order pushed: an item never overtakes an earlier one, so a short
 * draw after a long one waits for it. One timer serves the whole line, set for the oldest item:
 * when it fires, that item goes, with every later one already due, so what was sent together (a
 * venue's `new` and `trade` reports) arrives together; then it is set for the next. A timer per
 * item cost a setTimeout and a clearTimeout per message, several per order at intake.
 */
export class DelayLine<T> {
  readonly #clock: Clock;
  readonly #delayMs: Delay;
  readonly #deliver: (item: T) => void;
  #waiting: Entry<T>[] = [];
  /** The latest due time given: none later may be earlier, whatever its draw. */
  #lastDue = Number.NEGATIVE_INFINITY;
  /** The timer set for the oldest item, while items wait. */
  #timer: CancelTimer | undefined;
  /** Set while the timer's deliveries run: the timer is set again after them, for the oldest left. */
  #firing = false;

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
    const entry: Entry<T> = { item, due };
    this.#waiting.push(entry);
    if (this.#timer === undefined && !this.#firing) this.#arm(entry.due);
  }

  /** Drops everything in flight and cancels the timer. */
  close(): void {
    this.#timer?.();
    this.#timer = undefined;
    this.#waiting = [];
  }

  #arm(due: number): void {
    this.#timer = this.#clock.setTimer(due, () => this.#fire());
  }

  /**
   * Delivers the oldest item (its timer fired, even if a real clock fired it a little early) and
   * every later one already due, of those waiting when it fired: an item pushed meanwhile waits
   * for the next timer, which is set for the oldest item left once the deliveries are done.
   */
  #fire(): void {
    this.#timer = undefined;
    this.#firing = true;
    try {
      const now = this.#clock.now();
      let left = this.#waiting.length;
      let first = true;
      while (left-- > 0) {
        const entry = this.#waiting[0];
        // Empty when a delivery closed the line.
        if (entry === undefined || (!first && entry.due > now)) break;
        first = false;
        this.#waiting.shift();
        this.#deliver(entry.item);
      }
    } finally {
      this.#firing = false;
      const next = this.#waiting[0];
      if (next !== undefined && this.#timer === undefined) this.#arm(next.due);
    }
  }
}
