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
  instructions: [],
  reports: [],
  quote: undefined,
  trade: undefined,
  wakeups: [],
  recovered: false,
  tradingState: undefined,
};

describe('instrumentedFactory sampling', () => {
  it("times a sample of synchronous actions across the factory's delegates, and every asynchronous one", async () => {
    const durations: number[] = [];
    const factory = instrumentedFactory<Order>(
      {
        create: () => ({ action: (u) => (u.wakeups.length > 0 ? Promise.resolve(false) : false) }),
      },
      { actionSeconds: (s) => durations.push(s), cleanedUp: () => {} },
    );
    const delegates = [factory.create(order, context), factory.create(order, context)];
    for (let i = 0; i < 640; i++) expect(delegates[i % 2]!.action(update)).toBe(false);
    expect(durations.length).toBeGreaterThan(0);
    expect(durations.length).toBeLessThan(640 / 8);
    const sampled = durations.length;
    const slow = { ...update, wakeups: [1] };
    for (let i = 0; i < 10; i++) expect(await delegates[i % 2]!.action(slow)).toBe(false);
    expect(durations.length).toBe(sampled + 10);
  });
});
