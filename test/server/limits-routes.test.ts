import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { RecoveryBook } from '../../src/recovery/recovery-book.js';
import { buildApp } from '../../src/server/app.js';
import { useTempDir } from '../journal/helpers.js';
import { orderBody } from './app-helpers.js';
import { fakeAlgos, openIntake, scriptedVenue } from './fake-engine.js';

const FILE_LIMITS = { defaults: { maxParentQuantity: '10' } };

let app: FastifyInstance;
let engine: Engine;
let journal: SqliteJournal;

/** Starts an engine and its app, with the file's limits or none, on `path`'s journal or in memory. */
async function start(withLimits: boolean, path?: string): Promise<void> {
  const clock = new VirtualClock(1_700_000_000_000);
  journal = path === undefined ? SqliteJournal.inMemory({ clock }) : SqliteJournal.open(path);
  engine = new Engine({
    clock,
    marketData: new ScriptedMarket(),
    venue: scriptedVenue(),
    journal,
    createFactory: fakeAlgos,
    algos: ['take'],
    symbols: ['BTC-USD'],
    ...(withLimits
      ? { limits: { defaults: { maxParentQuantity: decimal('10') }, perSymbol: {} } }
      : {}),
  });
  await engine.start();
  await openIntake(engine);
  app = await buildApp({ engine, logger: pino({ level: 'silent' }) });
}

afterEach(async () => {
  await app.close();
  await engine.stop();
});

function put(body: unknown) {
  return app.inject({ method: 'PUT', url: '/v1/limits', body: body as object });
}

function limitsRows() {
  return [...journal.readFrom(0)].filter((row) => row.kind === 'limits_changed');
}

describe('GET and PUT /v1/limits', () => {
  beforeEach(() => start(true));

  it('shows the limits in force as the file holds them', async () => {
    const response = await app.inject({ url: '/v1/limits' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...FILE_LIMITS, perSymbol: {} });
  });

  it('puts new limits in force at once and journals who set them', async () => {
    const next = { maxOpenParents: 5, defaults: { maxParentQuantity: '2' }, perSymbol: {} };
    const response = await put(next);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(next);
    expect((await app.inject({ url: '/v1/limits' })).json()).toEqual(next);
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody({ quantity: '3' }),
    });
    expect(refused.json()).toMatchObject({ rule: 'maxParentQuantity', limit: '2', value: '3' });
    const rows = limitsRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.orderId).toBe('~limits');
    expect(rows[0]?.body).toEqual({ by: 'http', limits: next });
  });

  it('refuses limits that are not valid with 400 naming the field, and keeps the old ones', async () => {
    const response = await put({ defaults: { maxParentQuantity: 2 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      message:
        'request body: defaults.maxParentQuantity: expected a decimal as a string, e.g. "250000", got 2',
    });
    expect((await put({ defaults: {}, extra: 1 })).json().message).toMatch(
      /^request body: extra: unknown field/,
    );
    expect((await app.inject({ url: '/v1/limits' })).json()).toEqual({
      ...FILE_LIMITS,
      perSymbol: {},
    });
    expect(limitsRows()).toHaveLength(0);
  });
});

describe('after a restart', () => {
  const tempDir = useTempDir();

  it('limits a PUT journaled hold again without a file, and a file given at start wins', async () => {
    const path = join(tempDir(), 'journal.db');
    const put1 = { defaults: { maxParentQuantity: '3' }, perSymbol: {} };
    await start(false, path);
    expect((await put(put1)).statusCode).toBe(200);
    await app.close();
    await engine.stop();

    await start(false, path);
    expect((await app.inject({ url: '/v1/limits' })).json()).toEqual(put1);
    await app.close();
    await engine.stop();

    await start(true, path);
    expect((await app.inject({ url: '/v1/limits' })).json()).toEqual({
      ...FILE_LIMITS,
      perSymbol: {},
    });
  });

  it('counts the open parents recovery brought back against maxOpenParents', async () => {
    const path = join(tempDir(), 'journal.db');
    await start(false, path);
    await put({ defaults: { maxOpenParents: 1 } });
    const post = () =>
      app.inject({ method: 'POST', url: '/v1/orders', body: orderBody({ quantity: '1' }) });
    expect((await post()).statusCode).toBe(201);
    await app.close();
    await engine.stop();

    await start(false, path);
    expect(engine.dispatcher.size).toBe(1);
    expect((await post()).json()).toMatchObject({ rule: 'maxOpenParents', value: '2' });
  });

  it('limits journaled before a snapshot come back from it', async () => {
    const path = join(tempDir(), 'journal.db');
    const limits = { maxOpenParents: 4, defaults: {}, perSymbol: {} };
    await start(false, path);
    await put(limits);
    await app.close();
    await engine.stop();
    const book = new RecoveryBook();
    const writer = SqliteJournal.open(path);
    for (const row of writer.readFrom(0)) book.apply(row);
    await writer.writeSnapshot(book.snapshotEntries());
    await writer.close();
    const restored = new RecoveryBook();
    const reader = SqliteJournal.open(path);
    restored.load(reader.latestSnapshot()!);
    await reader.close();
    expect(restored.limits).toEqual(limits);
  });
});

describe('without limits', () => {
  it('GET answers 204', async () => {
    await start(false);
    const response = await app.inject({ url: '/v1/limits' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  });
});
