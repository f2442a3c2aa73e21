import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateWindow } from '../../src/risk/rate-window.js';
import { RecentTimes } from '../../src/risk/recent-times.js';

/** Non-decreasing times, as a clock gives them. */
const times = fc
  .array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 })
  .map((steps) => steps.map((_, i) => steps.slice(0, i + 1).reduce((a, b) => a + b, 0)));

describe('RecentTimes', () => {
  it('counts, of the latest capacity times, those after a time; and knows the oldest of them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        times,
        fc.integer({ min: -10, max: 1600 }),
        (capacity, series, after) => {
          const recent = new RecentTimes(capacity);
          for (const time of series) recent.add(time);
          const kept = capacity === 0 ? [] : series.slice(-capacity);
          expect(recent.countAfter(after)).toBe(kept.filter((t) => t > after).length);
          if (capacity === 0) expect(recent.oldest()).toBe(Number.POSITIVE_INFINITY);
          else if (series.length < capacity) expect(recent.oldest()).toBe(Number.NEGATIVE_INFINITY);
          else expect(recent.oldest()).toBe(kept[0]);
        },
      ),
    );
  });
});

describe('RateWindow usage', () => {
  it('shows each rule set with the requests of the last second, the throttle up to its limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        times,
        (perSecond, hardCap, arrivals) => {
          const rate = new RateWindow(
            { perSecond: 'childRatePerSecond', hardCap: 'childRateHardCap' },
            perSecond,
            hardCap,
            'child requests on X in a second',
          );
          const accepted: number[] = [];
          const sends: number[] = [];
          for (const now of arrivals) {
            if (rate.refusal(now) !== undefined) continue;
            const sendAt = rate.sendTime(now);
            rate.accept(now, sendAt);
            accepted.push(now);
            sends.push(sendAt);
          }
          const now = arrivals.at(-1) ?? 0;
          const since = now - 1000;
          expect(rate.usage(now, 'X')).toEqual([
            {
              rule: 'childRatePerSecond',
              symbol: 'X',
              value: sends.slice(-perSecond).filter((t) => t > since).length,
              limit: perSecond,
            },
            {
              rule: 'childRateHardCap',
              symbol: 'X',
              value: accepted.filter((t) => t > since).length,
              limit: hardCap,
            },
          ]);
        },
      ),
    );
  });

  it('shows nothing for rules not set', () => {
    const rate = new RateWindow({ perSecond: 'a', hardCap: 'b' }, undefined, undefined, 'x');
    expect(rate.usage(0)).toEqual([]);
  });
});
