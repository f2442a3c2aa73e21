import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { instrumentedFactory } from '../../src/engine/instrumented-factory.js';
import type { Order } from '../../src/market/order.js';
import { newOrder, quote, report, settle } from '../core/helpers.js';

describe('instrumentedFactory sampling', () => {
  it("times a sample of synchronous actions across the factory's delegates, and every asynchronous one", async () => {
    const durations: number[] = [];
    let actions = 0;
    const dispatcher = new Dispatcher<Order>({
      factory: instrumentedFactory<Order>(
        {
          create: () => ({
            action: (update) => {
              actions++;
              return update.reports.length > 0 ? Promise.resolve(false) : false;
            },
          }),
        },
        { actionSeconds: (s) => durations.push(s), cleanedUp: () => {} },
      ),
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
});
