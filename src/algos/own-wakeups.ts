import type { CancelTimer } from '../core/clock.js';
import type { DelegateContext } from '../core/delegate.js';
import type { ParentOrder } from '../orders/parent-order.js';

/**
 * Wake-ups a helper of an algorithm asks for on its own account (the in-flight watch's timeouts,
 * the wait before a refused cancel is sent again): the order's context wakes the delegate for
 * them as for the algorithm's, so `claim` takes them out of an update's wake-ups before the
 * algorithm sees those.
 */
export class OwnWakeups {
  readonly #times = new Set<number>();

  constructor(readonly context: DelegateContext<ParentOrder>) {}

  /** Asks to be woken at `time`, as one of ours; the cancel forgets it too. */
  at(time: number): CancelTimer {
    this.#times.add(time);
    const cancel = this.context.wakeAt(time);
    return () => {
      cancel();
      this.#times.delete(time);
    };
  }

  /** The wake-up times that are not ours: ours are taken out (and forgotten). */
  claim(times: readonly number[]): readonly number[] {
    if (this.#times.size === 0) return times;
    return times.filter((time) => !this.#times.delete(time));
  }
}
