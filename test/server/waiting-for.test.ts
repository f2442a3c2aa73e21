import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Engine } from '../../src/engine/engine.js';
import type { FeedState } from '../../src/feeds/index.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { buildApp } from '../../src/server/app.js';
import { orderBody } from './app-helpers.js';
import { canceledReport, fakeEngine, openIntake } from './fake-engine.js';

let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
});

/** An app over a fake engine on a scripted market, behind a feed whose state the test sets. */
async function appOnFeed() {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const feed = {
    exchange: 'coinbase' as const,
    state: 'live' as FeedState,
    stateSince: clock.now(),
  };
  const made = fakeEngine({ clock, marketData: market, feeds: [feed] });
  engine = made.engine;
  await engine.start();
  await openIntake(engine);
  const app = await buildApp({ engine, logger: pino({ level: 'silent' }) });
  const placed = await app.inject({ method: 'POST', url: '/v1/orders', body: orderBody() });
  const orderId: string = placed.json().orderId;
  const shown = async () => ({
    one: (await app.inject({ url: `/v1/orders/${orderId}` })).json(),
    listed: (await app.inject({ url: '/v1/orders' })).json()[0],
  });
  const quote = () =>
    market.publishQuote(
      new Quote('BTC-USD', decimal('99'), decimal('1'), decimal('101'), decimal('1'), clock.now()),
    );
  return { app, feed, shown, quote, orderId, venue: made.venue };
}

describe('an order on a symbol without market data', () => {
  it('says it waits for market data until a quote arrives, and again while the feed is down', async () => {
    const { app, feed, shown, quote } = await appOnFeed();
    let order = await shown();
    expect(order.one).toMatchObject({ status: 'new', waitingFor: 'market_data' });
    expect(order.listed).toMatchObject({ status: 'new', waitingFor: 'market_data' });

    quote();
    order = await shown();
    expect(order.one.waitingFor).toBeUndefined();
    expect(order.listed.waitingFor).toBeUndefined();

    feed.state = 'reconnecting';
    order = await shown();
    expect(order.one.waitingFor).toBe('market_data');
    await app.close();
  });

  it('does not say so once the order is complete', async () => {
    const { app, shown, orderId, venue } = await appOnFeed();
    const canceled = await app.inject({ method: 'DELETE', url: `/v1/orders/${orderId}` });
    expect(canceled.statusCode).toBe(202);
    venue.report(canceledReport(orderId));
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    const order = await shown();
    expect(order.one.status).toBe('canceled');
    expect(order.one.waitingFor).toBeUndefined();
    await app.close();
  });
});
