import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { buildApp } from '../../src/server/app.js';
import { orderBody } from './app-helpers.js';
import { fakeAlgos, openIntake, scriptedVenue } from './fake-engine.js';

const FILE_LIMITS = { defaults: { maxParentQuantity: '10' } };

let app: FastifyInstance;
let engine: Engine;
let journal: SqliteJournal;

async function start(withLimits: boolean): Promise<void> {
  const clock = new VirtualClock(1_700_000_000_000);
  journal = SqliteJournal.inMemory({ clock });
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

describe('without limits', () => {
  it('GET answers 204', async () => {
    await start(false);
    const response = await app.inject({ url: '/v1/limits' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  });
});
