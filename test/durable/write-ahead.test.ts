import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { decimal } from '../../src/market/decimal.js';
import { durableApp, HeldJournal, ORDER, SpyVenue, turns } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(options: { ready?: boolean } = {}) {
  const journal = new HeldJournal();
  const venue = new SpyVenue();
  const delegated: string[] = [];
  const { app, engine } = await durableApp(journal, venue, delegated, options);
  cleanups.push(async () => {
    journal.release();
    await app.close();
    await engine.stop();
  });
  return { journal, venue, delegated, app, engine };
}

describe('write-ahead intake', () => {
  it('answers POST /v1/orders only once its instruction committed, and sends the child only once its intent committed', async () => {
    const { journal, venue, delegated, app } = await setUp();
    let answered = false;
    const response = app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    void response.then(() => {
      answered = true;
    });
    await turns();
    expect(answered).toBe(false);
    expect(delegated).toEqual([]);
    expect(venue.submitted).toEqual([]);
    expect(journal.held).toBe(1);

    journal.release();
    const placed = await response;
    expect(placed.statusCode).toBe(201);
    const { orderId } = placed.json();
    expect(journal.rows[0]).toMatchObject({
      kind: 'instruction_accepted',
      orderId,
      body: { msgType: 'new', orderId, quantity: '1', side: 'buy', symbol: 'BTC-USD' },
    });
    await turns();
    expect(delegated).toEqual([orderId]);
    expect(venue.submitted).toEqual([]);

    journal.release();
    await turns();
    expect(venue.submitted.map((child) => child.clOrdId)).toEqual([`${orderId}-1`]);
    expect(journal.rows[1]).toMatchObject({
      kind: 'child_intent',
      idempotencyKey: `intent:${orderId}-1`,
      body: { clOrdId: `${orderId}-1`, parentId: orderId, venue: 'spy', quantity: '1' },
    });
  });

  it('journals venue reports and fills, and holds order events for watchers until they committed', async () => {
    const { journal, venue, app, engine } = await setUp();
    const seen: string[] = [];
    engine.events.on('event', (event: ServiceEvent) => {
      if (event.type === 'order') seen.push(event.event.kind);
    });
    const placing = app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    await turns();
    journal.release();
    const { orderId } = (await placing).json();
    await turns();
    expect(seen).toEqual([]);
    journal.release();
    await turns();
    expect(seen).toEqual(['accepted']);
    venue.report(
      {
        orderId,
        clOrdId: `${orderId}-1`,
        execId: 'x1',
        execType: 'trade',
        status: 'filled',
        lastQty: decimal('1'),
        lastPx: decimal('100'),
        transactTime: 1,
      },
      '7',
    );
    await turns();
    expect(seen).toEqual(['accepted']);
    // The report reaches the order only once its rows committed (the journal's order is the
    // engine's), and what it caused is shown once those rows committed in turn.
    journal.release();
    await turns();
    expect(seen).toEqual(['accepted']);
    journal.release();
    await turns();
    expect(seen).toEqual(['accepted', 'fill', 'done']);
    journal.release();
    const kinds = journal.rows.map((row) => row.kind);
    expect(kinds).toEqual([
      'instruction_accepted',
      'child_intent',
      'venue_report',
      'fill',
      'order_completed',
    ]);
    expect(journal.rows[2]!.body).toMatchObject({ cursor: '7', execId: 'x1', status: 'filled' });
    expect(journal.rows[3]).toMatchObject({
      idempotencyKey: 'fill:spy:x1',
      body: { venue: 'spy', execId: 'x1', qty: '1', px: '100', cursor: '7' },
    });
    expect(journal.rows[4]!.body).toEqual({ status: 'filled' });
  });

  it('answers 503 journal_unavailable when the journal fails, and nothing reaches a delegate or the venue', async () => {
    const { journal, venue, delegated, app, engine } = await setUp();
    const errors: ServiceEvent[] = [];
    engine.events.on('event', (event) => {
      if (event.type === 'engine_error') errors.push(event);
    });
    const placing = app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    await turns();
    journal.fail('database or disk is full');
    const refused = await placing;
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toEqual({
      error: 'journal_unavailable',
      message: 'journal unavailable: database or disk is full',
    });
    const later = await app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    expect(later.statusCode).toBe(503);
    expect(later.json().error).toBe('journal_unavailable');
    await turns();
    expect(delegated).toEqual([]);
    expect(venue.submitted).toEqual([]);
    expect(engine.dispatcher.size).toBe(0);
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({
      status: 'journal_unavailable',
      reason: 'journal unavailable: database or disk is full',
    });
    expect(errors).toEqual([
      {
        type: 'engine_error',
        error: 'journal_unavailable',
        message: 'intake stopped: journal unavailable: database or disk is full',
      },
    ]);
  });

  it('rejects a child whose intent cannot be journaled: the request never leaves', async () => {
    const { journal, venue, app, engine } = await setUp();
    const placing = app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    await turns();
    journal.release();
    const { orderId } = (await placing).json();
    await turns();
    const reports: string[] = [];
    engine.dispatcher.on('reported', (report) => reports.push(`${report.status}:${report.text}`));
    journal.fail('I/O error');
    await turns();
    expect(venue.submitted).toEqual([]);
    expect(reports).toEqual(['rejected:journal unavailable']);
    expect(engine.store.get(orderId)).toBeDefined();
  });

  it('refuses without journaling what fails its checks: unknown symbol 422, unknown order 404', async () => {
    const { journal, app } = await setUp();
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: { ...ORDER, symbol: 'DOGE-USD' },
    });
    expect(unknown.statusCode).toBe(422);
    const missing = await app.inject({ method: 'DELETE', url: '/v1/orders/exo-nope' });
    expect(missing.statusCode).toBe(404);
    expect(journal.held).toBe(0);
    expect(journal.rows).toEqual([]);
  });

  it('answers mutating requests 503 recovering with Retry-After until ready(), while reads work', async () => {
    const { app, engine } = await setUp({ ready: false });
    expect(engine.phase).toBe('recovering');
    const refused = await app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toBe('recovering');
    expect(refused.headers['retry-after']).toBe('1');
    const cancel = await app.inject({ method: 'DELETE', url: '/v1/orders/exo-1' });
    expect(cancel.statusCode).toBe(503);
    expect((await app.inject({ url: '/v1/orders' })).statusCode).toBe(200);
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json().status).toBe('recovering');
    engine.ready();
    expect(engine.phase).toBe('ready');
    expect((await app.inject({ url: '/healthz' })).json().status).toBe('ok');
  });
});
