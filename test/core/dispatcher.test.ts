import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { EngineError } from '../../src/core/errors.js';
import { InstructionError } from '../../src/core/errors.js';
import type { MarketDataSubscriber } from '../../src/core/market-data.js';
import { decimal } from '../../src/market/decimal.js';
import type { Order } from '../../src/market/order.js';
import {
  gate,
  newOrder,
  quote,
  recordingFactory,
  report,
  settle,
  setup,
  spySubscriber,
  trade,
} from './helpers.js';

describe('Dispatcher', () => {
  it('a busy delegate receives the latest quote, the aggregated trade, and every instruction and report in order', async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    const recording = recordings.get(order.orderId)!;
    expect(recording.updates).toHaveLength(1);
    expect(recording.updates[0]!.instructions).toEqual([order]);

    const blocked = gate();
    recording.block = blocked;
    dispatcher.quote(quote('BTC-USD', '100'));
    await settle();
    expect(recording.updates).toHaveLength(2);

    const trades = [
      ['100', '1'],
      ['101', '2'],
      ['99.5', '0.5'],
      ['102', '3'],
    ] as const;
    for (let i = 0; i < 5; i++) {
      dispatcher.quote(quote('BTC-USD', String(200 + i)));
      const [px, qty] = trades[i % trades.length]!;
      dispatcher.trade(trade('BTC-USD', px, qty));
      await settle(1);
    }
    const replaces = [1, 2, 3].map((n) =>
      dispatcher.submit({ ...order, msgType: 'replace', text: `replace ${n}` } as Order),
    );
    for (let n = 1; n <= 3; n++) dispatcher.report(report(order.orderId, `report ${n}`));
    const cancel = dispatcher.submit({ ...order, msgType: 'cancel' });
    await settle();
    expect(recording.updates).toHaveLength(2);

    recording.block = undefined;
    blocked.open();
    await settle();
    expect(recording.updates).toHaveLength(3);
    const merged = recording.updates[2]!;
    expect(merged.quote!.bidPx.toString()).toBe('204');
    expect(merged.instructions).toEqual([...replaces, cancel]);
    expect(merged.reports.map((r) => r.text)).toEqual(['report 1', 'report 2', 'report 3']);
    const pushed = [0, 1, 2, 3, 4].map((i) => trades[i % trades.length]!);
    const volume = pushed.reduce((sum, [, qty]) => sum.plus(qty), decimal('0'));
    const notional = pushed.reduce(
      (sum, [px, qty]) => sum.plus(decimal(px).times(qty)),
      decimal('0'),
    );
    expect(merged.trade!.volume.eq(volume)).toBe(true);
    expect(merged.trade!.vwap.eq(notional.div(volume))).toBe(true);
    expect(merged.trade!.lastPx.toString()).toBe(pushed[4]![0]);
    expect(merged.trade!.count).toBe(5);
  });

  it('10,000 quotes over 10 symbols in one burst reach each order as the latest quote of its symbol', async () => {
    const { dispatcher, recordings } = setup();
    const symbols = Array.from({ length: 10 }, (_, i) => `SYM${i}`);
    const orders = symbols.flatMap((symbol) => [
      dispatcher.submit(newOrder(symbol, 'buy')),
      dispatcher.submit(newOrder(symbol, 'sell')),
    ]);
    await settle();
    for (let i = 0; i < 10_000; i++) dispatcher.quote(quote(symbols[i % 10]!, String(i)));
    await settle();
    let deliveries = 0;
    for (const order of orders) {
      const updates = recordings.get(order.orderId)!.updates.filter((u) => u.quote !== undefined);
      deliveries += updates.length;
      const last = 9_990 + Number(order.symbol.slice(3));
      expect(updates.at(-1)!.quote!.bidPx.toString()).toBe(String(last));
    }
    expect(deliveries).toBeLessThanOrEqual(orders.length);
    expect(dispatcher.stats.quotesIn).toBe(10_000);
    expect(dispatcher.stats.quotesDispatched).toBe(10);
  });

  it('two orders on one symbol with different delegate speeds each see correct, independent trade aggregates', async () => {
    const { dispatcher, recordings } = setup();
    const fast = dispatcher.submit(newOrder('ETH-USD'));
    const slow = dispatcher.submit(newOrder('ETH-USD', 'sell'));
    await settle();
    const slowRecording = recordings.get(slow.orderId)!;
    const blocked = gate();
    slowRecording.block = blocked;
    dispatcher.trade(trade('ETH-USD', '10', '1'));
    await settle();
    dispatcher.trade(trade('ETH-USD', '20', '1'));
    await settle();
    dispatcher.trade(trade('ETH-USD', '30', '1'));
    await settle();
    slowRecording.block = undefined;
    blocked.open();
    await settle();

    const fastTrades = recordings
      .get(fast.orderId)!
      .updates.flatMap((u) => (u.trade ? [u.trade] : []));
    expect(fastTrades.map((t) => [t.volume.toString(), t.vwap.toString()])).toEqual([
      ['1', '10'],
      ['1', '20'],
      ['1', '30'],
    ]);
    const slowTrades = slowRecording.updates.flatMap((u) => (u.trade ? [u.trade] : []));
    expect(slowTrades.map((t) => [t.volume.toString(), t.vwap.toString(), t.count])).toEqual([
      ['1', '10', 1],
      ['2', '25', 2],
    ]);
  });

  it('subscribes a symbol once, keeps it through a cancel request until the delegate completes, then unsubscribes', async () => {
    const { subscriber, calls } = spySubscriber();
    const { dispatcher, recordings } = setup({ marketData: subscriber });
    const a = dispatcher.submit(newOrder('SOL-USD'));
    const b = dispatcher.submit(newOrder('SOL-USD'));
    await settle();
    expect(calls).toEqual(['+SOL-USD']);

    dispatcher.submit({ ...a, msgType: 'cancel' });
    await settle();
    expect(calls).toEqual(['+SOL-USD']);
    expect(dispatcher.order(a.orderId)).toBeDefined();
    dispatcher.report(report(a.orderId, 'child canceled'));
    await settle();
    expect(recordings.get(a.orderId)!.updates.at(-1)!.reports[0]!.text).toBe('child canceled');

    recordings.get(a.orderId)!.completeOn = () => true;
    dispatcher.report(report(a.orderId, 'canceled'));
    await settle();
    expect(dispatcher.order(a.orderId)).toBeUndefined();
    expect(calls).toEqual(['+SOL-USD']);

    recordings.get(b.orderId)!.completeOn = () => true;
    dispatcher.submit({ ...b, msgType: 'cancel' });
    await settle();
    expect(calls).toEqual(['+SOL-USD', '-SOL-USD']);
    expect(dispatcher.symbols()).toEqual([]);
  });

  it('reports a failing subscription as an error event and keeps the order', async () => {
    const subscriber: MarketDataSubscriber = {
      subscribe: () => Promise.reject(new Error('venue down')),
      unsubscribe: () => {},
    };
    const { dispatcher, errors } = setup({ marketData: subscriber });
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    expect(errors).toEqual([
      expect.objectContaining({ source: 'subscription', symbol: 'BTC-USD' }),
    ]);
    expect(errors[0]!.message).toContain('venue down');
    expect(dispatcher.order(order.orderId)).toBeDefined();
  });

  it('refuses every invalid instruction with its typed error, and nothing reaches a delegate', async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD', 'buy', 'A'));
    dispatcher.submit(newOrder('BTC-USD', 'buy', 'DONE'));
    await settle();
    recordings.get('DONE')!.completeOn = () => true;
    dispatcher.report(report('DONE', 'filled'));
    await settle();
    const before = recordings.get('A')!.updates.length;

    const refusals: Array<[() => unknown, string]> = [
      [() => dispatcher.submit(newOrder('BTC-USD', 'buy', 'A')), 'duplicate_order_id'],
      [() => dispatcher.submit(newOrder('BTC-USD', 'buy', 'DONE')), 'duplicate_order_id'],
      [() => dispatcher.submit({ ...order, orderId: 'nope', msgType: 'replace' }), 'unknown_order'],
      [() => dispatcher.submit({ ...order, orderId: 'nope', msgType: 'cancel' }), 'unknown_order'],
      [
        () => dispatcher.submit({ ...order, orderId: 'DONE', msgType: 'replace' }),
        'order_completed',
      ],
      [
        () => dispatcher.submit({ ...order, orderId: 'DONE', msgType: 'cancel' }),
        'order_completed',
      ],
      [() => dispatcher.submit({ ...order, side: 'sell', msgType: 'replace' }), 'side_changed'],
      [
        () => dispatcher.submit({ ...order, symbol: 'ETH-USD', msgType: 'replace' }),
        'symbol_changed',
      ],
      [() => dispatcher.submit({ ...order, side: 'sell', msgType: 'cancel' }), 'side_changed'],
      [
        () => dispatcher.submit({ ...order, msgType: 'amend' } as unknown as Order),
        'invalid_instruction',
      ],
      [
        () => dispatcher.submit({ ...order, side: 'long' } as unknown as Order),
        'invalid_instruction',
      ],
      [() => dispatcher.submit({ ...order, symbol: '', orderId: 'B' }), 'invalid_instruction'],
      [
        () => dispatcher.submit({ side: 'buy', symbol: 'X', msgType: 'cancel' }),
        'invalid_instruction',
      ],
    ];
    for (const [attempt, code] of refusals) {
      expect(attempt).toThrow(InstructionError);
      try {
        attempt();
      } catch (error) {
        expect((error as InstructionError).code).toBe(code);
      }
    }
    dispatcher.submit({ ...order, msgType: 'cancel' });
    expect(() => dispatcher.submit({ ...order, msgType: 'replace' })).toThrow(
      expect.objectContaining({ code: 'replace_after_cancel' }),
    );
    expect(() => dispatcher.submit({ ...order, msgType: 'cancel' })).toThrow(
      expect.objectContaining({ code: 'cancel_pending' }),
    );
    await settle();
    const after = recordings.get('A')!.updates.slice(before);
    expect(after.flatMap((u) => u.instructions)).toEqual([{ ...order, msgType: 'cancel' }]);
    expect(dispatcher.size).toBe(1);
  });

  it('reports a report for an unknown order as an error event, never throwing at the feed', async () => {
    const { dispatcher, errors } = setup();
    expect(() => dispatcher.report(report('ghost', 'fill'))).not.toThrow();
    expect(errors).toEqual([expect.objectContaining({ source: 'report', orderId: 'ghost' })]);
  });

  it('a throwing delegate is reported with its order ID and the other orders keep receiving updates', async () => {
    const { dispatcher, recordings, errors } = setup();
    const bad = dispatcher.submit(newOrder('BTC-USD'));
    const good = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    recordings.get(bad.orderId)!.failWith = new Error('algo bug');
    dispatcher.quote(quote('BTC-USD', '1'));
    await settle();
    dispatcher.quote(quote('BTC-USD', '2'));
    await settle();
    expect(errors.filter((e) => e.source === 'delegate').map((e) => e.orderId)).toEqual([
      bad.orderId,
      bad.orderId,
    ]);
    expect(errors[0]!.message).toContain('algo bug');
    const goodQuotes = recordings
      .get(good.orderId)!
      .updates.flatMap((u) => (u.quote ? [u.quote] : []));
    expect(goodQuotes.map((q) => q.bidPx.toString())).toEqual(['1', '2']);
    expect(dispatcher.order(bad.orderId)).toBeDefined();
  });

  it('a rejecting async delegate is reported the same way and its process carries on', async () => {
    const { factory } = recordingFactory();
    let calls = 0;
    const dispatcher = new Dispatcher<Order>({
      factory: {
        create: (order, ctx) => {
          factory.create(order, ctx);
          return {
            action: async () => {
              calls++;
              if (calls === 2) throw new Error('async bug');
              return false;
            },
          };
        },
      },
    });
    const errors: EngineError[] = [];
    dispatcher.on('error', (e) => errors.push(e));
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    dispatcher.quote(quote('BTC-USD', '1'));
    await settle();
    dispatcher.quote(quote('BTC-USD', '2'));
    await settle();
    expect(calls).toBe(3);
    expect(errors.map((e) => [e.source, e.orderId])).toEqual([['delegate', order.orderId]]);
  });

  it('stop() lets in-flight actions finish, calls cleanUp once per live order, and never acts again', async () => {
    const { subscriber, calls } = spySubscriber();
    const { dispatcher, recordings } = setup({ marketData: subscriber });
    const busy = dispatcher.submit(newOrder('BTC-USD'));
    const idle = dispatcher.submit(newOrder('ETH-USD'));
    const done = dispatcher.submit(newOrder('ETH-USD'));
    await settle();
    recordings.get(done.orderId)!.completeOn = () => true;
    dispatcher.report(report(done.orderId, 'filled'));
    const blocked = gate();
    recordings.get(busy.orderId)!.block = blocked;
    dispatcher.quote(quote('BTC-USD', '1'));
    await settle();
    dispatcher.quote(quote('BTC-USD', '2'));
    dispatcher.report(report(busy.orderId, 'late'));

    let stopped = false;
    const stopping = dispatcher.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    expect(() => dispatcher.submit(newOrder('BTC-USD'))).toThrow(
      expect.objectContaining({ code: 'stopped' }),
    );
    blocked.open();
    await stopping;
    expect(recordings.get(busy.orderId)!.cleanUps).toBe(1);
    expect(recordings.get(idle.orderId)!.cleanUps).toBe(1);
    expect(recordings.get(done.orderId)!.cleanUps).toBe(0);
    const counts = [busy, idle].map((o) => recordings.get(o.orderId)!.updates.length);
    dispatcher.quote(quote('BTC-USD', '3'));
    await settle();
    expect([busy, idle].map((o) => recordings.get(o.orderId)!.updates.length)).toEqual(counts);
    expect(recordings.get(busy.orderId)!.updates.at(-1)!.quote!.bidPx.toString()).toBe('1');
    expect(calls).toContain('-BTC-USD');
    await dispatcher.stop();
    expect(recordings.get(busy.orderId)!.cleanUps).toBe(1);
  });

  it('an action in flight at stop() that completes its order reports completion and skips cleanUp', async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    const recording = recordings.get(order.orderId)!;
    const blocked = gate();
    recording.block = blocked;
    recording.completeOn = () => true;
    const completed: string[] = [];
    dispatcher.on('completed', (o) => completed.push(o.orderId));
    dispatcher.quote(quote('BTC-USD', '1'));
    await settle();
    const stopping = dispatcher.stop();
    blocked.open();
    await stopping;
    expect(completed).toEqual([order.orderId]);
    expect(recording.cleanUps).toBe(0);
    expect(dispatcher.size).toBe(0);
  });

  it('a restored order whose cancel was accepted before the stop refuses a second cancel and a replace', async () => {
    const dispatcher = new Dispatcher<Order>({
      factory: { create: () => ({ action: () => false }) },
    });
    const order: Order = { orderId: 'R9', side: 'buy', symbol: 'BTC-USD', msgType: 'new' };
    dispatcher.restore(order, {}, { cancelRequested: true });
    dispatcher.restore({ ...order, orderId: 'R10' }, {});
    const answer = (orderId: string, msgType: 'cancel' | 'replace') => {
      try {
        dispatcher.submit({ ...order, orderId, msgType });
      } catch (error) {
        return (error as InstructionError).code;
      }
      return 'accepted';
    };
    expect(answer('R9', 'cancel')).toBe('cancel_pending');
    expect(answer('R9', 'replace')).toBe('replace_after_cancel');
    expect(answer('R10', 'replace')).toBe('accepted');
    expect(answer('R10', 'cancel')).toBe('accepted');
    await dispatcher.stop();
  });

  it('restores an order under its own ID through the factory, with a first update marked recovered', async () => {
    const restoredWith: unknown[] = [];
    const { factory, recordings } = recordingFactory();
    const { subscriber, calls } = spySubscriber();
    const dispatcher = new Dispatcher<Order, { cumQty: string }>({
      factory: {
        create: (order, ctx) => factory.create(order, ctx),
        restore: (order, recovered, ctx) => {
          restoredWith.push(recovered);
          return factory.create(order, ctx);
        },
      },
      marketData: subscriber,
    });
    const restored: string[] = [];
    dispatcher.on('restored', (order) => restored.push(order.orderId));
    const order: Order = { orderId: 'R1', side: 'sell', symbol: 'ETH-USD', msgType: 'new' };
    expect(dispatcher.restore(order, { cumQty: '2' })).toEqual(order);
    await settle();
    expect(restoredWith).toEqual([{ cumQty: '2' }]);
    expect(restored).toEqual(['R1']);
    expect(calls).toEqual(['+ETH-USD']);
    const first = recordings.get('R1')!.updates[0]!;
    expect(first.recovered).toBe(true);
    expect(first.instructions).toEqual([]);
    expect(dispatcher.stats.ordersRestored).toBe(1);

    expect(() => dispatcher.restore(order, { cumQty: '2' })).toThrow(
      expect.objectContaining({ code: 'duplicate_order_id' }),
    );
    expect(() => dispatcher.submit(newOrder('ETH-USD', 'sell', 'R1'))).toThrow(
      expect.objectContaining({ code: 'duplicate_order_id' }),
    );
    dispatcher.submit({ ...order, msgType: 'cancel' });
    await settle();
    expect(recordings.get('R1')!.updates[1]!.recovered).toBe(false);
    expect(recordings.get('R1')!.updates[1]!.instructions).toEqual([
      { ...order, msgType: 'cancel' },
    ]);
  });

  it('restores through create when the factory has no restore', async () => {
    const { dispatcher, recordings } = setup();
    dispatcher.restore({ orderId: 'R2', side: 'buy', symbol: 'BTC-USD', msgType: 'new' }, {});
    await settle();
    expect(recordings.get('R2')!.updates[0]!.recovered).toBe(true);
    expect(() =>
      dispatcher.restore({ orderId: '', side: 'buy', symbol: 'BTC-USD', msgType: 'new' }, {}),
    ).toThrow(expect.objectContaining({ code: 'invalid_instruction' }));
  });

  it('announces a delegate checkpoint with its order, and none after the order completes', async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD'));
    const saved: Array<[string, unknown]> = [];
    dispatcher.on('checkpoint', (o, state) => saved.push([o.orderId, state]));
    await settle();
    const { context } = recordings.get(order.orderId)!;
    context.checkpoint({ slice: 3 });
    expect(saved).toEqual([[order.orderId, { slice: 3 }]]);
    recordings.get(order.orderId)!.completeOn = () => true;
    dispatcher.submit({ ...order, msgType: 'cancel' });
    await settle();
    context.checkpoint({ slice: 4 });
    expect(saved).toHaveLength(1);
  });

  it('delivers wake-ups on a virtual clock, in time order, without sleeping', async () => {
    const clock = new VirtualClock(1_000);
    const { dispatcher, recordings } = setup({ clock });
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    const recording = recordings.get(order.orderId)!;
    expect(recording.context.clock.now()).toBe(1_000);
    recording.context.wakeAt(3_000);
    recording.context.wakeAt(2_000);
    const cancelled = recording.context.wakeAt(2_500);
    cancelled();
    clock.advance(500);
    await settle();
    expect(recording.updates).toHaveLength(1);

    const blocked = gate();
    recording.block = blocked;
    clock.advanceTo(2_000);
    await settle();
    expect(recording.updates.at(-1)!.wakeups).toEqual([2_000]);
    recording.context.wakeAt(2_200);
    clock.advance(5_000);
    await settle();
    recording.block = undefined;
    blocked.open();
    await settle();
    expect(recording.updates.at(-1)!.wakeups).toEqual([2_200, 3_000]);
    expect(recording.updates.flatMap((u) => u.wakeups)).toEqual([2_000, 2_200, 3_000]);
    expect(clock.now()).toBe(7_000);
  });

  it('assigns IDs to new orders that have none, and keeps the ones given', () => {
    const { dispatcher } = setup();
    const a = dispatcher.submit(newOrder('BTC-USD'));
    const b = dispatcher.submit(newOrder('BTC-USD'));
    const c = dispatcher.submit(newOrder('BTC-USD', 'sell', 'mine'));
    expect(a.orderId).toMatch(/^exo-/);
    expect(b.orderId).not.toBe(a.orderId);
    expect(c.orderId).toBe('mine');
  });

  it('refuses a new order whose factory throws, naming the reason, and keeps nothing of it', async () => {
    const dispatcher = new Dispatcher<Order>({
      factory: {
        create: () => {
          throw new Error('unknown algo twapp');
        },
      },
    });
    expect(() => dispatcher.submit(newOrder('BTC-USD', 'buy', 'X'))).toThrow(/unknown algo twapp/);
    expect(dispatcher.size).toBe(0);
    expect(dispatcher.symbols()).toEqual([]);
  });

  it('reports an observer that throws as an error event, and still accepts the order', () => {
    const { dispatcher, errors } = setup();
    dispatcher.on('accepted', () => {
      throw new Error('observer broke');
    });
    dispatcher.on('error', () => {
      throw new Error('error observer broke too');
    });
    dispatcher.submit(newOrder('BTC-USD'));
    expect(dispatcher.size).toBe(1);
    expect(errors.map((e) => [e.source, e.message])).toEqual([
      ['observer', 'observer of accepted threw: Error: observer broke'],
    ]);
  });
});
