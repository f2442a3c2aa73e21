import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import { ZERO } from '../../src/market/decimal.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { SYMBOL, startSimulated, trade } from './simulated-start.js';

describe('positions from fills', () => {
  const tempDir = useTempDir();

  it('count every fill the orders applied, buys and sells, and stand where they stood after a restart', async () => {
    const path = join(tempDir(), 'journal.db');
    const errors: EngineError[] = [];
    const clock = new VirtualClock(1_700_000_000_000);
    let engine = await startSimulated(path, clock, errors);
    await advance(clock, 200);
    const ids = [
      await trade(engine, clock, 'buy', '0.3'),
      await trade(engine, clock, 'sell', '0.1'),
      await trade(engine, clock, 'buy', '0.05'),
    ];
    let net = ZERO;
    let traded = ZERO;
    for (const id of ids) {
      const order = engine.store.get(id)!;
      for (const fill of order.fills) {
        net = order.side === 'buy' ? net.plus(fill.qty) : net.minus(fill.qty);
        traded = traded.plus(fill.qty.times(fill.px));
      }
    }
    const live = engine.positions.of(SYMBOL);
    expect(net.gt(0)).toBe(true);
    expect(live.net.toString()).toBe(net.toString());
    expect(live.traded.toString()).toBe(traded.toString());
    const before = engine.positions.toJSON();
    await drive(clock, engine.stop());

    engine = await startSimulated(path, clock, errors);
    expect(engine.positions.toJSON()).toEqual(before);
    await drive(clock, engine.stop());
    expect(errors).toEqual([]);
  });
});
