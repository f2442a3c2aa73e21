import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { buildApp } from '../../src/server/app.js';
import { SpyVenue, turns } from './helpers.js';

const TIMEOUT_MS = 1_000;
const RETRY_MS = 300;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('a request the venue never answers', () => {
  it('is unknown, then resolved by the in-flight watch, each journaled like a venue report', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const market = new ScriptedMarket();
    const venue = new SpyVenue(); // takes requests, never answers, never knows an order
    const journal = SqliteJournal.open(':memory:', { clock });
    const engine = new Engine({
      clock,
      marketData: market,
      venue,
      journal,
      createFactory: (listener, journaled, resolved) =>
        createAlgoFactory({
          venue: journaled,
          listener,
          onResolved: resolved,
          inflight: { timeoutMs: TIMEOUT_MS, tries: 2, retryMs: RETRY_MS },
        }),
      algos: ['peg'],
      symbols: ['BTC-USD'],
    });
    await engine.start();
    engine.ready();
    const app = await buildApp({ engine, logger: pino({ level: 'silent' }) });
    cleanups.push(async () => {
      await app.close();
      await engine.stop();
      await journal.close();
    });

    const placed = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: { side: 'buy', symbol: 'BTC-USD', quantity: '1', limitPrice: '100', algo: 'peg' },
    });
    const { orderId } = placed.json();
    market.publishQuote(
      Quote.of({
        symbol: 'BTC-USD',
        bidPx: decimal('99'),
        bidQty: decimal('5'),
        askPx: decimal('101'),
        askQty: decimal('5'),
      }),
    );
    await turns();
    const clOrdId = `${orderId}-1`;
    expect(venue.submitted.map((child) => child.clOrdId)).toEqual([clOrdId]);

    clock.advance(TIMEOUT_MS);
    await turns(10);

    // Unknown: shown on the child, counted in /metrics, never sent again.
    const shown = await app.inject({ method: 'GET', url: `/v1/orders/${orderId}` });
    expect(shown.json().children[0]).toMatchObject({
      clOrdId,
      status: 'pending_new',
      pending: 'new',
      unknown: true,
    });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^exo_children_unknown 1$/m);
    const venueNow = await app.inject({ method: 'GET', url: '/v1/venue' });
    expect(venueNow.json()).toEqual({
      name: venue.name,
      unknownChildren: [{ orderId, clOrdId }],
    });
    expect(venue.submitted).toHaveLength(1);

    // The venue still does not know it: the request never arrived. Rejected as exo's loss, not a
    // verdict, so the order sends another child, under a new client ID.
    clock.advance(RETRY_MS);
    await turns(10);

    const child = engine.store.get(orderId)!.children[0]!;
    expect(child).toMatchObject({ clOrdId, status: 'rejected', text: 'not found at venue' });
    expect(child.unknown).toBeUndefined();
    expect(venue.submitted.map((sent) => sent.clOrdId)).toEqual([clOrdId, `${orderId}-2`]);
    expect(engine.store.get(orderId)!.status).toBe('new');
    const after = await app.inject({ method: 'GET', url: '/metrics' });
    expect(after.body).toMatch(/^exo_children_unknown 0$/m);
    const venueAfter = await app.inject({ method: 'GET', url: '/v1/venue' });
    expect(venueAfter.json().unknownChildren).toEqual([]);
    const verdicts = [...journal.readFrom(1)].filter((row) => row.kind === 'venue_report');
    expect(verdicts).toEqual([
      expect.objectContaining({
        orderId,
        body: expect.objectContaining({
          clOrdId,
          execType: 'unknown',
          status: 'pending_new',
          text: `no answer from venue in ${TIMEOUT_MS} ms`,
        }),
      }),
      expect.objectContaining({
        orderId,
        body: expect.objectContaining({
          clOrdId,
          execType: 'rejected',
          status: 'rejected',
          text: 'not found at venue',
        }),
      }),
    ]);
    // Journaled before what the engine did because of it (here: a new child), so a restart
    // replays the verdict instead of finding the child still pending.
    const kinds = [...journal.readFrom(1)].map((row) => row.kind);
    expect(kinds).toEqual([
      'instruction_accepted',
      'child_intent',
      'venue_report',
      'venue_report',
      'child_intent',
    ]);
  });
});
