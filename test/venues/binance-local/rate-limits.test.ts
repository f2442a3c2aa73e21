import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { BinanceError } from '../../../src/venues/binance-local/binance-error.js';
import { RateLimits } from '../../../src/venues/binance-local/rate-limits.js';
import { parseAmount } from '../../../src/venues/binance-local/request-params.js';

const settings = {
  weightPerMinute: 10,
  ordersPer10s: 2,
  ordersPerDay: 3,
  banAfter: 2,
  banMs: 120_000,
};

/** The Binance error `run` throws (or undefined). */
function refusal(run: () => void): BinanceError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof BinanceError) return error;
    throw error;
  }
}

describe('rate limits', () => {
  it("count weight per clock minute and IP: 429 with the minute's end to retry at, then a ban", () => {
    const limits = new RateLimits(settings);
    const t = 1_800_000_010_000; // 10 s into a minute
    limits.chargeWeight('a', 10, t);
    const limited = refusal(() => limits.chargeWeight('a', 1, t + 1))!;
    expect([limited.status, limited.code, limited.retryAfter]).toEqual([429, -1003, t + 50_000]);
    expect(refusal(() => limits.chargeWeight('b', 10, t + 2))).toBeUndefined();
    expect(refusal(() => limits.chargeWeight('a', 1, t + 3))!.status).toBe(429);
    const banned = refusal(() => limits.chargeWeight('a', 1, t + 4))!;
    expect([banned.status, banned.retryAfter]).toEqual([418, t + 4 + 120_000]);
    expect(refusal(() => limits.chargeWeight('a', 1, t + 60_000))!.status).toBe(418);
    expect(refusal(() => limits.chargeWeight('a', 1, t + 4 + 120_000))).toBeUndefined();
  });

  it('count orders per 10 s (turning at :00, :10, :20) and per day: -1015 beyond either', () => {
    const limits = new RateLimits(settings);
    const t = 1_800_000_008_000; // 8 s into a 10 s interval
    limits.chargeOrder(t);
    limits.chargeOrder(t + 1);
    const tenSeconds = refusal(() => limits.chargeOrder(t + 2))!;
    expect([tenSeconds.status, tenSeconds.code, tenSeconds.message]).toEqual([
      429,
      -1015,
      'Too many new orders; current limit is 2 orders per 10 SECOND.',
    ]);
    limits.chargeOrder(t + 2_000);
    expect(refusal(() => limits.chargeOrder(t + 12_000))!.message).toContain('3 orders per DAY');
    expect(limits.ordersUsed(t + 2_000)).toEqual({ tenSeconds: 1, day: 3 });
  });
});

describe('decimal parameters', () => {
  it('parse every plain decimal up to eight places exactly, and refuse more places (-1111)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.integer({ min: 0, max: 12 }),
        (units, places) => {
          const digits = units.toString().padStart(places + 1, '0');
          const text =
            places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
          const significant = places === 0 ? 0 : digits.slice(-places).replace(/0+$/, '').length;
          if (significant <= 8) {
            const scaled = parseAmount('quantity', text).times(decimal('10').pow(places));
            expect(scaled.toFixed()).toBe(units.toString());
          } else {
            expect(refusal(() => parseAmount('quantity', text))!.code).toBe(-1111);
          }
        },
      ),
    );
  });

  it('refuse what is not a plain decimal (-1100, naming the parameter and range)', () => {
    for (const text of ['1e5', '-1', '.5', '1.', '0x10', ' 1', '1,5']) {
      const error = refusal(() => parseAmount('price', text))!;
      expect(error.code).toBe(-1100);
      expect(error.message).toContain("parameter 'price'");
    }
  });
});
