import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Delegate } from '../../src/core/delegate.js';
import { Engine } from '../../src/engine/engine.js';
import type { EngineStats, ServiceEvent } from '../../src/engine/service-event.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { Trade } from '../../src/market/trade.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { fakeAlgos, openIntake, scriptedVenue } from '../server/fake-engine.js';

const newOrder = {
  side: 'buy' as const,
  symbol: 'BTC-USD',
  quantity: decimal('1'),
  algo: 'take',
  params: {},
};

/** A BTC-USD quote one wide, bid at `bid`. */
function btcQuote(bid: number): Quote {
  return Quote.of({
    symbol: 'BTC-USD',
    bidPx: decimal(`${bid}`),
    bidQty: decimal('1'),
    askPx: decimal(`${bid + 1}`),
    askQty: decimal('1'),
  });
}

/** An engine of the fake `take` on BTC-USD over a scripted market, on a virtual clock. */
function scriptedEngine(): { clock: VirtualClock; market: ScriptedMarket; engine: Engine } {
  const clock = new VirtualClock(0);
  const market = new ScriptedMarket();
  const engine = new Engine({
    clock,
    marketData: market,
    venue: scriptedVenue(),
    journal: SqliteJournal.inMemory({ clock }),
    createFactory: fakeAlgos,
    algos: ['take'],
    symbols: ['BTC-USD'],
    quoteIntervalMs: 100,
    statsIntervalMs: 1000,
  });
  return { clock, market, engine };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Places `newOrder` through intake, as the API does: checked, journaled, then submitted. */
async function place(engine: Engine): Promise<string> {
  const prepared = engine.intake.prepareNew(newOrder);
  expect(await engine.intake.commit(prepared)).toBeUndefined();
  return prepared.order.orderId;
}

describe('Engine', () => {
  it('recovers, stores an order as accepted, and publishes its events once journaled, and throttled quotes', async () => {
    const { clock, market, engine } = scriptedEngine();
    const seen: ServiceEvent[] = [];
    engine.events.on('event', (event) => seen.push(event));
    await engine.start();
    expect(engine.phase).toBe('recovering');
    expect(() => engine.intake.prepareNew(newOrder)).toThrow(/rebuilding orders/);
    await openIntake(engine);
    const orderId = await place(engine);
    expect(engine.store.get(orderId)?.status).toBe('new');
    await settle();
    for (let bid = 1; bid <= 3; bid++) {
      market.publishQuote(btcQuote(bid));
    }
    clock.advance(1000);
    const types = seen.map((e) => (e.type === 'order' ? e.event.kind : e.type));
    expect(types).toEqual(['recovery_completed', 'accepted', 'quote', 'quote', 'stats']);
    const stats = seen.find((e) => e.type === 'stats');
    expect(stats?.type === 'stats' && stats.stats.quotesIn).toBe(3);
    expect(stats?.type === 'stats' && stats.stats.liveOrders).toBe(1);
    await engine.stop();
  });

  it("counts the market's ticks in its stats while no order is live, and the dispatcher's not", async () => {
    const { clock, market, engine } = scriptedEngine();
    const published: EngineStats[] = [];
    engine.events.on('event', (event) => {
      if (event.type === 'stats') published.push(event.stats);
    });
    await engine.start();
    await openIntake(engine);
    for (let second = 1; second <= 2; second++) {
      market.publishQuote(btcQuote(second));
      market.publishTrade(Trade.of('BTC-USD', decimal('1'), decimal('1')));
      clock.advance(1000);
    }
    const ticks = published.map((stats) => [stats.liveOrders, stats.marketTicksIn, stats.quotesIn]);
    expect(ticks).toEqual([
      [0, 2, 0],
      [0, 4, 0],
    ]);
    await engine.stop();
  });

  it('turns a delegate error into the order error event, and calls cleanUp on stop', async () => {
    const cleaned: string[] = [];
    const clock = new VirtualClock(0);
    const venue = scriptedVenue();
    const engine = new Engine({
      clock,
      marketData: new ScriptedMarket(),
      venue,
      journal: SqliteJournal.inMemory({ clock }),
      createFactory: () => ({
        create: (order): Delegate<ParentOrder> => ({
          action: (update) => {
            if (update.reports.length > 0) throw new Error('cannot cope');
            return false;
          },
          cleanUp: () => {
            cleaned.push(order.orderId);
          },
        }),
      }),
      algos: ['take'],
      symbols: ['BTC-USD'],
    });
    const errors: string[] = [];
    engine.events.on('event', (e) => {
      if (e.type === 'order' && e.event.kind === 'error') errors.push(e.event.message);
    });
    await openIntake(engine);
    const orderId = await place(engine);
    venue.report({ orderId, status: 'new', transactTime: 0 });
    await settle();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('cannot cope');
    expect(engine.store.history(orderId).map((e) => e.kind)).toEqual(['accepted', 'error']);
    await engine.stop();
    expect(cleaned).toEqual([orderId]);
    expect(engine.cleanedUp).toBe(1);
    expect(venue.closed).toBe(true);
    expect(() => engine.intake.prepareNew(newOrder)).toThrow(/stopping/);
  });
});
