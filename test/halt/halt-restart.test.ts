import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Engine } from '../../src/engine/engine.js';
import { journalKeys, TRADING_ROW_ID } from '../../src/journal/journal-records.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { FakeVenue } from '../algos/fake-venue.js';
import { settle } from '../core/helpers.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { eventsOf, restingPeg, start, stop, untilResting, workingChildren } from './helpers.js';
import { SYMBOL, venueEngine } from './venue-engine.js';

const tempDir = useTempDir();

describe('trading states across a restart', () => {
  it('an engine started again on the same journal is in the same states; its restored orders hold until resumed, then trade', async () => {
    const path = join(tempDir(), 'journal.db');
    const clock = new VirtualClock(1_700_000_000_000);
    const first = await start(path, clock);
    const btc = await restingPeg(first.engine, 'BTC-USD');
    await untilResting(clock, first.engine, [btc]);
    await drive(clock, first.engine.halt({ by: 'http', reason: 'before the restart' }));
    await drive(
      clock,
      first.engine.setTradingState({ symbol: 'ETH-USD', state: 'reducing', by: 'cli' }),
    );
    await advance(clock, 50);
    const before = first.engine.tradingStatus();
    expect(workingChildren(first.engine, btc)).toEqual([]);
    await stop(clock, first.engine);

    const again = await start(path, clock);
    const { engine } = again;
    expect(engine.tradingStatus()).toMatchObject({
      global: before.global,
      symbols: before.symbols,
      awaitingCancel: [],
    });
    expect(engine.tradingStatus().symbols['ETH-USD']).toEqual({
      own: 'reducing',
      effective: 'halted',
    });
    const sent = engine.store.get(btc)!.children.length;
    await advance(clock, 1_000);
    expect(engine.store.get(btc)!.children).toHaveLength(sent);
    expect(engine.store.get(btc)!.status).not.toMatch(/canceled|rejected|expired|filled/);
    await expect(restingPeg(engine, 'BTC-USD')).rejects.toMatchObject({ code: 'trading_halted' });
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_trading_state{scope="global"} 2');
    expect(metrics).toContain('exo_trading_state{scope="ETH-USD"} 1');

    await drive(clock, engine.resume({ by: 'http' }));
    await untilResting(clock, engine, [btc]);
    expect(engine.tradingStatus().global).toBe('active');
    await expect(restingPeg(engine, 'ETH-USD')).rejects.toMatchObject({
      code: 'trading_reducing',
      scope: { scope: 'symbol', symbol: 'ETH-USD' },
    });
    await stop(clock, engine);
    expect([...first.errors, ...again.errors]).toEqual([]);
  });

  it('children restored after a restart are working to the child checks: a halt cancels them and is confirmed once the venue ended them', async () => {
    const path = join(tempDir(), 'journal.db');
    const clock = new VirtualClock(1_700_000_000_000);
    const first = await venueEngine(path, clock);
    const id = await drive(clock, placePeg(first.engine));
    await first.quote('100');
    const [child] = first.venue.submitted;
    first.venue.ack(child!.clOrdId);
    await settle(10);
    await stop(clock, first.engine);

    const venue = new FakeVenue();
    venue.holds(child!, { status: 'new' });
    const again = await venueEngine(path, clock, venue);
    await drive(clock, again.engine.halt({ by: 'http' }));
    await advance(clock, 5);
    expect(venue.cancels).toEqual([child!.clOrdId]);
    expect(again.engine.tradingStatus().awaitingCancel).toMatchObject([
      { clOrdId: child!.clOrdId, parentId: id, symbol: SYMBOL },
    ]);
    venue.canceled(child!.clOrdId);
    await settle(10);
    expect(again.engine.tradingStatus().awaitingCancel).toEqual([]);
    expect(eventsOf(again.events, 'halt_confirmed')).toMatchObject([
      { scope: 'global', children: 1, ended: { canceled: 1 } },
    ]);
    await stop(clock, again.engine);
    expect([...first.errors, ...again.errors]).toEqual([]);
  });

  it('a halt journaled just before a crash, its cancels not yet sent, is carried out by the restart', async () => {
    const path = join(tempDir(), 'journal.db');
    const clock = new VirtualClock(1_700_000_000_000);
    const first = await venueEngine(path, clock);
    await drive(clock, placePeg(first.engine));
    await first.quote('100');
    const [child] = first.venue.submitted;
    first.venue.ack(child!.clOrdId);
    await settle(10);
    await stop(clock, first.engine);
    // The halt's row committed; the process died before it cancelled anything.
    const journal = SqliteJournal.open(path, { clock });
    await journal.append({
      orderId: TRADING_ROW_ID,
      kind: 'trading_state_changed',
      idempotencyKey: journalKeys.tradingState(1),
      body: { scope: 'global', state: 'halted', by: 'http' },
    });
    await journal.close();

    const venue = new FakeVenue();
    venue.holds(child!, { status: 'new' });
    const again = await venueEngine(path, clock, venue);
    expect(again.engine.tradingStatus().global).toBe('halted');
    await advance(clock, 5);
    expect(venue.cancels).toEqual([child!.clOrdId]);
    venue.canceled(child!.clOrdId);
    await settle(10);
    await again.quote('101');
    expect(venue.submitted).toEqual([]);
    expect(again.engine.tradingStatus().confirmedAt).toBeDefined();
    await stop(clock, again.engine);
  });
});

/** A peg buying one BTC-USD at most at 90: it rests a child on the first quote. */
async function placePeg(engine: Engine): Promise<string> {
  const prepared = engine.intake.prepareNew({
    side: 'buy',
    symbol: SYMBOL,
    quantity: decimal('1'),
    limitPrice: decimal('90'),
    algo: 'peg',
    params: {},
  });
  expect(await engine.intake.commit(prepared)).toBeUndefined();
  return prepared.order.orderId;
}
