import { expect } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { decimal } from '../../src/market/decimal.js';
import { restingPeg, start, stop } from '../halt/helpers.js';
import { advance } from '../recovery/helpers.js';

/** What a live run journaled: the path, its orders' IDs, and when each instruction was given (ms). */
export interface LiveRun {
  readonly path: string;
  readonly peg: string;
  readonly twap: string;
  readonly at: {
    readonly peg: number;
    readonly twap: number;
    readonly replace: number;
    readonly cancel: number;
  };
}

/**
 * A simulated engine on a virtual clock (from 2026-12-06T10:00Z) journaling to `path`: a resting
 * peg on BTC-USD, a twap selling ETH-USD, then the peg replaced and cancelled, 250 ms apart.
 */
export async function liveRun(path: string): Promise<LiveRun> {
  const clock = new VirtualClock(Date.UTC(2026, 11, 6, 10));
  const { engine } = await start(path, clock);
  const pegAt = clock.now();
  const peg = await restingPeg(engine, 'BTC-USD');
  await advance(clock, 250);
  const twapAt = clock.now();
  const twap = engine.intake.prepareNew({
    side: 'sell',
    symbol: 'ETH-USD',
    quantity: decimal('0.3'),
    algo: 'twap',
    params: { durationMs: 60_000, slices: 6 },
  });
  expect(await engine.intake.commit(twap)).toBeUndefined();
  await advance(clock, 250);
  const replaceAt = clock.now();
  const replace = engine.intake.prepareReplace(peg, {
    quantity: decimal('2'),
    limitPrice: decimal('59000'),
  });
  expect(await engine.intake.commit(replace)).toBeUndefined();
  await advance(clock, 250);
  const cancelAt = clock.now();
  expect(await engine.intake.commit(engine.intake.prepareCancel(peg))).toBeUndefined();
  await advance(clock, 250);
  await stop(clock, engine);

  return {
    path,
    peg,
    twap: twap.order.orderId,
    at: { peg: pegAt, twap: twapAt, replace: replaceAt, cancel: cancelAt },
  };
}
