import fc from 'fast-check';
import { expect, describe as group, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import {
  DEFAULT_SYMBOLS,
  SimulatedMarket,
  type SimulatedMarketOptions,
  UnknownSymbolError,
} from '../../../src/feeds/sim/index.js';
import type { Quote } from '../../../src/market/quote.js';
import { describe, recorder, symbolOf, timeOf } from './recorder.js';

const START = 1_700_000_000_000;

function market(options: Partial<SimulatedMarketOptions> = {}) {
  const clock = new VirtualClock(START);
  return { clock, market: new SimulatedMarket({ clock, ...options }) };
}

/** Every event of the given symbols over `ms` of virtual time, as text. */
function run(options: Partial<SimulatedMarketOptions>, symbols: string[], ms: number): string[] {
  const { clock, market: sim } = market(options);
  const sink = recorder();
  for (const symbol of symbols) sim.subscribe(symbol, sink);
  clock.advance(ms);
  return sink.events.map(describe);
}

group('SimulatedMarket', () => {
  it('replays exactly for a seed, and differently for another seed', () => {
    const first = run({ seed: 11 }, ['BTC-USD', 'ETH-USD'], 30_000);
    expect(first.length).toBeGreaterThan(500);
    expect(run({ seed: 11 }, ['BTC-USD', 'ETH-USD'], 30_000)).toEqual(first);
    expect(run({ seed: 12 }, ['BTC-USD', 'ETH-USD'], 30_000)).not.toEqual(first);
  });

  it('gives a symbol the same stream whichever other symbols tick', () => {
    const alone = run({ seed: 3 }, ['ETH-USD'], 20_000);
    const together = run({ seed: 3 }, ['BTC-USD', 'ETH-USD', 'SOL-USD'], 20_000);
    expect(together.filter((line) => line.startsWith('Q ETH') || line.startsWith('T ETH'))).toEqual(
      alone,
    );
  });

  it('keeps prices on the tick grid and sizes on the lot grid, positive, bid below ask, prints within the touch', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { clock, market: sim } = market({ seed, tickRate: 200 });
        const latest = new Map<string, Quote>();
        const tradeIds = new Set<string>();
        const check = {
          quote(q: Quote) {
            const { tick, lot } = sim.instrument(q.symbol)!;
            expect(q.bidPx.gt(0)).toBe(true);
            expect(q.askPx.gt(q.bidPx)).toBe(true);
            expect(q.bidPx.mod(tick).eq(0) && q.askPx.mod(tick).eq(0)).toBe(true);
            expect(q.bidQty.gt(0) && q.askQty.gt(0)).toBe(true);
            expect(q.bidQty.mod(lot).eq(0) && q.askQty.mod(lot).eq(0)).toBe(true);
            latest.set(q.symbol, q);
          },
          trade(t: import('../../../src/market/trade.js').Trade) {
            const { tick, lot } = sim.instrument(t.symbol)!;
            const touch = latest.get(t.symbol) ?? sim.quote(t.symbol)!;
            expect(t.lastPx.gte(touch.bidPx) && t.lastPx.lte(touch.askPx)).toBe(true);
            expect(t.lastPx.mod(tick).eq(0)).toBe(true);
            expect(t.lastQty.gt(0) && t.lastQty.mod(lot).eq(0)).toBe(true);
            expect(tradeIds.has(t.tradeId!)).toBe(false);
            tradeIds.add(t.tradeId!);
          },
        };
        for (const symbol of sim.symbols) sim.subscribe(symbol, check);
        clock.advance(5_000);
        expect(tradeIds.size).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps a cheap symbol positive however far it walks', () => {
    const { clock, market: sim } = market({
      seed: 9,
      tickRate: 1000,
      symbols: [
        {
          symbol: 'PENNY',
          price: '0.05',
          tick: '0.01',
          lot: '1',
          maxSpreadTicks: 3,
          maxStepTicks: 4,
          quoteLots: 10,
          tradeLots: 5,
        },
      ],
    });
    let lowest = Number.POSITIVE_INFINITY;
    sim.subscribe('PENNY', {
      quote: (q) => {
        expect(q.askPx.gt(q.bidPx)).toBe(true);
        lowest = Math.min(lowest, Number(q.bidPx.toFixed()));
      },
      trade: (t) => expect(t.lastPx.gt(0)).toBe(true),
    });
    clock.advance(60_000);
    expect(lowest).toBe(0.01);
  });

  it('ticks only subscribed symbols, and stops a symbol on unsubscribe', () => {
    const { clock, market: sim } = market({ seed: 5 });
    const btcStart = sim.quote('BTC-USD');
    const sink = recorder();
    sim.subscribe('ETH-USD', sink);
    expect(sim.ticking).toEqual(['ETH-USD']);
    clock.advance(10_000);
    expect(sink.events.length).toBeGreaterThan(50);
    expect(new Set(sink.events.map(symbolOf))).toEqual(new Set(['ETH-USD']));
    expect(sim.quote('BTC-USD')).toBe(btcStart);

    sim.unsubscribe('ETH-USD');
    const seen = sink.events.length;
    expect(sim.ticking).toEqual([]);
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(sink.events.length).toBe(seen);
  });

  it('stamps events with the clock, in time order, and keeps quote() at the latest quote', () => {
    const { clock, market: sim } = market({ seed: 8 });
    const sink = recorder();
    sim.subscribe('SOL-USD', sink);
    clock.advance(5_000);
    const times = sink.events.map(timeOf);
    expect(
      times.every((t, i) => Number.isInteger(t) && t >= START && (i === 0 || t >= times[i - 1]!)),
    ).toBe(true);
    expect(times.at(-1)!).toBeLessThanOrEqual(clock.now());
    const lastQuote = sink.events.filter((e) => e.kind === 'quote').at(-1);
    expect(lastQuote?.kind === 'quote' && lastQuote.quote).toBe(sim.quote('SOL-USD'));
  });

  it('averages the tick rate, with bursts far above it', () => {
    const tickRate = 20;
    const { clock, market: sim } = market({ seed: 21, tickRate, burstiness: 20 });
    const sink = recorder();
    sim.subscribe('BTC-USD', sink);
    const seconds = 600;
    clock.advance(seconds * 1000);
    const average = sink.events.length / seconds;
    expect(average).toBeGreaterThan(tickRate * 0.7);
    expect(average).toBeLessThan(tickRate * 1.3);
    const perWindow = new Map<number, number>();
    for (const event of sink.events) {
      const window = Math.floor((timeOf(event) - START) / 100);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    // The average is 2 events per 100 ms window; bursts run at 20 times that.
    const busiest = Math.max(...perWindow.values());
    expect(busiest).toBeGreaterThanOrEqual(10 * (tickRate / 10));
  });

  it('emits the events due within one millisecond as one batch, from one timer', () => {
    const { clock, market: sim } = market({ seed: 2, tickRate: 20_000, burstiness: 1 });
    const sink = recorder();
    sim.subscribe('ETH-USD', sink);
    clock.advance(100);
    const perMs = new Map<number, number>();
    for (const event of sink.events) perMs.set(timeOf(event), (perMs.get(timeOf(event)) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeGreaterThan(5);
    expect(clock.pending).toBe(1);
  });

  it('refuses an unknown symbol with an error naming it', () => {
    const { market: sim } = market();
    expect(() => sim.subscribe('XRP-USD', recorder())).toThrow(UnknownSymbolError);
    expect(() => sim.subscribe('XRP-USD', recorder())).toThrow(
      /XRP-USD.*BTC-USD, ETH-USD, SOL-USD/,
    );
    expect(() => sim.watch('XRP-USD')).toThrow(UnknownSymbolError);
    expect(sim.quote('XRP-USD')).toBeUndefined();
    expect(sim.instrument('XRP-USD')).toBeUndefined();
    expect(() => sim.unsubscribe('XRP-USD')).not.toThrow();
  });

  it('shows every event to observers, and keeps a watched symbol ticking without a subscriber', () => {
    const { clock, market: sim } = market({ seed: 4 });
    const observed = recorder();
    const stopObserving = sim.observe(observed);
    const subscriber = recorder();
    sim.subscribe('BTC-USD', subscriber);
    const release = sim.watch('BTC-USD');
    clock.advance(2_000);
    expect(observed.events.map(describe)).toEqual(subscriber.events.map(describe));

    sim.unsubscribe('BTC-USD');
    const before = observed.events.length;
    clock.advance(2_000);
    expect(observed.events.length).toBeGreaterThan(before);
    expect(sim.ticking).toEqual(['BTC-USD']);

    release();
    release();
    expect(sim.ticking).toEqual([]);
    const stopped = observed.events.length;
    sim.subscribe('BTC-USD', subscriber);
    stopObserving();
    clock.advance(2_000);
    expect(observed.events.length).toBe(stopped);
  });

  it('lets a subscriber unsubscribe while receiving a batch', () => {
    const { clock, market: sim } = market({ seed: 6, tickRate: 20_000, burstiness: 1 });
    let received = 0;
    sim.subscribe('ETH-USD', {
      quote: () => {
        received++;
        sim.unsubscribe('ETH-USD');
      },
      trade: () => {
        received++;
        sim.unsubscribe('ETH-USD');
      },
    });
    clock.advance(1_000);
    expect(received).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('stops everything on close', () => {
    const { clock, market: sim } = market();
    sim.subscribe('BTC-USD', recorder());
    sim.watch('ETH-USD');
    sim.close();
    expect(sim.ticking).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('lists the default symbols at plausible prices and grids', () => {
    const { market: sim } = market();
    expect(sim.symbols).toEqual(DEFAULT_SYMBOLS.map((s) => s.symbol));
    expect(sim.quote('BTC-USD')!.mid().round(-3).toFixed()).toBe('65000');
    expect(sim.instrument('ETH-USD')!.lot.toFixed()).toBe('0.001');
    expect(sim.instrument('SOL-USD')!.tick.toFixed()).toBe('0.01');
  });

  it('refuses bad configuration with errors naming the field', () => {
    const base = DEFAULT_SYMBOLS[0]!;
    const clock = new VirtualClock();
    const build = (options: Partial<SimulatedMarketOptions>) => () =>
      new SimulatedMarket({ clock, ...options });
    expect(build({ symbols: [{ ...base, tick: '0' }] })).toThrow(/BTC-USD: tick must be positive/);
    expect(build({ symbols: [{ ...base, lot: 'x' }] })).toThrow(/lot must be a decimal/);
    expect(build({ symbols: [{ ...base, quoteLots: 0.5 }] })).toThrow(/quoteLots/);
    expect(build({ symbols: [base, base] })).toThrow(/listed twice/);
    expect(build({ tickRate: 0 })).toThrow(/tickRate/);
    expect(build({ burstiness: 0.5 })).toThrow(/burstiness/);
    expect(build({ tradeRatio: 2 })).toThrow(/tradeRatio/);
  });
});
