import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start-server.js';
import { type EventFollower, followEvents, type ReceivedEvent } from '../server/sse-client.js';
import { call, startTestService } from './service.js';

let service: RunningServer;

beforeAll(async () => {
  service = await startTestService();
});

afterAll(async () => {
  await service.close();
});

interface Child {
  readonly clOrdId: string;
  readonly quantity: string;
  readonly cumQty: string;
}
interface Fill {
  readonly qty: string;
  readonly px: string;
}

/** Whether an event is the end of the given order. */
function doneFor(orderId: string): (event: ReceivedEvent) => boolean {
  return (event) => event.event === 'done' && event.data.orderId === orderId;
}

/** Places an order while following the stream, and reads events until it is done. */
async function placeAndFollow(
  order: Record<string, unknown>,
  during?: (orderId: string, events: EventFollower) => Promise<void>,
): Promise<{ orderId: string; events: ReceivedEvent[]; final: Record<string, unknown> }> {
  const stream = await followEvents(`${service.url}/v1/events`);
  const seen: ReceivedEvent[] = [];
  const events: EventFollower = {
    async next() {
      const event = await stream.next();
      seen.push(event);
      return event;
    },
    async until(done) {
      const from = seen.length;
      for (;;) {
        const event = await this.next();
        if (done(event)) return seen.slice(from);
      }
    },
    close: () => stream.close(),
  };
  try {
    expect((await events.next()).event).toBe('hello');
    const placed = await call(service, 'POST', '/v1/orders', order);
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId as string;
    await during?.(orderId, events);
    await events.until(doneFor(orderId));
    const final = await call(service, 'GET', `/v1/orders/${orderId}`);
    return { orderId, events: seen, final: final.body };
  } finally {
    events.close();
  }
}

/** The invariants every finished order keeps: fills add up, no child overfills, the limit holds. */
function expectConsistent(order: Record<string, unknown>): void {
  const fills = order.fills as Fill[];
  const children = order.children as Child[];
  const filled = fills.reduce((sum, fill) => sum.plus(fill.qty), new Big(0));
  expect(filled.eq(order.cumQty as string)).toBe(true);
  for (const child of children) expect(new Big(child.cumQty).lte(child.quantity)).toBe(true);
  expect(new Big(order.cumQty as string).lte(order.quantity as string)).toBe(true);
  const limit = order.limitPrice as string | undefined;
  if (limit !== undefined && fills.length > 0) {
    const buy = order.side === 'buy';
    for (const fill of fills)
      expect(buy ? new Big(fill.px).lte(limit) : new Big(fill.px).gte(limit)).toBe(true);
    const avg = new Big(order.avgPx as string);
    expect(buy ? avg.lte(limit) : avg.gte(limit)).toBe(true);
  }
}

describe.each([
  ['take', { side: 'buy', symbol: 'BTC-USD', quantity: '0.75', limitPrice: '80000', algo: 'take' }],
  ['take', { side: 'SELL', symbol: 'ETH-USD', quantity: '3', limitPrice: '1000', algo: 'take' }],
  ['peg', { side: 'buy', symbol: 'SOL-USD', quantity: '20', limitPrice: '1000', algo: 'peg' }],
])('%s, end to end', (_algo, order) => {
  it(`fills ${JSON.stringify(order)} completely within its limit`, async () => {
    const { orderId, events, final } = await placeAndFollow(order);
    const kinds = events.filter((e) => e.data.orderId === orderId).map((e) => e.event);
    expect(kinds[0]).toBe('accepted');
    expect(kinds).toContain('child_sent');
    expect(kinds).toContain('fill');
    expect(kinds.at(-1)).toBe('done');
    expect(final.status).toBe('filled');
    expect(final.cumQty).toBe(new Big(order.quantity).toFixed());
    expect(final.leavesQty).toBe('0');
    expectConsistent(final);
  });
});

/**
 * How a twap on the wall clock ends: it traded, then ended filled, or expired with exactly the
 * unfilled rest of `quantity` left and saying so; every fill within its limit.
 */
function expectEndedBySchedule(final: Record<string, unknown>, quantity: string): void {
  expect(final.quantity).toBe(quantity);
  expect(['filled', 'expired']).toContain(final.status);
  const cumQty = new Big(final.cumQty as string);
  expect(cumQty.gt(0)).toBe(true);
  expect(new Big(final.leavesQty as string).eq(new Big(quantity).minus(cumQty))).toBe(true);
  if (final.status === 'expired') expect(final.text).toContain('unfilled');
  expectConsistent(final);
}

/**
 * A twap's schedule runs on the wall clock here: on a loaded machine its slices can fall due
 * together and take one thin touch (the paper venue fills an IOC from the touch's size only), so
 * whether the last IOC fills the rest depends on timing. What holds at any speed: it trades, it
 * ends by its schedule, filled or expired with exactly the unfilled rest left, within its limit.
 * The slice schedule itself is tested on a virtual clock in test/algos/twap.test.ts.
 */
describe('twap, end to end', () => {
  it('trades within its limit and ends by its schedule, filled or expired with the rest', async () => {
    const order = {
      side: 'sell',
      symbol: 'BTC-USD',
      quantity: '0.4',
      limitPrice: '100',
      algo: 'twap',
      params: { durationMs: 600, slices: 4 },
    };
    const { orderId, events, final } = await placeAndFollow(order);
    const own = events.filter((e) => e.data.orderId === orderId);
    const kinds = own.map((e) => e.event);
    expect(kinds[0]).toBe('accepted');
    expect(kinds).toContain('child_sent');
    expect(kinds).toContain('fill');
    expect(kinds.at(-1)).toBe('done');
    expectEndedBySchedule(final, order.quantity);
  });
});

describe('cancel and replace mid-execution', () => {
  it('a cancelled twap stops between slices, keeping what filled', async () => {
    const order = {
      side: 'buy',
      symbol: 'ETH-USD',
      quantity: '10',
      algo: 'twap',
      params: { durationMs: 60_000, slices: 10 },
    };
    const { final, events } = await placeAndFollow(order, async (orderId, stream) => {
      await stream.until((e) => e.event === 'fill' && e.data.orderId === orderId);
      const cancelled = await call(service, 'DELETE', `/v1/orders/${orderId}`);
      expect(cancelled.status).toBe(202);
    });
    expect(final.status).toBe('canceled');
    expect(new Big(final.cumQty as string).gt(0)).toBe(true);
    expect(new Big(final.cumQty as string).lt(10)).toBe(true);
    expect(events.at(-1)?.data.status).toBe('canceled');
    expectConsistent(final);
    const late = await call(service, 'DELETE', `/v1/orders/${final.orderId}`);
    expect(late.status).toBe(409);
  });

  it('a twap replaced to a larger quantity works to the new quantity', async () => {
    const order = {
      side: 'sell',
      symbol: 'SOL-USD',
      quantity: '10',
      algo: 'twap',
      // Long enough that the replace lands before the schedule ends, when the twap expires.
      params: { durationMs: 2000, slices: 4 },
    };
    const { final, events } = await placeAndFollow(order, async (orderId, stream) => {
      await stream.until((e) => e.event === 'fill' && e.data.orderId === orderId);
      const replaced = await call(service, 'PATCH', `/v1/orders/${orderId}`, { quantity: '16' });
      expect(replaced.status).toBe(202);
    });
    // The slices after the replace aim at the new quantity: a child goes out after it.
    const replacedAt = events.findIndex((e) => e.event === 'replaced');
    expect(replacedAt).toBeGreaterThan(0);
    expect(events.slice(replacedAt).some((e) => e.event === 'child_sent')).toBe(true);
    expectEndedBySchedule(final, '16');
  });

  it('a resting peg replaced to a new limit reprices, then cancels cleanly', async () => {
    const order = {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '1',
      limitPrice: '1000',
      algo: 'peg',
    };
    const { final, events } = await placeAndFollow(order, async (orderId, stream) => {
      await stream.until((e) => e.event === 'child_acknowledged' && e.data.orderId === orderId);
      const replaced = await call(service, 'PATCH', `/v1/orders/${orderId}`, {
        limitPrice: '1001',
      });
      expect(replaced.status).toBe(202);
      await stream.until((e) => e.event === 'child_replaced' && e.data.orderId === orderId);
      expect((await call(service, 'DELETE', `/v1/orders/${orderId}`)).status).toBe(202);
    });
    const child = (events.find((e) => e.event === 'child_replaced')?.data.child ?? {}) as Child & {
      limitPrice: string;
    };
    expect(child.limitPrice).toBe('1001');
    expect(final).toMatchObject({ status: 'canceled', cumQty: '0', limitPrice: '1001' });
    expect((final.children as { status: string }[]).every((c) => c.status === 'canceled')).toBe(
      true,
    );
  });
});
