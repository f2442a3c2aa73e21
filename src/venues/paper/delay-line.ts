import type { CancelTimer, Clock } from '../../core/clock.js';

interface Entry<T> {
  readonly item: T;
  cancel: CancelTimer;
}

/**
 * A one-way link with a fixed latency: each item is delivered `delayMs` after it was pushed, in
 * the order pushed. When an item's timer fires, every earlier item still waiting goes first, so
 * the order holds even if a real clock's timers fire slightly out of turn.
 */
export class DelayLine<T> {
  readonly #clock: Clock;
  readonly #delayMs: number;
  readonly #deliver: (item: T) => void;
  #waiting: Entry<T>[] = [];

  constructor(clock: Clock, delayMs: number, deliver: (item: T) => void) {
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
    const entry: Entry<T> = { item, cancel: () => {} };
    entry.cancel = this.#clock.setTimer(this.#clock.now() + this.#delayMs, () =>
      this.#deliverThrough(entry),
    );
    this.#waiting.push(entry);
  }

  /** Drops everything in flight and cancels its timers. */
  close(): void {
    for (const entry of this.#waiting) entry.cancel();
    this.#waiting = [];
  }

  #deliverThrough(last: Entry<T>): void {
    for (;;) {
      const entry = this.#waiting.shift();
      if (entry === undefined) return;
      entry.cancel();
      this.#deliver(entry.item);
      if (entry === last) return;
    }
  }
}
