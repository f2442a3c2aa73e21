import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { Order } from '../../src/market/order.js';
import { newOrder, recordingFactory, settle, setup } from './helpers.js';

interface SizedOrder extends Order {
  readonly quantity: string;
}

describe('Dispatcher cancels by order ID', () => {
  it('a cancel naming only the order reaches its delegate with the order as last replaced', async () => {
    const { factory, recordings } = recordingFactory<SizedOrder>();
    const dispatcher = new Dispatcher<SizedOrder>({ factory });
    const order = dispatcher.submit({
      side: 'sell',
      symbol: 'ETH-USD',
      msgType: 'new',
      quantity: '5',
    });
    dispatcher.submit({ ...order, msgType: 'replace', quantity: '3' });
    const cancel = dispatcher.submit({ msgType: 'cancel', orderId: order.orderId });
    await settle();

    const expected = { ...order, msgType: 'cancel', quantity: '3' };
    expect(cancel).toEqual(expected);
    expect(
      recordings
        .get(order.orderId)!
        .updates.flatMap((u) => u.instructions)
        .at(-1),
    ).toEqual(expected);
    expect(() => dispatcher.submit({ msgType: 'cancel', orderId: order.orderId })).toThrow(
      expect.objectContaining({ code: 'cancel_pending' }),
    );
  });

  it('a side or symbol given with a cancel must be the order’s, and a refused cancel leaves none pending', async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD', 'buy', 'A'));
    await settle();
    const refusals: Array<[() => unknown, string]> = [
      [() => dispatcher.submit({ msgType: 'cancel', orderId: 'A', side: 'sell' }), 'side_changed'],
      [
        () => dispatcher.submit({ msgType: 'cancel', orderId: 'A', symbol: 'ETH-USD' }),
        'symbol_changed',
      ],
      [
        () =>
          dispatcher.submit({ msgType: 'cancel', orderId: 'A', side: 'long' } as unknown as Order),
        'invalid_instruction',
      ],
      [
        () => dispatcher.submit({ msgType: 'cancel', orderId: 'A', symbol: '' }),
        'invalid_instruction',
      ],
    ];
    for (const [attempt, code] of refusals) {
      expect(attempt).toThrow(expect.objectContaining({ code }));
    }
    await settle();
    expect(recordings.get('A')!.updates.flatMap((u) => u.instructions)).toEqual([order]);

    const cancel = dispatcher.submit({
      msgType: 'cancel',
      orderId: 'A',
      side: 'buy',
      symbol: 'BTC-USD',
    });
    expect(cancel).toEqual({ ...order, msgType: 'cancel' });
  });
});
