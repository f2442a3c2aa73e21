import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ALGO_NAMES, createAlgoFactory } from '../../src/algos/index.js';
import { type Clock, VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal, type OrdStatus } from '../../src/market/ord-status.js';
import { Quote } from '../../src/market/quote.js';
import { buildApp } from '../../src/server/app.js';
import type { OrderJSON, OrderSummaryJSON } from '../../src/server/order-json.js';
import type { Waiting } from '../../src/server/waiting-for.js';
import { PaperVenue } from '../../src/venues/paper/index.js';
import type { Venue } from '../../src/venues/venue.js';
import { type JournalStore, useJournalBackends } from '../journal/backends.js';
import { advance, drive } from '../recovery/helpers.js';

const SYMBOL = 'BTC-USD';

/**
 * The paper venue as exo sees it through a connection: closing the connection (as a graceful
 * stop does) leaves the venue, its orders and its fills, for the next exo to find. A connection
 * that loses cancels never passes one on.
 */
function connectionTo(venue: PaperVenue, losesCancels = false): Venue {
  return {
    name: venue.name,
    onReport: (sink) => venue.onReport(sink),
    submit: (request) => venue.submit(request),
    replace: (request) => venue.replace(request),
    cancel: (clOrdId) => {
      if (!losesCancels) venue.cancel(clOrdId);
    },
    openOrders: (prefix) => venue.openOrders(prefix),
    orderStatus: (clOrdId) => venue.orderStatus(clOrdId),
    fillsSince: (cursor) => venue.fillsSince(cursor),
    close: async () => {},
  };
}

/**
 * The journal's clock: the engine's, read a few ms later, as the wall clock is by the time a row
 * is appended after the engine took the time of what the row records.
 */
function laterClock(clock: VirtualClock, lagMs: number): Clock {
  return {
    now: () => clock.now() + lagMs,
    setTimer: (time, callback) => clock.setTimer(time, callback),
  };
}

/** What outlives exo: the journal (a SQLite file or a PostgreSQL schema), the market, the venue and the time. */
function world(store: JournalStore, ioPauseMs: number) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const venue = new PaperVenue({ market, clock, latencyMs: 1 });
  // The market quotes to subscribers only as it moves: each order gets the quote once placed.
  const quote = (): void =>
    market.publishQuote(
      Quote.of({
        symbol: SYMBOL,
        bidPx: decimal('100'),
        bidQty: decimal('50'),
        askPx: decimal('101'),
        askQty: decimal('50'),
      }),
    );
  /** Lets `ms` virtual milliseconds pass, giving each the real time the journal's I/O needs. */
  const pass = async (ms: number): Promise<void> => {
    for (let at = 0; at < ms; at++) {
      await advance(clock, 1);
      if (ioPauseMs > 0) await new Promise((resolve) => setTimeout(resolve, ioPauseMs));
    }
  };
  return { store, clock, market, venue, quote, pass };
}

type World = ReturnType<typeof world>;

/** One life of the service: an engine with the reference algorithms on the journal file, served. */
async function startService(world: World, options: { losesCancels?: boolean } = {}) {
  const { store, clock, market, venue } = world;
  const engine = new Engine({
    clock,
    marketData: market,
    venue: connectionTo(venue, options.losesCancels),
    journal: await store.open({ clock: laterClock(clock, 7) }),
    createFactory: (listener, journaled) => createAlgoFactory({ venue: journaled, listener }),
    algos: ALGO_NAMES,
    symbols: [SYMBOL],
  });
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  const app = await buildApp({ engine, logger: pino({ level: 'silent' }) });
  /** Places an order and lets the venue answer what its algorithm sent; returns the order ID. */
  const place = async (body: object): Promise<string> => {
    const response = await app.inject({ method: 'POST', url: '/v1/orders', body });
    expect(response.statusCode).toBe(201);
    await world.pass(1);
    world.quote();
    await world.pass(10);
    return (response.json() as { orderId: string }).orderId;
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= app.close().then(() => engine.stop());
    return stopping;
  };
  running.push(stop);
  return { app, place, stop };
}

/** How to stop each service started, so that a failed test leaves none running. */
const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function get(app: FastifyInstance, url: string): Promise<unknown> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** An order as shown, less when a live one last changed: being restored is a change. */
function comparable(order: { status: OrdStatus; updatedAt: number; waitingFor?: string }): object {
  if (isTerminal(order.status)) return order;
  // waitingFor is worked out from the quotes this process has seen: a restarted exo, none yet.
  const { updatedAt: _updatedAt, waitingFor: _waitingFor, ...rest } = order;
  return rest;
}

/**
 * Every order as GET /v1/orders lists it and GET /v1/orders/:id shows it, and each completed
 * order's answer body as sent, byte for byte.
 */
async function view(app: FastifyInstance) {
  const list = (await get(app, '/v1/orders')) as OrderSummaryJSON[];
  const details = (await Promise.all(
    list.map(({ orderId }) => get(app, `/v1/orders/${orderId}`)),
  )) as OrderJSON[];
  const completed: Record<string, string> = {};
  for (const { orderId, status } of list) {
    if (!isTerminal(status)) continue;
    completed[orderId] = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}` })).body;
  }
  return { list, details, completed };
}

const backends = useJournalBackends();

describe.each(backends)('the HTTP view across a graceful restart, on $name', (backend) => {
  it.skipIf(backend.skip)(
    'shows the same orders, figures, fills, statuses and times on the same journal after a restart',
    async () => {
      const w = world(backend.store(), backend.ioPauseMs);
      const first = await startService(w);
      const { place } = first;
      const order = { side: 'buy', symbol: SYMBOL };
      const filledBuy = await place({ ...order, quantity: '1', limitPrice: '102', algo: 'take' });
      const filledSell = await place({ ...order, side: 'sell', quantity: '2', algo: 'take' });
      const resting = await place({ ...order, quantity: '2', limitPrice: '90', algo: 'peg' });
      const twap = await place({
        ...order,
        quantity: '3',
        algo: 'twap',
        params: { durationMs: 60_000, slices: 3 },
      });
      const cancelled = await place({ ...order, quantity: '1', limitPrice: '90', algo: 'peg' });
      const deleted = await first.app.inject({ method: 'DELETE', url: `/v1/orders/${cancelled}` });
      expect(deleted.statusCode).toBe(202);
      await w.pass(10);

      const before = await view(first.app);
      const statuses = Object.fromEntries(before.list.map((o) => [o.orderId, o.status]));
      expect(statuses).toEqual({
        [filledBuy]: 'filled',
        [filledSell]: 'filled',
        [resting]: 'new',
        [twap]: 'partially_filled',
        [cancelled]: 'canceled',
      });
      await first.stop();

      const second = await startService(w);
      const after = await view(second.app);
      await second.stop();
      const live = (after.list as Array<OrderSummaryJSON & Waiting>).filter(
        (o) => !isTerminal(o.status),
      );
      expect(live.length).toBeGreaterThan(0);
      for (const order of live) expect(order.waitingFor).toBe('market_data');

      expect(after.list.map(comparable)).toEqual(before.list.map(comparable));
      expect(after.details.map(comparable)).toEqual(before.details.map(comparable));
      // Every field of a completed order reads the same, its times and its children's included.
      expect(Object.keys(before.completed)).toHaveLength(3);
      expect(after.completed).toEqual(before.completed);
    },
  );

  it.skipIf(backend.skip)(
    'keeps client order IDs across a restart: shown, searchable, and still taken',
    async () => {
      const w = world(backend.store(), backend.ioPauseMs);
      const first = await startService(w);
      const order = { side: 'buy', symbol: SYMBOL, quantity: '1' };
      const filled = await first.place({
        ...order,
        limitPrice: '102',
        algo: 'take',
        clientOrderId: 'c-filled',
      });
      const resting = await first.place({
        ...order,
        limitPrice: '90',
        algo: 'peg',
        clientOrderId: 'c-resting',
      });
      await first.stop();

      const second = await startService(w);
      for (const [clientOrderId, orderId, status] of [
        ['c-filled', filled, 'filled'],
        ['c-resting', resting, 'new'],
      ] as const) {
        const found = (await get(
          second.app,
          `/v1/orders?clientOrderId=${clientOrderId}`,
        )) as OrderSummaryJSON[];
        expect(found.map((o) => [o.orderId, o.clientOrderId, o.status])).toEqual([
          [orderId, clientOrderId, status],
        ]);
        const again = await second.app.inject({
          method: 'POST',
          url: '/v1/orders',
          body: { ...order, algo: 'take', clientOrderId },
        });
        expect([again.statusCode, again.json().error]).toEqual([409, 'duplicate_client_order_id']);
      }
    },
  );

  it.skipIf(backend.skip)(
    'keeps refusing a second cancel, or a replace, of an order whose cancel was pending at the stop',
    async () => {
      const w = world(backend.store(), backend.ioPauseMs);
      const first = await startService(w, { losesCancels: true });
      const orderId = await first.place({
        side: 'buy',
        symbol: SYMBOL,
        quantity: '1',
        limitPrice: '90',
        algo: 'peg',
      });
      const cancel = (app: FastifyInstance) =>
        app.inject({ method: 'DELETE', url: `/v1/orders/${orderId}` });
      expect((await cancel(first.app)).statusCode).toBe(202);
      await w.pass(10);
      await first.stop();

      const second = await startService(w);
      expect((await get(second.app, `/v1/orders/${orderId}`)) as OrderJSON).toMatchObject({
        status: 'pending_cancel',
      });
      const again = await cancel(second.app);
      expect([again.statusCode, again.json().error]).toEqual([409, 'cancel_pending']);
      const replaced = await second.app.inject({
        method: 'PATCH',
        url: `/v1/orders/${orderId}`,
        body: { quantity: '2' },
      });
      expect([replaced.statusCode, replaced.json().error]).toEqual([409, 'replace_after_cancel']);

      // The cancel's answer needs a few journal commits: on PostgreSQL under load those can take
      // longer than ten steps' pauses, so time passes until the order ends (at most 1 s of it).
      const status = async () =>
        ((await get(second.app, `/v1/orders/${orderId}`)) as OrderJSON).status;
      for (let waited = 0; waited < 1_000 && (await status()) === 'pending_cancel'; waited += 10) {
        await w.pass(10);
      }
      expect((await get(second.app, `/v1/orders/${orderId}`)) as OrderJSON).toMatchObject({
        status: 'canceled',
        quantity: '1',
      });
      await second.stop();
    },
  );
});
