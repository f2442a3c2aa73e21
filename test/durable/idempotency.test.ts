import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { useTempDir } from '../journal/helpers.js';
import { durableApp, ORDER, SpyVenue, turns } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function open(path: string) {
  const journal = SqliteJournal.open(path);
  const venue = new SpyVenue();
  const { app, engine } = await durableApp(journal, venue);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await engine.stop();
  };
  cleanups.push(close);
  return { journal, venue, app, engine, close };
}

function post(app: Awaited<ReturnType<typeof open>>['app'], key: string, body: object = ORDER) {
  return app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: { 'idempotency-key': key },
    body,
  });
}

describe('Idempotency-Key', () => {
  const tempDir = useTempDir();

  it('answers a repeat with the identical stored response and places one order', async () => {
    const { app, engine } = await open(join(tempDir(), 'journal.db'));
    const first = await post(app, 'key-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await turns();
    const again = await post(app, 'key-1', {
      algo: 'take',
      quantity: '1',
      symbol: 'BTC-USD',
      side: 'buy',
    });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(engine.store.list()).toHaveLength(1);
  });

  it('refuses the key with another body: 422 naming the key, and no order', async () => {
    const { app, engine } = await open(join(tempDir(), 'journal.db'));
    await post(app, 'key-2');
    const other = await post(app, 'key-2', { ...ORDER, quantity: '2' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({
      error: 'idempotency_key_reused',
      message: 'Idempotency-Key "key-2" was already used with a different request',
    });
    expect(engine.store.list()).toHaveLength(1);
  });

  it('places one order for a repeat sent while the first is still in flight', async () => {
    const { app, engine } = await open(join(tempDir(), 'journal.db'));
    const answers = await Promise.all([post(app, 'key-3'), post(app, 'key-3'), post(app, 'key-3')]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(
      answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true'),
    ).toHaveLength(2);
    expect(engine.store.list()).toHaveLength(1);
  });

  it('keeps its answers across a restart: the index is rebuilt from the journal', async () => {
    const path = join(tempDir(), 'journal.db');
    const before = await open(path);
    const placed = await post(before.app, 'key-4');
    const { orderId } = placed.json();
    const cancelled = await before.app.inject({
      method: 'DELETE',
      url: `/v1/orders/${orderId}`,
      headers: { 'idempotency-key': 'cancel-4' },
    });
    expect(cancelled.statusCode).toBe(202);
    const refused = await post(before.app, 'key-5', { ...ORDER, params: { refuse: 'no' } });
    expect(refused.statusCode).toBe(422);
    await before.close();

    const after = await open(path);
    const replayed = await post(after.app, 'key-4');
    expect(replayed.statusCode).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(placed.body);
    const cancelAgain = await after.app.inject({
      method: 'DELETE',
      url: `/v1/orders/${orderId}`,
      headers: { 'idempotency-key': 'cancel-4' },
    });
    expect(cancelAgain.statusCode).toBe(202);
    expect(cancelAgain.body).toBe(cancelled.body);
    const refusedAgain = await post(after.app, 'key-5', { ...ORDER, params: { refuse: 'no' } });
    expect(refusedAgain.statusCode).toBe(422);
    expect(refusedAgain.headers['idempotent-replayed']).toBe('true');
    expect(refusedAgain.body).toBe(refused.body);
    expect((await post(after.app, 'key-4', { ...ORDER, quantity: '3' })).statusCode).toBe(422);
    expect(after.engine.store.list()).toEqual([]);
  });

  it('answers a retry of a new order refused in a journal that kept no answer: 422 invalid_instruction', async () => {
    const path = join(tempDir(), 'journal.db');
    const before = await open(path);
    const refused = await post(before.app, 'key-6', { ...ORDER, params: { refuse: 'no' } });
    expect(refused.statusCode).toBe(422);
    await before.close();
    // As exo wrote the refusal before it journaled the answer with it.
    const db = new Database(path);
    db.prepare(
      "UPDATE journal SET body = json_remove(body, '$.idempotency') WHERE kind = 'order_completed'",
    ).run();
    db.close();

    const after = await open(path);
    const refusedAgain = await post(after.app, 'key-6', { ...ORDER, params: { refuse: 'no' } });
    expect(refusedAgain.statusCode).toBe(422);
    expect(refusedAgain.json()).toEqual(refused.json());
    expect(refusedAgain.json().error).toBe('invalid_instruction');
    // The key is remembered (the retry was answered, not run again): another body is refused.
    const reused = await post(after.app, 'key-6');
    expect(reused.json().error).toBe('idempotency_key_reused');
    expect(after.engine.store.list()).toEqual([]);
  });

  it('refuses a malformed key with 400', async () => {
    const { app } = await open(join(tempDir(), 'journal.db'));
    const response = await post(app, 'a b');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('Idempotency-Key');
  });
});

describe('a fill delivered twice', () => {
  const tempDir = useTempDir();

  it('is applied and journaled once, and counted in exo_fills_duplicate_total', async () => {
    const { app, engine, venue, journal } = await open(join(tempDir(), 'journal.db'));
    const { orderId } = (await post(app, 'fill-1', { ...ORDER, quantity: '2' })).json();
    await turns();
    const fill = {
      orderId,
      clOrdId: `${orderId}-1`,
      execId: 'x1',
      execType: 'trade' as const,
      status: 'partially_filled' as const,
      lastQty: decimal('1'),
      lastPx: decimal('100'),
      transactTime: 1,
    };
    venue.report(fill, '1');
    venue.report(fill, '1');
    await turns();
    venue.report(fill);
    await journal.committed();
    await turns();
    const order = engine.store.get(orderId)!;
    expect(order.cumQty.toString()).toBe('1');
    expect(order.fills).toHaveLength(1);
    const rows = [...journal.readFrom(0)].filter((row) => row.kind === 'fill');
    expect(rows).toHaveLength(1);
    const metrics = await (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^exo_fills_duplicate_total 2$/m);
  });
});
