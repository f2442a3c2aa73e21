import { extended } from '../../market/extended.js';
import { binanceErrors } from './binance-error.js';

/** The limits the local Binance enforces and announces in exchangeInfo. */
export interface RateLimitSettings {
  /** REQUEST_WEIGHT per minute, per IP (Binance: 6,000). */
  readonly weightPerMinute: number;
  /** ORDERS per 10 seconds, for the account (Binance: 50 here, 100 on some accounts). */
  readonly ordersPer10s: number;
  /** ORDERS per day, for the account (Binance: 160,000). */
  readonly ordersPerDay: number;
  /** Requests refused with 429 in one minute after which the IP is banned (418). */
  readonly banAfter: number;
  /** How long a ban lasts, in milliseconds (Binance: 2 minutes at first, up to 3 days). */
  readonly banMs: number;
}

/** Binance spot's published limits, and a ban after a few ignored 429s. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  weightPerMinute: 6000,
  ordersPer10s: 50,
  ordersPerDay: 160_000,
  banAfter: 3,
  banMs: 120_000,
};

/** One limit as exchangeInfo and the WebSocket API's `rateLimits` show it. */
export interface RateLimitJSON {
  readonly rateLimitType: 'REQUEST_WEIGHT' | 'ORDERS';
  readonly interval: 'SECOND' | 'MINUTE' | 'DAY';
  readonly intervalNum: number;
  readonly limit: number;
  readonly count?: number;
}

const MINUTE = 60_000;
const TEN_SECONDS = 10_000;
const DAY = 86_400_000;

/** A count that resets when its fixed interval (aligned to the epoch, as Binance's are) turns. */
class WindowCount {
  #window = -1;
  #count = 0;

  constructor(readonly lengthMs: number) {}

  /** The count in the interval holding `now`. */
  at(now: number): number {
    this.#turn(now);
    return this.#count;
  }

  add(now: number, amount: number): number {
    this.#turn(now);
    this.#count += amount;
    return this.#count;
  }

  /** When the interval holding `now` ends. */
  endOf(now: number): number {
    return (Math.floor(now / this.lengthMs) + 1) * this.lengthMs;
  }

  #turn(now: number): void {
    const window = Math.floor(now / this.lengthMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#count = 0;
    }
  }
}

/** What one IP has used, and whether it is banned. */
interface IpUsage {
  readonly weight: WindowCount;
  readonly strikes: WindowCount;
  bannedUntil: number;
}

/**
 * Binance's rate limits: request weight per IP per minute (429 with Retry-After, -1003, beyond
 * it; an IP that keeps sending after `banAfter` refusals in a minute is banned, 418, for `banMs`)
 * and orders per account per 10 s and per day (429, -1015). Intervals are fixed and aligned to the
 * clock, as Binance's are: the 10 s one turns at :00, :10, :20 of each minute.
 */
export class RateLimits {
  readonly settings: RateLimitSettings;
  readonly #ips = new Map<string, IpUsage>();
  readonly #orders10s = new WindowCount(TEN_SECONDS);
  readonly #ordersDay = new WindowCount(DAY);

  constructor(settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
    this.settings = settings;
  }

  /** Charges a request's weight to `ip`, throwing 418 while banned and 429 beyond the limit. */
  chargeWeight(ip: string, weight: number, now: number): void {
    const usage = this.#usage(ip);
    if (now < usage.bannedUntil) throw binanceErrors.banned(usage.bannedUntil);
    const used = usage.weight.add(now, weight);
    if (used <= this.settings.weightPerMinute) return;
    if (usage.strikes.add(now, 1) > this.settings.banAfter) {
      usage.bannedUntil = now + this.settings.banMs;
      throw binanceErrors.banned(usage.bannedUntil);
    }
    throw binanceErrors.tooMuchWeight(
      this.settings.weightPerMinute,
      'MINUTE',
      usage.weight.endOf(now),
    );
  }

  /** Counts a new order for the account, throwing 429 (-1015) when either order limit is spent. */
  chargeOrder(now: number): void {
    const { ordersPer10s, ordersPerDay } = this.settings;
    if (this.#ordersDay.at(now) >= ordersPerDay) {
      throw binanceErrors.tooManyOrders(ordersPerDay, 'DAY', this.#ordersDay.endOf(now));
    }
    if (this.#orders10s.at(now) >= ordersPer10s) {
      throw binanceErrors.tooManyOrders(ordersPer10s, '10 SECOND', this.#orders10s.endOf(now));
    }
    this.#orders10s.add(now, 1);
    this.#ordersDay.add(now, 1);
  }

  /** The weight `ip` used this minute (the X-MBX-USED-WEIGHT-1M header). */
  weightUsed(ip: string, now: number): number {
    return this.#usage(ip).weight.at(now);
  }

  /** The account's order counts (the X-MBX-ORDER-COUNT-10S and -1D headers). */
  ordersUsed(now: number): { readonly tenSeconds: number; readonly day: number } {
    return { tenSeconds: this.#orders10s.at(now), day: this.#ordersDay.at(now) };
  }

  /**
   * The limits with what `ip` has used of each (the WebSocket API's `rateLimits`, in every
   * answer), each limit extended with its count (see market/extended.ts).
   */
  usageJSON(ip: string, now: number, withOrders: boolean): RateLimitJSON[] {
    const [weight, tenSeconds, day] = this.limitsJSON();
    const counted = (limit: RateLimitJSON | undefined, count: number): RateLimitJSON =>
      extended(limit!, { count });
    const weightUsed = counted(weight, this.weightUsed(ip, now));
    if (!withOrders) return [weightUsed];
    const orders = this.ordersUsed(now);
    return [counted(tenSeconds, orders.tenSeconds), counted(day, orders.day), weightUsed];
  }

  /** The limits as exchangeInfo lists them. */
  limitsJSON(): RateLimitJSON[] {
    const { weightPerMinute, ordersPer10s, ordersPerDay } = this.settings;
    return [
      {
        rateLimitType: 'REQUEST_WEIGHT',
        interval: 'MINUTE',
        intervalNum: 1,
        limit: weightPerMinute,
      },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: ordersPer10s },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: ordersPerDay },
    ];
  }

  #usage(ip: string): IpUsage {
    let usage = this.#ips.get(ip);
    if (usage === undefined) {
      usage = { weight: new WindowCount(MINUTE), strikes: new WindowCount(MINUTE), bannedUntil: 0 };
      this.#ips.set(ip, usage);
    }
    return usage;
  }
}
