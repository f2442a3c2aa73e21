import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { DelegateContext } from '../../src/core/delegate.js';
import type { Update } from '../../src/core/update.js';
import { instrumentedFactory } from '../../src/engine/instrumented-factory.js';
import type { Order } from '../../src/market/order.js';

const order: Order = { orderId: 'o1', side: 'buy', symbol: 'BTC-USD', msgType: 'new' };
const context: DelegateContext<Order> = {
  orderId: 'o1',
  side: 'buy',
  symbol: 'BTC-USD',
  order,
  clock: new VirtualClock(),
  wakeAt: () => () => {},
  checkpoint: () => {},
};
const update: Update<Order> = {
  instructions: [order],
  reports: [],
  quote: undefined,
  trade: undefined,
  wakeups: [],
  recovered: false,
  tradingState: undefined,
};

describe('instrumentedFactory', () => {
  it('times synchronous and asynchronous actions, and passes their answers through', async () => {
    const durations: number[] = [];
    const cleaned: string[] = [];
    let release = (): void => {};
    const factory = instrumentedFactory<Order>(
      {
        create: () => ({
          action: (u) =>
            u.wakeups.length > 0
              ? new Promise<boolean>((resolve) => {
                  release = () => resolve(true);
                })
              : false,
          cleanUp: () => {},
        }),
      },
      { actionSeconds: (s) => durations.push(s), cleanedUp: (id) => cleaned.push(id) },
    );
    const delegate = factory.create(order, context);
    expect(delegate.action(update)).toBe(false);
    expect(durations).toHaveLength(1);
    const pending = delegate.action({ ...update, wakeups: [5] });
    expect(durations).toHaveLength(1);
    release();
    expect(await pending).toBe(true);
    expect(durations).toHaveLength(2);
    expect(durations.every((s) => s >= 0)).toBe(true);
    await delegate.cleanUp?.();
    expect(cleaned).toEqual(['o1']);
  });

  it('lets a refusal at creation and a throwing action through unchanged', () => {
    const refusing = instrumentedFactory<Order>(
      {
        create: () => {
          throw new Error('params.speed: too fast');
        },
      },
      { actionSeconds: () => {}, cleanedUp: () => {} },
    );
    expect(() => refusing.create(order, context)).toThrow('params.speed');
    const throwing = instrumentedFactory<Order>(
      {
        create: () => ({
          action: () => {
            throw new Error('boom');
          },
        }),
      },
      { actionSeconds: () => {}, cleanedUp: () => {} },
    );
    expect(() => throwing.create(order, context).action(update)).toThrow('boom');
  });
});
