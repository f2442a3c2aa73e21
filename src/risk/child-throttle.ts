import type { CancelTimer, Clock } from '../core/clock.js';
import { type RateUsage, RateWindow } from './rate-window.js';
import type { RiskLimits, RiskRefusal, SymbolLimits } from './risk-limits.js';

/** The venue-wide child rate rules of the limits. */
type VenueRateLimits = Pick<RiskLimits, 'venueChildRatePerSecond' | 'venueChildRateHardCap'>;

/**
 * The child request throttle of the risk checks: the venue's rate and each symbol's (a request
 * over a rate is delayed until both windows allow, one over a hard cap refused), and the delayed
 * requests' timers. A child's later request never leaves before its delayed earlier one: a cancel
 * behind a delayed submit waits for it.
 */
export class ChildThrottle {
  readonly #clock: Clock;
  readonly #venueName: string;
  readonly #onDelay: ((rule: string, clOrdId: string, sendAt: number) => void) | undefined;
  #venueRate: RateWindow;
  /** When each child's latest delayed request leaves: a later request of it never leaves before. */
  readonly #delayedUntil = new Map<string, number>();
  readonly #timers = new Set<CancelTimer>();

  constructor(
    clock: Clock,
    venueName: string,
    limits: VenueRateLimits,
    onDelay?: (rule: string, clOrdId: string, sendAt: number) => void,
  ) {
    this.#clock = clock;
    this.#venueName = venueName;
    this.#onDelay = onDelay;
    this.#venueRate = this.#venueRateOf(limits);
  }

  /** The venue's rate counts afresh under new limits. */
  setLimits(limits: VenueRateLimits): void {
    this.#venueRate = this.#venueRateOf(limits);
  }

  /** A fresh rate window for `symbol`'s children under its limits. */
  symbolRate(symbol: string, limits: SymbolLimits): RateWindow {
    return new RateWindow(
      { perSecond: 'childRatePerSecond', hardCap: 'childRateHardCap' },
      limits.childRatePerSecond,
      limits.childRateHardCap,
      `child requests on ${symbol} in a second`,
    );
  }

  /** The hard cap a request `now` would break, the symbol's or the venue's; undefined if none. */
  refusal(rate: RateWindow, now: number): RiskRefusal | undefined {
    return rate.refusal(now) ?? this.#venueRate.refusal(now);
  }

  /**
   * Counts a request of `clOrdId` accepted now against `rate` and the venue's, and sends it: at
   * once when both allow and no earlier request of the child is delayed, else when they do (the
   * delay told).
   */
  send(rate: RateWindow, clOrdId: string, send: () => void): void {
    const now = this.#clock.now();
    const bySymbol = rate.sendTime(now);
    const byVenue = this.#venueRate.sendTime(now);
    const sendAt = Math.max(bySymbol, byVenue, this.#after(clOrdId) ?? now);
    rate.accept(now, sendAt);
    this.#venueRate.accept(now, sendAt);
    if (sendAt <= now) {
      send();
      return;
    }
    const rule = bySymbol >= byVenue ? rate.rules.perSecond : this.#venueRate.rules.perSecond;
    this.#onDelay?.(rule, clOrdId, sendAt);
    this.#sendAt(clOrdId, sendAt, send);
  }

  /** Sends a request that no rate counts (a cancel): right after any delayed one of its child. */
  sendAfterDelayed(clOrdId: string, send: () => void): void {
    const after = this.#after(clOrdId);
    if (after === undefined) send();
    else this.#sendAt(clOrdId, after, send);
  }

  /** The venue's rate usage now, then each symbol's of `rates`. */
  usage(rates: Iterable<readonly [string, RateWindow]>): RateUsage[] {
    const now = this.#clock.now();
    const rows = this.#venueRate.usage(now);
    for (const [symbol, rate] of rates) rows.push(...rate.usage(now, symbol));
    return rows;
  }

  /** Drops the delayed requests still waiting. */
  close(): void {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }

  #after(clOrdId: string): number | undefined {
    return this.#delayedUntil.size === 0 ? undefined : this.#delayedUntil.get(clOrdId);
  }

  #sendAt(clOrdId: string, sendAt: number, send: () => void): void {
    this.#delayedUntil.set(clOrdId, sendAt);
    const cancel = this.#clock.setTimer(sendAt, () => {
      this.#timers.delete(cancel);
      if (this.#delayedUntil.get(clOrdId) === sendAt) this.#delayedUntil.delete(clOrdId);
      send();
    });
    this.#timers.add(cancel);
  }

  #venueRateOf(limits: VenueRateLimits): RateWindow {
    return new RateWindow(
      { perSecond: 'venueChildRatePerSecond', hardCap: 'venueChildRateHardCap' },
      limits.venueChildRatePerSecond,
      limits.venueChildRateHardCap,
      `child requests to ${this.#venueName} in a second`,
    );
  }
}
