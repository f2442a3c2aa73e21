import { type CancelTimer, VirtualClock } from '../../src/core/clock.js';
import { settle } from '../core/helpers.js';

/** Event-loop turns that let every hop of an order's path (journal, dispatcher, venue) run. */
const TURNS = 12;

/**
 * A VirtualClock that knows when its timers are due, so a live run can stop at each of them and
 * let the engine settle there, as an engine on a fast machine finishes reacting to one event long
 * before the next. (Moving a millisecond at a time would let everything due within it fire first
 * and the reactions run late, at the millisecond's end.)
 */
export class SteppingClock extends VirtualClock {
  #dues: number[] = [];

  override setTimer(time: number, callback: () => void): CancelTimer {
    this.#dues.push(time);
    return super.setTimer(time, callback);
  }

  /** Settles now, then moves to `time`, stopping at each timer's instant on the way to settle there. */
  async settleTo(time: number): Promise<void> {
    await settle(TURNS);
    for (;;) {
      const now = this.now();
      this.#dues = this.#dues.filter((due) => due > now);
      const next = this.#dues.reduce<number | undefined>(
        (soonest, due) => (due <= time && (soonest === undefined || due < soonest) ? due : soonest),
        undefined,
      );
      this.advanceTo(next ?? time);
      await settle(TURNS);
      if (next === undefined) return;
    }
  }

  /** Waits for `promise`, moving time on a millisecond at a time (at most `limitMs`). */
  async settleWhile<T>(promise: Promise<T>, limitMs = 60_000): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => {});
    for (let ms = 0; ms < limitMs && !settled; ms++) await this.settleTo(this.now() + 1);
    return watched;
  }
}
