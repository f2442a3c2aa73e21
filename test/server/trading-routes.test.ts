import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { buildApp } from '../../src/server/app.js';
import { MAX_REASON_LENGTH } from '../../src/server/trading-schemas.js';
import {
  FAR_BELOW,
  restingPeg,
  type Started,
  start,
  stop,
  until,
  untilResting,
  workingChildren,
} from '../halt/helpers.js';
import { useTempDir } from '../journal/helpers.js';
import { drive } from '../recovery/helpers.js';

const TOKEN = 'kill-switch-test-token-0123456789';
const tempDir = useTempDir();

interface Running extends Started {
  readonly clock: VirtualClock;
  readonly path: string;
  readonly app: FastifyInstance;
  /** Sends a request with the token and moves virtual time until it is answered. */
  readonly send: (options: InjectOptions) => Promise<LightMyRequestResponse>;
}
let running: Running | undefined;

/** A simulated exo (paper venue, virtual clock) behind an app that requires TOKEN. */
async function exoNow(): Promise<Running> {
  const clock = new VirtualClock(1_700_000_000_000);
  const path = join(tempDir(), 'journal.db');
  const started = await start(path, clock);
  const app = await buildApp({
    engine: started.engine,
    logger: pino({ level: 'silent' }),
    token: TOKEN,
  });
  const send = (options: InjectOptions) =>
    drive(
      clock,
      app.inject({
        ...options,
        headers: { authorization: `Bearer ${TOKEN}`, ...options.headers },
      }),
    );
  const now: Running = { ...started, clock, path, app, send };
  running = now;
  return now;
}

afterEach(async () => {
  if (running === undefined) return;
  const { clock, engine, app, errors } = running;
  running = undefined;
  await app.close();
  await stop(clock, engine);
  expect(errors).toEqual([]);
});

/** A new buy on `symbol`, resting far below the market, as a client posts it. */
function pegBody(symbol: keyof typeof FAR_BELOW) {
  return { side: 'buy', symbol, quantity: '1', algo: 'peg', limitPrice: FAR_BELOW[symbol] };
}

describe('POST /v1/halt and /v1/resume', () => {
  it('a halt cancels every working child, confirmed in GET /v1/trading; new orders get 409 until a resume, then 201', async () => {
    const { clock, engine, send } = await exoNow();
    const ids = [
      await restingPeg(engine, 'BTC-USD'),
      await restingPeg(engine, 'ETH-USD'),
      await restingPeg(engine, 'ETH-USD'),
    ];
    await untilResting(clock, engine, ids);
    const working = ids.flatMap((id) => workingChildren(engine, id));

    const halted = await send({ method: 'POST', url: '/v1/halt', body: { reason: 'desk stop' } });
    expect(halted.statusCode).toBe(200);
    expect(halted.json()).toMatchObject({
      scope: 'global',
      state: 'halted',
      by: 'http',
      reason: 'desk stop',
      cancelling: working.length,
    });

    await until(clock, () => engine.tradingStatus().awaitingCancel.length === 0);
    const status = (await send({ url: '/v1/trading' })).json();
    expect(status).toMatchObject({ global: 'halted', awaitingCancel: [] });
    expect(status.confirmedAt).toBeGreaterThanOrEqual(halted.json().time);
    expect(status.symbols['BTC-USD']).toEqual({ own: 'active', effective: 'halted' });
    for (const id of ids) expect(workingChildren(engine, id)).toEqual([]);

    const refused = await send({ method: 'POST', url: '/v1/orders', body: pegBody('BTC-USD') });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'trading_halted', scope: 'global' });

    const resumed = await send({ method: 'POST', url: '/v1/resume' });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ scope: 'global', state: 'active', cancelling: 0 });
    expect((await send({ url: '/v1/trading' })).json().global).toBe('active');
    const placed = await send({ method: 'POST', url: '/v1/orders', body: pegBody('BTC-USD') });
    expect(placed.statusCode).toBe(201);
  });

  it('a halt of one symbol cancels only its children and refuses only its orders', async () => {
    const { clock, engine, send } = await exoNow();
    const btc = await restingPeg(engine, 'BTC-USD');
    const eth = await restingPeg(engine, 'ETH-USD');
    await untilResting(clock, engine, [btc, eth]);

    const halted = await send({ method: 'POST', url: '/v1/halt', body: { symbol: 'ETH-USD' } });
    expect(halted.json()).toMatchObject({
      scope: 'symbol',
      symbol: 'ETH-USD',
      state: 'halted',
      cancelling: workingChildren(engine, eth).length,
    });
    await until(clock, () => workingChildren(engine, eth).length === 0);
    expect(workingChildren(engine, btc)).toHaveLength(1);
    const status = (await send({ url: '/v1/trading' })).json();
    expect(status.global).toBe('active');
    expect(status.symbols['ETH-USD']).toEqual({ own: 'halted', effective: 'halted' });
    expect(status.symbols['BTC-USD']).toEqual({ own: 'active', effective: 'active' });

    const ethOrder = await send({ method: 'POST', url: '/v1/orders', body: pegBody('ETH-USD') });
    expect(ethOrder.json()).toMatchObject({
      error: 'trading_halted',
      scope: 'symbol',
      symbol: 'ETH-USD',
    });
    const btcOrder = await send({ method: 'POST', url: '/v1/orders', body: pegBody('BTC-USD') });
    expect(btcOrder.statusCode).toBe(201);

    const resumed = await send({ method: 'POST', url: '/v1/resume', body: { symbol: 'ETH-USD' } });
    expect(resumed.json()).toMatchObject({ scope: 'symbol', symbol: 'ETH-USD', state: 'active' });
    const again = await send({ method: 'POST', url: '/v1/orders', body: pegBody('ETH-USD') });
    expect(again.statusCode).toBe(201);
  });

  it('journals who asked and why: http by default, cli or dashboard when the body says so', async () => {
    const { clock, engine, path, send } = await exoNow();
    await send({ method: 'POST', url: '/v1/halt', body: { by: 'cli', reason: 'from a shell' } });
    await send({ method: 'POST', url: '/v1/resume', body: { by: 'dashboard' } });
    await send({ method: 'POST', url: '/v1/halt', body: { symbol: 'BTC-USD' } });
    await stop(clock, engine);
    running = undefined;
    const journal = SqliteJournal.open(path);
    const rows = [...journal.readFrom(0)].filter((row) => row.kind === 'trading_state_changed');
    await journal.close();
    expect(rows.map((row) => row.body)).toEqual([
      { scope: 'global', state: 'halted', by: 'cli', reason: 'from a shell' },
      { scope: 'global', state: 'active', by: 'dashboard' },
      { scope: 'symbol', symbol: 'BTC-USD', state: 'halted', by: 'http' },
    ]);
  });
});

describe('POST /v1/trading', () => {
  it('puts reducing in force: an order that would add to the (flat) position is refused with 409', async () => {
    const { send } = await exoNow();
    const reducing = await send({
      method: 'POST',
      url: '/v1/trading',
      body: { symbol: 'BTC-USD', state: 'reducing', reason: 'wind down' },
    });
    expect(reducing.statusCode).toBe(200);
    expect(reducing.json()).toMatchObject({
      scope: 'symbol',
      symbol: 'BTC-USD',
      state: 'reducing',
      reason: 'wind down',
    });
    const status = (await send({ url: '/v1/trading' })).json();
    expect(status.symbols['BTC-USD']).toEqual({ own: 'reducing', effective: 'reducing' });
    const refused = await send({ method: 'POST', url: '/v1/orders', body: pegBody('BTC-USD') });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'trading_reducing', symbol: 'BTC-USD' });
  });
});

describe('refusals', () => {
  it('an unknown symbol is 422 naming it and the symbols exo trades; nothing changes', async () => {
    const { engine, send } = await exoNow();
    for (const url of ['/v1/halt', '/v1/resume']) {
      const response = await send({ method: 'POST', url, body: { symbol: 'DOGE-USD' } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toEqual({
        error: 'invalid_instruction',
        message: `symbol: unknown symbol "DOGE-USD" (known: ${engine.symbols.join(', ')})`,
      });
    }
    expect(engine.tradingStatus().global).toBe('active');
  });

  it('a malformed body is 400 naming the field', async () => {
    const { engine, send } = await exoNow();
    const cases: Array<[string, unknown, RegExp]> = [
      ['/v1/halt', { symbol: 'BTC-USD', extra: 1 }, /extra/],
      ['/v1/halt', { by: 'auto' }, /by/],
      ['/v1/halt', { reason: 'x'.repeat(MAX_REASON_LENGTH + 1) }, /reason/],
      ['/v1/trading', { state: 'paused' }, /state/],
      ['/v1/trading', {}, /state/],
    ];
    for (const [url, body, field] of cases) {
      const response = await send({ method: 'POST', url, body: body as object });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().message).toMatch(field);
    }
    const longest = await send({
      method: 'POST',
      url: '/v1/halt',
      body: { reason: 'x'.repeat(MAX_REASON_LENGTH) },
    });
    expect(longest.statusCode).toBe(200);
    expect(engine.tradingStatus().global).toBe('halted');
  });

  it('every route requires the token: 401 without it, and nothing changes', async () => {
    const { engine, app } = await exoNow();
    const requests: InjectOptions[] = [
      { method: 'POST', url: '/v1/halt' },
      { method: 'POST', url: '/v1/resume' },
      { method: 'POST', url: '/v1/trading', body: { state: 'halted' } },
      { method: 'GET', url: '/v1/trading' },
    ];
    for (const request of requests) {
      const response = await app.inject(request);
      expect(response.statusCode, String(request.url)).toBe(401);
      expect(response.json().error).toBe('unauthorized');
      const wrong = await app.inject({ ...request, headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode).toBe(401);
    }
    expect(engine.tradingStatus().global).toBe('active');
  });
});
