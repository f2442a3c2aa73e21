import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { Order } from '../../src/market/order.js';
import { newOrder, quote, report, settle } from './helpers.js';

describe('dispatcher action timing', () => {
  it("times a sample of synchronous actions across the dispatcher's delegates, and every asynchronous one", async () => {
    const durations: number[] = [];
    let actions = 0;
    const dispatcher = new Dispatcher<Order>({
      factory: {
        create: () => ({
          action: (update) => {
            actions++;
            return update.reports.length > 0 ? Promise.resolve(false) : false;
          },
        }),
      },
      actions: { actionSeconds: (s) => durations.push(s), cleanedUp: () => {} },
    });
    const orders = [dispatcher.submit(newOrder('BTC-USD')), dispatcher.submit(newOrder('BTC-USD'))];
    await settle();
    for (let i = 0; i < 320; i++) {
      dispatcher.quote(quote('BTC-USD', String(100 + i)));
      await settle(1);
    }
    expect(actions).toBe(642);
    expect(durations.length).toBeGreaterThan(0);
    expect(durations.length).toBeLessThan(actions / 8);
    const sampled = durations.length;
    for (let i = 0; i < 10; i++) {
      dispatcher.report(report(orders[i % 2]!.orderId, `r${i}`));
      await settle(1);
    }
    expect(actions).toBe(652);
    expect(durations.length).toBe(sampled + 10);
    expect(durations.every((s) => s >= 0)).toBe(true);
  });

  it('times synchronous and asynchronous actions, passes their answers through, and sees cleanUp', async () => {
    const durations: number[] = [];
    const cleaned: string[] = [];
    let release = (): void => {};
    const dispatcher = new Dispatcher<Order>({
      factory: {
        create: () => ({
          action: (u) =>
            u.reports.length > 0
              ? new Promise<boolean>((resolve) => {
                  release = () => resolve(true);
                })
              : false,
          cleanUp: () => {},
        }),
      },
      actions: { actionSeconds: (s) => durations.push(s), cleanedUp: (id) => cleaned.push(id) },
    });
    const done = dispatcher.submit(newOrder('BTC-USD', 'buy', 'o1'));
    dispatcher.submit(newOrder('BTC-USD', 'buy', 'o2'));
    await settle();
    // The first action is in the sample; the second is not.
    expect(durations).toHaveLength(1);
    dispatcher.report(report(done.orderId, 'r1'));
    await settle();
    expect(durations).toHaveLength(1);
    expect(dispatcher.order('o1')).toBeDefined();
    release();
    await settle();
    expect(durations).toHaveLength(2);
    expect(dispatcher.order('o1')).toBeUndefined();
    expect(durations.every((s) => s >= 0)).toBe(true);
    await dispatcher.stop();
    expect(cleaned).toEqual(['o2']);
  });

  it('lets a refusal at creation and a throwing action through unchanged', async () => {
    const errors: string[] = [];
    const refusing = new Dispatcher<Order>({
      factory: {
        create: () => {
          throw new Error('params.speed: too fast');
        },
      },
      actions: { actionSeconds: () => {}, cleanedUp: () => {} },
    });
    expect(() => refusing.submit(newOrder('BTC-USD'))).toThrow('params.speed');
    const throwing = new Dispatcher<Order>({
      factory: {
        create: () => ({
          action: () => {
            throw new Error('boom');
          },
        }),
      },
      actions: { actionSeconds: () => {}, cleanedUp: () => {} },
    });
    throwing.on('error', (error) => errors.push(error.message));
    throwing.submit(newOrder('BTC-USD', 'buy', 'o1'));
    await settle();
    expect(errors).toEqual(['order o1: delegate failed: boom']);
  });
});
