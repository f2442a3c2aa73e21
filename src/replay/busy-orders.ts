import type { CancelTimer } from '../core/clock.js';
import type { ReplayClock } from './replay-clock.js';

/**
 * Decision latency's "busy until": each order whose delegate is deciding, with the instant its
 * decision is done. What it sends meanwhile is held until then (see HeldVenue), so its requests
 * reach the venue at t + d, and its action resolves then too (see busyFactory), so updates
 * arriving meanwhile conflate into its next one.
 */
export class BusyOrders {
  readonly #clock: ReplayClock;
  readonly #until = new Map<string, number>();

  constructor(clock: ReplayClock) {
    this.#clock = clock;
  }

  /** The order decides from now until `untilUs`. */
  busy(orderId: string, untilUs: number): void {
    this.#until.set(orderId, untilUs);
  }

  /** When the order's current decision is done, or undefined when it is not deciding now. */
  busyUntil(orderId: string): number | undefined {
    const until = this.#until.get(orderId);
    if (until === undefined) return undefined;
    if (until > this.#clock.nowUs) return until;
    this.#until.delete(orderId);
    return undefined;
  }

  /** Runs `then` at `untilUs` on the replay's clock. */
  at(untilUs: number, then: () => void): CancelTimer {
    return this.#clock.setTimerUs(untilUs, then);
  }
}
