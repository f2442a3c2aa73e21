import type { CancelTimer, Clock } from '../../core/clock.js';
import type { VenueRateLimit } from '../venue-link.js';
import { LimitWindow } from './limit-window.js';
import type { RateLimitJSON } from './symbol-rules.js';

const INTERVAL_MS: Readonly<Record<string, number>> = {
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/** A request's cost against the limits: its weight and whether it places an order. */
export interface RequestCost {
  readonly weight: number;
  readonly orders: number;
}

interface Window {
  readonly type: 'REQUEST_WEIGHT' | 'ORDERS';
  readonly count: LimitWindow;
}

interface Queued {
  readonly cost: RequestCost;
  readonly go: () => void;
  readonly withdrawn: () => boolean;
}

/**
 * Binance's REQUEST_WEIGHT and ORDERS limits (per 10 s, per day, from exchangeInfo) kept before
 * sending: counted in the server's time (`now`, see limit-window.ts), a request that would pass
 * a limit waits in order until it fits, so a burst is held back by exo rather than refused by
 * Binance. A 429's Retry-After pauses every request (`pause`); a 418 stops them all
 * (`stop`) until told otherwise.
 */
export class RequestGate {
  readonly #clock: Clock;
  readonly #now: () => number;
  readonly #windows: Window[];
  readonly #queue: Queued[] = [];
  #pausedUntil = 0;
  #cancelTimer: CancelTimer | undefined;
  #heldBack = 0;

  /** `now` is the server's time (see ServerTime); timers come from `clock`. */
  constructor(limits: readonly RateLimitJSON[], clock: Clock, now: () => number) {
    this.#clock = clock;
    this.#now = now;
    this.#windows = limits
      .filter((l) => l.rateLimitType === 'REQUEST_WEIGHT' || l.rateLimitType === 'ORDERS')
      .map((l) => ({
        type: l.rateLimitType as Window['type'],
        count: new LimitWindow(l.limit, (INTERVAL_MS[l.interval] ?? 60_000) * l.intervalNum),
      }));
  }

  /** Requests waiting now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** How many requests have had to wait for a window (or a pause) so far. */
  get heldBack(): number {
    return this.#heldBack;
  }

  /** Each limit with what exo used of it in its current window, named `ORDERS 10s`. */
  usage(): VenueRateLimit[] {
    const now = this.#now();
    return this.#windows.map(({ type, count }) => ({
      name: `${type} ${count.intervalMs / 1000}s`,
      used: count.used(now),
      limit: count.limit,
    }));
  }

  /**
   * Runs `go` as soon as `cost` fits every limit, after anything waiting before it; a request
   * `withdrawn` by then is dropped without being counted.
   */
  schedule(cost: RequestCost, go: () => void, withdrawn: () => boolean = () => false): void {
    this.#queue.push({ cost, go, withdrawn });
    if (this.#queue.length > 1 || !this.#release()) this.#heldBack++;
  }

  /** Counts weight spent outside the queue (REST reconciliation). */
  charge(weight: number): void {
    const now = this.#now();
    for (const { type, count } of this.#windows) {
      if (type === 'REQUEST_WEIGHT') count.add(now, weight);
    }
  }

  /** Holds every request until `ms` from now (a 429's Retry-After). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
    this.#arm(this.#pausedUntil);
  }

  /** Drops every request waiting, and the timer. */
  close(): void {
    this.#queue.length = 0;
    this.#cancelTimer?.();
  }

  /** Sends what fits; true when the queue emptied. */
  #release(): boolean {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    for (;;) {
      const head = this.#queue[0];
      if (head === undefined) return true;
      if (head.withdrawn()) {
        this.#queue.shift();
        continue;
      }
      const now = this.#now();
      if (now < this.#pausedUntil) {
        this.#arm(this.#pausedUntil);
        return false;
      }
      const wait = this.#waitFor(head.cost, now);
      if (wait > now) {
        this.#arm(wait);
        return false;
      }
      for (const { type, count } of this.#windows) {
        count.add(now, type === 'ORDERS' ? head.cost.orders : head.cost.weight);
      }
      this.#queue.shift();
      head.go();
    }
  }

  /** When (server time) `cost` fits: `now` when it does already. */
  #waitFor(cost: RequestCost, now: number): number {
    let until = now;
    for (const { type, count } of this.#windows) {
      const spend = type === 'ORDERS' ? cost.orders : cost.weight;
      until = Math.max(until, count.fitsAt(now, spend));
    }
    return until;
  }

  #arm(serverTime: number): void {
    this.#cancelTimer?.();
    const delay = Math.max(0, serverTime - this.#now());
    this.#cancelTimer = this.#clock.setTimer(this.#clock.now() + delay, () => this.#release());
  }
}
