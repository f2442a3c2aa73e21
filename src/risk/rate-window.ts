import { RecentTimes } from './recent-times.js';
import { type RiskRefusal, riskRefusal } from './risk-limits.js';

/** The window both rates count over: child submits and replaces per second. */
export const RATE_WINDOW_MS = 1000;

/**
 * One rate limit on child submits and replaces (a symbol's or the venue's): beyond `perSecond`
 * they are delayed until the last second holds fewer, beyond `hardCap` accepted in the last
 * second they are refused. Times are the engine clock's.
 */
export class RateWindow {
  /** When the latest accepted requests go to the venue: the throttle. */
  readonly #sends: RecentTimes | undefined;
  /** When the latest accepted requests arrived: the hard cap. */
  readonly #arrivals: RecentTimes | undefined;

  constructor(
    /** The rules' names as the limits file spells them, for refusals and delay notices. */
    readonly rules: { readonly perSecond: string; readonly hardCap: string },
    perSecond: number | undefined,
    hardCap: number | undefined,
    /** What it counts, as a refusal says: `child requests on BTC-USD in a second`. */
    readonly what: string,
  ) {
    this.#sends = perSecond === undefined ? undefined : new RecentTimes(perSecond);
    this.#arrivals = hardCap === undefined ? undefined : new RecentTimes(hardCap);
  }

  /** Why one more request arriving `now` is refused (the hard cap is full), or undefined. */
  refusal(now: number): RiskRefusal | undefined {
    if (this.#arrivals === undefined || this.#arrivals.oldest() <= now - RATE_WINDOW_MS) {
      return undefined;
    }
    const cap = this.#arrivals.capacity;
    return riskRefusal(this.rules.hardCap, String(cap), String(cap + 1), this.what);
  }

  /** The earliest time at or after `now` one more request may go to the venue. */
  sendTime(now: number): number {
    if (this.#sends === undefined) return now;
    return Math.max(now, this.#sends.oldest() + RATE_WINDOW_MS);
  }

  /**
   * Counts a request accepted at `now` that goes to the venue at `sendAt`: every `sendAt` is no
   * earlier than the one before, since each is at least `sendTime`.
   */
  accept(now: number, sendAt: number): void {
    this.#arrivals?.add(now);
    this.#sends?.add(sendAt);
  }
}
