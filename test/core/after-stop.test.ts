import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { OrderProcess } from '../../src/core/order-process.js';
import { newStats } from '../../src/core/stats.js';
import type { Order } from '../../src/market/order.js';
import type { Report } from '../../src/market/report.js';
import { newOrder, quote, recordingFactory, report, settle } from './helpers.js';

setFlagsFromString('--expose-gc');
/** A full collection on demand, so a test can tell a dropped object from one still held. */
const collectGarbage = runInNewContext('gc') as () => void;

describe('after stop()', () => {
  it('a report for a live order is an error event naming the order, and is not held', async () => {
    const dispatcher = new Dispatcher<Order>(recordingFactory());
    const errors: Array<{ source: string; orderId: string | undefined; message: string }> = [];
    // Only what the event says is kept: the event's `error` field is the report itself.
    dispatcher.on('error', ({ source, orderId, message }) =>
      errors.push({ source, orderId, message }),
    );
    const reported: string[] = [];
    dispatcher.on('reported', (r) => reported.push(r.orderId));
    const order = dispatcher.submit(newOrder('BTC-USD', 'buy', 'A'));
    await settle();
    await dispatcher.stop();

    const sent = (): WeakRef<Report> => {
      const late = report(order.orderId, 'late fill');
      dispatcher.report(late);
      return new WeakRef(late);
    };
    const held = Array.from({ length: 100 }, sent);
    await settle();
    collectGarbage();

    expect(held.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(reported).toEqual([]);
    expect(errors).toHaveLength(100);
    expect(errors[0]).toEqual({
      source: 'report',
      orderId: 'A',
      message: 'report for order A (status new) arrived after stop: not delivered',
    });
    expect(dispatcher.stats.reports).toBe(100);
  });

  it('an order process drops whatever reaches it once stopped: nothing is held for a delegate that will never act', async () => {
    const { factory, recordings } = recordingFactory();
    const owner = {
      clock: new VirtualClock(),
      stats: newStats(),
      completed: () => {},
      checkpoint: () => {},
      failed: () => {},
    };
    const order: Order = { orderId: 'P', side: 'buy', symbol: 'BTC-USD', msgType: 'new' };
    const process = new OrderProcess(order, factory, owner);
    await settle();
    await process.stop();

    const sent = (): WeakRef<object>[] => {
      const late = { report: report('P', 'late'), quote: quote('BTC-USD', '1') };
      const instruction: Order = { ...order, msgType: 'cancel' };
      process.report(late.report);
      process.quote(late.quote);
      process.instruct(instruction);
      return [new WeakRef(late.report), new WeakRef(late.quote), new WeakRef(instruction)];
    };
    const held = Array.from({ length: 50 }, sent).flat();
    await settle();
    collectGarbage();

    expect(held.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(recordings.get('P')!.updates).toHaveLength(1);
  });
});
