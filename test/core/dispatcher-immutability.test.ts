import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { Order } from '../../src/market/order.js';
import { newOrder, recordingFactory, report, settle, setup, spySubscriber } from './helpers.js';

/** An order type as users write them: the container's identity plus fields of their own. */
interface TaggedOrder extends Order {
  quantity: string;
  tag?: string;
}

describe('Dispatcher keeps its own copy of what it is handed', () => {
  it('the order submit returns cannot change: its side and symbol stay those the dispatcher acts on', async () => {
    const { subscriber, calls } = spySubscriber();
    const { dispatcher, recordings } = setup({ marketData: subscriber });
    const order = dispatcher.submit(newOrder('BTC-USD', 'buy'));
    const loose = order as { side: string; symbol: string };
    expect(() => {
      loose.side = 'sell';
    }).toThrow(TypeError);
    expect(() => {
      loose.symbol = 'ETH-USD';
    }).toThrow(TypeError);

    expect(dispatcher.order(order.orderId)).toMatchObject({ side: 'buy', symbol: 'BTC-USD' });
    expect(() => dispatcher.submit({ ...order, side: 'sell', msgType: 'replace' })).toThrow(
      expect.objectContaining({ code: 'side_changed' }),
    );
    await settle();
    recordings.get(order.orderId)!.completeOn = () => true;
    dispatcher.report(report(order.orderId, 'filled'));
    await settle();
    expect(dispatcher.symbols()).toEqual([]);
    expect(calls).toEqual(['+BTC-USD', '-BTC-USD']);
  });

  it('changing a new order or a replace after submitting it changes nothing the delegate or observers see', async () => {
    const { factory, recordings } = recordingFactory<TaggedOrder>();
    const dispatcher = new Dispatcher<TaggedOrder>({ factory });
    const instructed: TaggedOrder[] = [];
    dispatcher.on('instructed', (instruction) => instructed.push(instruction));
    const mine: TaggedOrder = {
      orderId: 'A',
      side: 'buy',
      symbol: 'BTC-USD',
      msgType: 'new',
      quantity: '1',
    };
    const accepted = dispatcher.submit(mine);
    const replace: TaggedOrder = { ...accepted, msgType: 'replace', quantity: '2', tag: 'r1' };
    dispatcher.submit(replace);
    Object.assign(mine, { side: 'sell', symbol: 'ETH-USD', quantity: '9' });
    Object.assign(replace, { side: 'sell', quantity: '8', tag: 'changed' });
    await settle();

    expect(recordings.get('A')!.updates.flatMap((u) => u.instructions)).toEqual([
      { orderId: 'A', side: 'buy', symbol: 'BTC-USD', msgType: 'new', quantity: '1' },
      {
        orderId: 'A',
        side: 'buy',
        symbol: 'BTC-USD',
        msgType: 'replace',
        quantity: '2',
        tag: 'r1',
      },
    ]);
    expect(instructed).toEqual([{ ...accepted, msgType: 'replace', quantity: '2', tag: 'r1' }]);
    expect(dispatcher.order('A')).toMatchObject({ side: 'buy', symbol: 'BTC-USD', quantity: '2' });
    expect(dispatcher.symbols()).toEqual(['BTC-USD']);
  });

  it('a restored order is kept as a copy too, with every field of its type', () => {
    const { factory } = recordingFactory<TaggedOrder>();
    const dispatcher = new Dispatcher<TaggedOrder>({ factory });
    const order: TaggedOrder = {
      orderId: 'R',
      side: 'sell',
      symbol: 'ETH-USD',
      msgType: 'new',
      quantity: '3',
      tag: 'twap',
    };
    const restored = dispatcher.restore(order, undefined);
    Object.assign(order, { side: 'buy', quantity: '4' });
    expect(restored).toEqual({ ...order, side: 'sell', quantity: '3' });
    expect(Object.isFrozen(restored)).toBe(true);
    expect(dispatcher.order('R')).toBe(restored);
  });
});
