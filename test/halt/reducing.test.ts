import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { place, restingPeg, start, stop, until, untilResting, workingChildren } from './helpers.js';

const tempDir = useTempDir();
const LOT = decimal('0.0001');

describe('reducing', () => {
  it('takes only parents and children that reduce the position, up to it, counting what is open on that side', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { engine, errors } = await start(join(tempDir(), 'journal.db'), clock);
    const bought = await place(engine, {
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: '0.3',
      algo: 'take',
    });
    await until(clock, () => isTerminal(engine.store.get(bought)!.status));
    const buyer = await restingPeg(engine, 'BTC-USD');
    await untilResting(clock, engine, [buyer]);
    const net = engine.positions.of('BTC-USD').net;
    expect(net.gt(LOT.times(4))).toBe(true);

    await drive(
      clock,
      engine.setTradingState({ state: 'reducing', by: 'http', reason: 'wind down' }),
    );
    expect(workingChildren(engine, buyer)).toHaveLength(1);
    const buy = { symbol: 'BTC-USD', side: 'buy', algo: 'take', quantity: '0.001' } as const;
    await expect(place(engine, buy)).rejects.toMatchObject({
      code: 'trading_reducing',
      state: 'reducing',
      scope: { scope: 'global' },
    });
    // Sells resting above the market: the first of a lot, then the rest of the position exactly.
    const sell = { symbol: 'BTC-USD', side: 'sell', algo: 'peg', limitPrice: '70000' } as const;
    const first = await place(engine, { ...sell, quantity: LOT.toString() });
    const room = net.minus(LOT);
    await expect(
      place(engine, { ...sell, quantity: room.plus(LOT).toString() }),
    ).rejects.toMatchObject({ code: 'trading_reducing' });
    const second = await place(engine, { ...sell, quantity: room.toString() });
    await untilResting(clock, engine, [first, second]);
    expect(() => engine.intake.prepareReplace(first, { quantity: LOT.times(2) })).toThrow(
      /^reducing: BTC-USD is reducing \(global\): sell 0.0002 with/,
    );

    // The buyer's child, once ended, cannot be sent again: refused by the child checks, the order holds.
    const [child] = workingChildren(engine, buyer);
    await drive(clock, engine.setTradingState({ symbol: 'BTC-USD', state: 'halted', by: 'http' }));
    await until(clock, () => engine.tradingStatus().awaitingCancel.length === 0);
    await drive(clock, engine.setTradingState({ symbol: 'BTC-USD', state: 'active', by: 'http' }));
    await until(clock, () =>
      engine.store.get(buyer)!.children.some((c) => c.text?.startsWith('risk: reducing: ')),
    );
    const children = engine.store.get(buyer)!.children;
    await advance(clock, 500);
    expect(engine.store.get(buyer)!.children).toHaveLength(children.length);
    expect(engine.store.get(buyer)!.status).not.toMatch(/rejected|canceled/);
    expect(children.find((c) => c.clOrdId === child!.clOrdId)?.status).toBe('canceled');

    await drive(clock, engine.resume({ by: 'http' }));
    await untilResting(clock, engine, [buyer]);
    await stop(clock, engine);
    expect(errors).toEqual([]);
  });
});
