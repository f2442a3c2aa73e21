import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { canceledReport, fakeEngine, fillReport, openIntake } from './fake-engine.js';
import { followEvents } from './sse-client.js';

let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server over a fake engine, started as `exo` starts: listening, recovered, intake open. */
async function serve(token?: string, clock = new VirtualClock(0), market = new ScriptedMarket()) {
  const { engine, venue } = fakeEngine({ clock, marketData: market, quoteIntervalMs: 100 });
  server = await startServer(engine, pino({ level: 'silent' }), {
    host: '127.0.0.1',
    port: 0,
    ...(token === undefined ? {} : { token }),
  });
  await openIntake(engine);
  return { url: server.url, venue };
}

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('GET /v1/events', () => {
  it('starts with hello, then streams the order lifecycle in order, decimals as strings', async () => {
    const { url, venue } = await serve();
    const first = await post(url, { side: 'buy', symbol: 'BTC-USD', quantity: '1', algo: 'take' });
    const events = await followEvents(`${url}/v1/events`);
    const hello = await events.next();
    expect(hello.event).toBe('hello');
    expect(hello.data).toMatchObject({
      symbols: ['BTC-USD', 'ETH-USD', 'SOL-USD'],
      algos: ['take', 'peg', 'twap'],
      orders: [{ orderId: first.orderId, status: 'new' }],
      stats: { liveOrders: 1 },
    });
    const order = await post(url, { side: 'sell', symbol: 'ETH-USD', quantity: '2', algo: 'peg' });
    const orderId = order.orderId as string;
    venue.report(fillReport(orderId, '0.5', '3500.25', 'x1'));
    await fetch(`${url}/v1/orders/${orderId}`, { method: 'DELETE' });
    venue.report(canceledReport(orderId));
    const seen = await events.until((e) => e.event === 'done');
    expect(seen.map((e) => e.event)).toEqual(['accepted', 'fill', 'cancel_requested', 'done']);
    expect(seen[1]?.data).toMatchObject({
      orderId,
      fill: { execId: 'x1', qty: '0.5', px: '3500.25' },
      order: { cumQty: '0.5', avgPx: '3500.25', leavesQty: '1.5', status: 'partially_filled' },
    });
    expect(seen[3]?.data).toMatchObject({ status: 'canceled', order: { status: 'canceled' } });
    events.close();
  });

  it('sends each symbol quotes throttled: the first at once, the latest at the end of the interval', async () => {
    const clock = new VirtualClock(0);
    const market = new ScriptedMarket();
    const { url } = await serve(undefined, clock, market);
    const events = await followEvents(`${url}/v1/events`);
    await events.next();
    for (let bid = 100; bid < 110; bid++) {
      market.publishQuote(
        Quote.of({
          symbol: 'SOL-USD',
          bidPx: decimal(`${bid}`),
          bidQty: decimal('5'),
          askPx: decimal(`${bid + 1}`),
          askQty: decimal('7'),
        }),
      );
    }
    clock.advance(100);
    const quotes = [await events.next(), await events.next()];
    expect(quotes.map((q) => q.event)).toEqual(['quote', 'quote']);
    expect(quotes.map((q) => q.data.bidPx)).toEqual(['100', '109']);
    expect(quotes[1]?.data).toMatchObject({
      symbol: 'SOL-USD',
      askPx: '110',
      bidQty: '5',
      askQty: '7',
    });
    events.close();
  });

  it('numbers every event, and a client resuming with Last-Event-ID gets what it missed, then live ones', async () => {
    const { url, venue } = await serve();
    const first = await followEvents(`${url}/v1/events`);
    const hello = await first.next();
    expect(hello.id).toMatch(/^[0-9a-f]+-0$/);
    const a = await post(url, { side: 'buy', symbol: 'BTC-USD', quantity: '1', algo: 'take' });
    const accepted = await first.next();
    expect(accepted).toMatchObject({ event: 'accepted', data: { orderId: a.orderId } });
    expect(accepted.id).not.toBe(hello.id);
    first.close();

    const missedOrder = await post(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '1',
      algo: 'take',
    });
    venue.report(fillReport(missedOrder.orderId as string, '0.5', '100', 'm1'));
    const resumed = await followEvents(`${url}/v1/events`, undefined, accepted.id);
    const missed = await resumed.until((e) => e.event === 'fill');
    expect(missed.map((e) => [e.event, e.data.orderId])).toEqual([
      ['accepted', missedOrder.orderId],
      ['fill', missedOrder.orderId],
    ]);
    const live = await post(url, { side: 'buy', symbol: 'BTC-USD', quantity: '1', algo: 'take' });
    expect(await resumed.next()).toMatchObject({
      event: 'accepted',
      data: { orderId: live.orderId },
    });
    const ids = [accepted, ...missed].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    resumed.close();
  });

  it.each([
    ['from another run of exo', 'deadbeef-1'],
    ['malformed', 'yesterday'],
  ])('answers a Last-Event-ID %s with reset, then hello', async (_case, lastEventId) => {
    const { url } = await serve();
    const events = await followEvents(`${url}/v1/events`, undefined, lastEventId);
    const reset = await events.next();
    expect(reset).toMatchObject({ event: 'reset', data: { lastEventId } });
    expect(reset.id).toBeUndefined();
    expect((await events.next()).event).toBe('hello');
    events.close();
  });

  it('requires the token when one is set, and ends streams when the server closes', async () => {
    const { url } = await serve('tok');
    await expect(followEvents(`${url}/v1/events`)).rejects.toThrow('401');
    await expect(followEvents(`${url}/v1/events`, 'wrong')).rejects.toThrow('401');
    const events = await followEvents(`${url}/v1/events`, 'tok');
    expect((await events.next()).event).toBe('hello');
    const closing = server!.close();
    await expect(events.next()).rejects.toThrow();
    await closing;
  });
});
