import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { SymbolMap } from '../../src/feeds/connection/symbol-map.js';
import { TokenBucket } from '../../src/feeds/connection/token-bucket.js';
import { createFeed, type FeedExchange } from '../../src/feeds/index.js';
import { Backoff } from '../../src/util/backoff.js';
import { RecentIds } from '../../src/util/recent-ids.js';

describe('a token bucket', () => {
  it('never lets more than the burst plus the rate through in any second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 200 }),
        (perSecond, burst, steps) => {
          const clock = new VirtualClock(0);
          const bucket = new TokenBucket(clock, perSecond, burst);
          const taken: number[] = [];
          for (const step of steps) {
            clock.advance(step);
            while (bucket.tryTake()) taken.push(clock.now());
            expect(bucket.nextAt()).toBeGreaterThan(clock.now());
          }
          for (const at of taken) {
            const inWindow = taken.filter((t) => t >= at && t < at + 1000).length;
            expect(inWindow).toBeLessThanOrEqual(burst + perSecond);
          }
        },
      ),
    );
  });

  it('says when the next token comes, and it does come then', () => {
    const clock = new VirtualClock(0);
    const bucket = new TokenBucket(clock, 4, 1);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.nextAt()).toBe(250);
    clock.advance(249);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
  });
});

describe('backoff', () => {
  it('doubles up to the cap, each delay between half and all of its ceiling, and restarts on reset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), {
          minLength: 12,
          maxLength: 12,
        }),
        (draws) => {
          let i = 0;
          const backoff = new Backoff(100, 2_000, () => draws[i++]!);
          const ceilings = [100, 200, 400, 800, 1600, 2000, 2000, 2000, 2000, 2000, 2000];
          for (const ceiling of ceilings) {
            const delay = backoff.next();
            expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
            expect(delay).toBeLessThanOrEqual(ceiling);
          }
          backoff.reset();
          expect(backoff.next()).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe('the recent ID memory', () => {
  it('behaves like a list of the last distinct IDs, bounded by its capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 12 })),
        (capacity, ids) => {
          const memory = new RecentIds(capacity);
          const model: string[] = [];
          for (const n of ids) {
            const id = String(n);
            const fresh = !model.includes(id);
            expect(memory.add(id)).toBe(fresh);
            if (fresh) {
              model.push(id);
              if (model.length > capacity) model.shift();
            }
            expect(memory.size).toBe(model.length);
            for (let k = 0; k <= 12; k++)
              expect(memory.has(String(k))).toBe(model.includes(String(k)));
          }
        },
      ),
    );
  });
});

describe('the symbol map', () => {
  it('uses configured pairs first and the exchange rule otherwise, and refuses two symbols on one exchange symbol', () => {
    const map = new SymbolMap({ 'BTC-USD': 'XBTUSD' }, (symbol) => symbol.replace('-', ''));
    expect(map.toExchange('BTC-USD')).toBe('XBTUSD');
    expect(map.toExchange('ETH-USD')).toBe('ETHUSD');
    expect(() => new SymbolMap({ A: 'X', B: 'X' }, (s) => s)).toThrow(/A and B both map to X/);
    expect(() => new SymbolMap({ A: ' ' }, (s) => s)).toThrow(/needs an exchange symbol/);
  });
});

describe('createFeed', () => {
  it('makes a feed for each exchange, idle until its first subscription', async () => {
    for (const exchange of ['coinbase', 'binance'] as const) {
      const feed = createFeed(exchange, { url: 'ws://127.0.0.1:9' });
      expect(feed.exchange).toBe(exchange);
      expect(feed.state).toBe('idle');
      await feed.close();
      expect(feed.state).toBe('closed');
      expect(() => feed.subscribe('BTC-USD', { quote() {}, trade() {} })).toThrow(
        /the feed is closed/,
      );
    }
  });

  it('reports a listener that throws as a listener problem; one on problem is only counted', async () => {
    const feed = createFeed('coinbase', { url: 'ws://127.0.0.1:9' });
    const states: string[] = [];
    const problems: string[] = [];
    feed.on('state', () => {
      throw new Error('state listener broke');
    });
    feed.on('state', (state) => states.push(state));
    feed.on('problem', (problem) => {
      problems.push(`${problem.kind}: ${problem.text}`);
      throw new Error('problem listener broke');
    });
    await feed.close();
    expect(states).toEqual(['closed']);
    expect(problems).toEqual(['listener: state listener threw: Error: state listener broke']);
    expect(feed.stats.listenerErrors).toBe(2);
  });

  it('refuses an unknown exchange and nonsensical timings, naming them', () => {
    expect(() => createFeed('kraken' as FeedExchange)).toThrow(/unknown feed "kraken"/);
    expect(() => createFeed('binance', { stallTimeoutMs: 0 })).toThrow(/stallTimeoutMs/);
    expect(() => createFeed('coinbase', { rotationOverlapMs: -1 })).toThrow(/rotationOverlapMs/);
  });
});
