import { RecentTimes } from './recent-times.js';
import { type RiskRefusal, riskRefusal } from './risk-limits.js';

/** One rate rule's usage: how many requests it counts in the last second, against its limit. */
export interface RateUsage {
  /** The rule as the limits file spells it (`childRatePerSecond`, `venueChildRateHardCap`...). */
  readonly rule: string;
  /** The symbol a symbol's rate counts; absent for the venue's. */
  readonly symbol?: string;
  /**
   * For the throttle, the requests sent in the last second or waiting to be sent, up to its limit
   * (a full throttle delays the rest, which the delays count); for the hard cap, the requests
   * accepted in the last second.
   */
  readonly value: number;
  readonly limit: number;
}

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

  /** The usage of each of its rules that is set, at `now` (`symbol` names a symbol's rate). */
  usage(now: number, symbol?: string): RateUsage[] {
    const rows: RateUsage[] = [];
    const at = symbol === undefined ? {} : { symbol };
    if (this.#sends !== undefined) {
      const value = this.#sends.countAfter(now - RATE_WINDOW_MS);
      rows.push({ rule: this.rules.perSecond, ...at, value, limit: this.#sends.capacity });
    }
    if (this.#arrivals !== undefined) {
      const value = this.#arrivals.countAfter(now - RATE_WINDOW_MS);
      rows.push({ rule: this.rules.hardCap, ...at, value, limit: this.#arrivals.capacity });
    }
    return rows;
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
