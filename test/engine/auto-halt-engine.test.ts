import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import type { ConnectionListener } from '../../src/venues/venue.js';
import { FakeVenue } from '../algos/fake-venue.js';
import { openIntake } from '../server/fake-engine.js';
import { burstAlgo, quoteOf } from './burst-algo.js';

/** A fake venue behind a connection the test cuts and restores. */
class ConnectedVenue extends FakeVenue {
  readonly #listeners = new Set<ConnectionListener>();
  #up = true;

  onConnection(listener: ConnectionListener): () => void {
    this.#listeners.add(listener);
    listener(this.#up);
    return () => this.#listeners.delete(listener);
  }

  set up(up: boolean) {
    this.#up = up;
    for (const listener of this.#listeners) listener(up);
  }

  get listeners(): number {
    return this.#listeners.size;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** An engine on a connected fake venue whose one order sends `children` children at once. */
async function engineWith(limits: RiskLimits | undefined, children = 0) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const venue = new ConnectedVenue();
  const engine = new Engine({
    clock,
    marketData: market,
    venue,
    journal: SqliteJournal.inMemory({ clock }),
    createFactory: burstAlgo(() => children),
    algos: ['burst'],
    symbols: ['BTC-USD'],
    ...(limits === undefined ? {} : { limits }),
  });
  const halts: Array<Extract<ServiceEvent, { type: 'auto_halt_triggered' }>> = [];
  engine.events.on('event', (event) => {
    if (event.type === 'auto_halt_triggered') halts.push(event);
  });
  await engine.start();
  await openIntake(engine);
  /** Places the order and lets it send its children. */
  const place = async (): Promise<string> => {
    const prepared = engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('100'),
      algo: 'burst',
      params: {},
    });
    expect(await engine.intake.commit(prepared)).toBeUndefined();
    market.publishQuote(quoteOf('BTC-USD'));
    await settle();
    return prepared.order.orderId;
  };
  return { clock, venue, engine, halts, place };
}

describe('an engine with automatic halts', () => {
  it('announces a reject storm of the venue, counting none of its own checks’ refusals', async () => {
    const limits: RiskLimits = {
      defaults: { maxWorkingChildrenPerParent: 3 },
      perSymbol: {},
      autoHalt: { rejectStorm: { rejects: 3, withinMs: 1000 } },
    };
    const { clock, venue, engine, halts, place } = await engineWith(limits, 10);
    const orderId = await place();
    // Seven children refused by the checks, more than the storm's count: no halt.
    expect(venue.submitted).toHaveLength(3);
    expect(halts).toEqual([]);

    venue.rejected(`${orderId}-1`, 'price off the grid');
    clock.advance(400);
    venue.rejected(`${orderId}-2`, 'price off the grid');
    await settle();
    expect(halts).toEqual([]);
    clock.advance(599);
    venue.rejected(`${orderId}-3`, 'price off the grid');
    await settle();
    expect(halts).toEqual([
      {
        type: 'auto_halt_triggered',
        cause: 'reject_storm',
        reason: 'reject storm: 3 venue rejects within 999 ms (the limit is 3 within 1000 ms)',
      },
    ]);
    await engine.stop();
  });

  it('halts everything on its own (journaled by auto with the cause), and a global resume re-arms it', async () => {
    const limits: RiskLimits = {
      defaults: {},
      perSymbol: {},
      autoHalt: { rejectStorm: { rejects: 2, withinMs: 1000 } },
    };
    const { venue, engine, halts, place } = await engineWith(limits, 4);
    const changes: ServiceEvent[] = [];
    engine.events.on('event', (event) => {
      if (event.type === 'trading_state') changes.push(event);
    });
    const orderId = await place();
    const storm = async (from: number): Promise<void> => {
      venue.rejected(`${orderId}-${from}`, 'price off the grid');
      venue.rejected(`${orderId}-${from + 1}`, 'price off the grid');
      await settle();
    };
    await storm(1);
    expect(halts).toHaveLength(1);
    expect(engine.tradingStatus().global).toBe('halted');
    expect(changes).toMatchObject([
      {
        scope: 'global',
        state: 'halted',
        by: 'auto',
        reason: `reject_storm: ${halts[0]?.reason}`,
      },
    ]);
    expect(engine.tradingStatus().awaitingCancel.map((c) => c.clOrdId)).toEqual(
      [3, 4].map((n) => `${orderId}-${n}`),
    );
    await engine.resume({ by: 'http' });
    // Re-armed: the next storm halts again.
    await storm(3);
    expect(halts).toHaveLength(2);
    expect(engine.tradingStatus().global).toBe('halted');
    await engine.stop();
  });

  it('announces the venue away longer than the timeout, not a reconnect in time', async () => {
    const limits: RiskLimits = {
      defaults: {},
      perSymbol: {},
      autoHalt: { venueDisconnectMs: 5000 },
    };
    const { clock, venue, engine, halts } = await engineWith(limits);
    venue.up = false;
    clock.advance(4999);
    venue.up = true;
    clock.advance(60_000);
    expect(halts).toEqual([]);

    venue.up = false;
    clock.advance(5000);
    expect(halts).toEqual([
      {
        type: 'auto_halt_triggered',
        cause: 'venue_disconnect',
        reason: 'venue fake disconnected for 5000 ms (the limit is 5000 ms)',
      },
    ]);
    await engine.stop();
    expect(venue.listeners).toBe(0);
  });

  it('puts automatic halts in force on a change of limits, even without limits at start', async () => {
    const { clock, venue, engine, halts, place } = await engineWith(undefined, 2);
    venue.up = false;
    const orderId = await place();
    await engine.changeLimits(
      {
        defaults: {},
        perSymbol: {},
        autoHalt: { rejectStorm: { rejects: 2, withinMs: 100 }, venueDisconnectMs: 60_000 },
      },
      'http',
    );
    venue.rejected(`${orderId}-1`, 'no margin');
    venue.rejected(`${orderId}-2`, 'no margin');
    await settle();
    // The venue has been away since before the change: timed from when it went.
    clock.advance(60_000);
    expect(halts.map((halt) => halt.cause)).toEqual(['reject_storm', 'venue_disconnect']);
    await engine.stop();
  });

  it('stops timing when it stops', async () => {
    const limits: RiskLimits = { defaults: {}, perSymbol: {}, autoHalt: { venueDisconnectMs: 10 } };
    const { clock, venue, engine, halts } = await engineWith(limits);
    venue.up = false;
    await engine.stop();
    clock.advance(1000);
    expect(halts).toEqual([]);
  });
});
