import { describe, expect, it } from 'vitest';
import { AlgoError } from '../../src/algos/algo-error.js';
import { ALGO_NAMES, createAlgoFactory } from '../../src/algos/algo-factory.js';
import { parseTwapParams, TWAP_DEFAULTS } from '../../src/algos/twap.js';
import { VirtualClock } from '../../src/core/clock.js';
import type { DelegateContext } from '../../src/core/delegate.js';
import { InstructionError } from '../../src/core/errors.js';
import { decimal } from '../../src/market/decimal.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { harness } from './harness.js';

function refusal(run: () => unknown): InstructionError {
  try {
    run();
  } catch (error) {
    if (error instanceof InstructionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('createAlgoFactory', () => {
  it('names the reference algorithms', () => {
    expect(ALGO_NAMES).toEqual(['take', 'peg', 'twap']);
  });

  it('refuses, through the dispatcher, an unknown algorithm or bad params, naming the field', () => {
    const h = harness();
    const submit =
      (algo: string, params: Record<string, unknown>, quantity = '1') =>
      () =>
        h.dispatcher.submit({
          side: 'buy',
          symbol: 'BTC-USD',
          msgType: 'new',
          quantity: decimal(quantity),
          algo,
          params,
        });
    const cases: Array<[() => unknown, string]> = [
      [submit('vwap', {}), 'algo: unknown algorithm "vwap" (expected take, peg, twap)'],
      [submit('toString', {}), 'algo: unknown algorithm "toString"'],
      [submit('take', { slices: 3 }), 'params.slices: take has no such parameter'],
      [submit('twap', { slices: 0 }), 'params.slices: twap expects an integer from 1'],
      [submit('twap', { durationMs: '60000' }), 'params.durationMs: twap expects an integer'],
      [submit('twap', { duration: 5 }), 'params.duration: twap has no such parameter'],
      [submit('peg', {}, '0'), 'quantity: expected a positive decimal'],
    ];
    for (const [run, message] of cases) {
      const error = refusal(run);
      expect(error.code).toBe('invalid_instruction');
      expect(error.message).toContain(message);
    }
    expect(h.dispatcher.size).toBe(0);
    expect(h.venue.submitted).toEqual([]);
  });

  it('throws AlgoError carrying the field', () => {
    const factory = createAlgoFactory({ venue: harness().venue, listener: () => {} });
    const order: ParentOrder = {
      orderId: 'O1',
      side: 'buy',
      symbol: 'X',
      msgType: 'new',
      quantity: decimal('1'),
      limitPrice: decimal('-1'),
      algo: 'take',
      params: {},
    };
    const context: DelegateContext<ParentOrder> = {
      orderId: 'O1',
      side: 'buy',
      symbol: 'X',
      order,
      clock: new VirtualClock(),
      wakeAt: () => () => {},
      checkpoint: () => {},
    };
    let thrown: unknown;
    try {
      factory.create(order, context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AlgoError);
    expect((thrown as AlgoError).field).toBe('limitPrice');
  });

  it('fills twap defaults and keeps given params', () => {
    expect(parseTwapParams(undefined)).toEqual(TWAP_DEFAULTS);
    expect(parseTwapParams({ slices: 4 })).toEqual({ durationMs: 60_000, slices: 4 });
    expect(() => parseTwapParams({ durationMs: 10, slices: 11 })).toThrow('params.slices');
  });
});
