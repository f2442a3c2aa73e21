import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ChildThrottle } from '../../src/risk/child-throttle.js';

describe('ChildThrottle: the venue rate and the symbols’ rates together', () => {
  const throttled = () => {
    const clock = new VirtualClock(0);
    const delays: [string, string, number][] = [];
    const throttle = new ChildThrottle(
      clock,
      'paper',
      { venueChildRatePerSecond: 2, venueChildRateHardCap: 3 },
      (rule, clOrdId, sendAt) => delays.push([rule, clOrdId, sendAt]),
    );
    return { clock, throttle, delays };
  };

  it('delays by the venue’s rate across symbols, names it, and refuses beyond its hard cap', () => {
    const { clock, throttle, delays } = throttled();
    const sent: string[] = [];
    const btc = throttle.symbolRate('BTC-USD', {});
    const eth = throttle.symbolRate('ETH-USD', {});
    throttle.send(btc, 'a-1', () => sent.push('a-1'));
    throttle.send(eth, 'b-1', () => sent.push('b-1'));
    expect(throttle.refusal(eth, clock.now())).toBeUndefined();
    throttle.send(eth, 'c-1', () => sent.push('c-1'));
    expect(sent).toEqual(['a-1', 'b-1']);
    expect(delays).toEqual([['venueChildRatePerSecond', 'c-1', 1000]]);
    expect(throttle.refusal(btc, clock.now())?.rule).toBe('venueChildRateHardCap');
    // The rate counts what left in the last second; the hard cap what was accepted.
    expect(throttle.usage([['BTC-USD', btc]])).toEqual([
      { rule: 'venueChildRatePerSecond', value: 2, limit: 2 },
      { rule: 'venueChildRateHardCap', value: 3, limit: 3 },
    ]);
    clock.advance(1000);
    expect(sent).toEqual(['a-1', 'b-1', 'c-1']);
  });

  it('sends a child’s unrated request after its delayed one, and drops what waits on close', () => {
    const { clock, throttle } = throttled();
    const sent: string[] = [];
    const rate = throttle.symbolRate('BTC-USD', { childRatePerSecond: 1 });
    throttle.send(rate, 'a-1', () => sent.push('new a-1'));
    throttle.send(rate, 'b-1', () => sent.push('new b-1'));
    throttle.sendAfterDelayed('b-1', () => sent.push('cancel b-1'));
    throttle.sendAfterDelayed('a-1', () => sent.push('cancel a-1'));
    expect(sent).toEqual(['new a-1', 'cancel a-1']);
    throttle.close();
    clock.advance(5000);
    expect(sent).toEqual(['new a-1', 'cancel a-1']);
  });
});
