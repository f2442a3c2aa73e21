import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Update } from '../../src/core/update.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { FakeVenue } from '../algos/fake-venue.js';
import { recordingFactory, settle } from '../core/helpers.js';
import { useTempDir } from '../journal/helpers.js';
import { drive } from '../recovery/helpers.js';
import { place, start, stop, until } from './helpers.js';

const tempDir = useTempDir();

describe('the child checks without limits at start', () => {
  it('limits put in force after the start reach the child checks', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { engine, errors } = await start(join(tempDir(), 'journal.db'), clock);
    expect(engine.limits).toBeUndefined();
    await drive(
      clock,
      engine.changeLimits(
        { defaults: { maxChildQuantity: decimal('0.001') }, perSymbol: {} },
        'http',
      ),
    );
    const id = await place(engine, {
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: '0.01',
      algo: 'take',
    });
    await until(clock, () => isTerminal(engine.store.get(id)!.status));
    const [child] = engine.store.get(id)!.children;
    expect(child).toMatchObject({ status: 'rejected' });
    expect(child?.text).toBe(
      'risk: maxChildQuantity: child quantity 0.01 is beyond the limit 0.001',
    );
    await stop(clock, engine);
    expect(errors).toEqual([]);
  });

  it('delegates see the trading state: on their first update, and on each change, per symbol or global', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { factory, recordings } = recordingFactory<ParentOrder>();
    const engine = new Engine({
      clock,
      marketData: new ScriptedMarket(),
      venue: new FakeVenue(),
      journal: SqliteJournal.open(join(tempDir(), 'journal.db'), { clock }),
      createFactory: () => factory,
      algos: ['record'],
      symbols: ['BTC-USD', 'ETH-USD'],
    });
    await engine.start();
    engine.ready();
    await drive(
      clock,
      engine.setTradingState({ symbol: 'ETH-USD', state: 'reducing', by: 'auto' }),
    );
    const prepared = engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('1'),
      algo: 'record',
      params: {},
    });
    expect(await drive(clock, engine.intake.commit(prepared))).toBeUndefined();
    await settle();
    const seen = (): Array<Update<ParentOrder>['tradingState']> =>
      recordings.get(prepared.order.orderId)!.updates.map((update) => update.tradingState);
    expect(seen()).toEqual(['active']);
    await drive(clock, engine.halt({ by: 'http' }));
    await settle();
    await drive(clock, engine.halt({ symbol: 'ETH-USD', by: 'http' }));
    await drive(clock, engine.resume({ by: 'http' }));
    await settle();
    // BTC's delegate heard neither ETH's reducing nor its halt.
    expect(seen()).toEqual(['active', 'halted', 'active']);
    await drive(clock, engine.stop());
  });
});
