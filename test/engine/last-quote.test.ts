import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { settle } from '../core/helpers.js';
import { advance, drive } from '../recovery/helpers.js';

describe('an order on a symbol already quoted', () => {
  it('take sends its first child on the last known quote, without waiting for the next', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const engine = createSimulatedEngine({
      clock,
      symbols: ['SOL-USD'],
      // Two ticks a second: the next quote is far off in virtual time.
      tickRate: 2,
      latencyMs: 1,
      seed: 3,
      journal: SqliteJournal.inMemory({ clock }),
    });
    await engine.start();
    engine.ready();
    await advance(clock, 3000);
    expect(engine.quotes.latest()).toHaveLength(1);

    const placed = engine.intake.prepareNew({
      side: 'buy',
      symbol: 'SOL-USD',
      quantity: decimal('1'),
      limitPrice: decimal('1000'),
      algo: 'take',
      params: {},
    });
    await drive(clock, engine.intake.commit(placed));
    const committedAt = clock.now();
    await settle(5);
    const order = engine.store.get(placed.order.orderId)!;
    expect(order.children).toHaveLength(1);
    expect(order.children[0]!.createdAt).toBeLessThanOrEqual(committedAt);
    expect(clock.now()).toBe(committedAt);
    await drive(clock, engine.stop());
  });
});
