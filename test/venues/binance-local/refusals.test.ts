import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalBinance, signedRest, startLocalBinance } from './local-binance.js';

const LIMIT_BUY = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' };

describe("the local Binance refuses orders with Binance's codes", () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  const place = (params: Record<string, string>) =>
    signedRest(server.url, 'POST', '/api/v3/order', { ...LIMIT_BUY, ...params });

  it('refuses what fails a filter, naming the filter (-1013)', async () => {
    const offTick = await place({ quantity: '0.001', price: '50000.005' });
    expect(offTick.status).toBe(400);
    expect(offTick.body).toEqual({ code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    expect((await place({ quantity: '0.00015', price: '50000' })).body).toEqual({
      code: -1013,
      msg: 'Filter failure: LOT_SIZE',
    });
    expect((await place({ quantity: '0.0001', price: '10000' })).body).toEqual({
      code: -1013,
      msg: 'Filter failure: NOTIONAL',
    });
  });

  it('refuses a client order ID outside ^[a-zA-Z0-9-_]{1,36}$ (-1100)', async () => {
    for (const id of ['has.dot', 'x'.repeat(37), 'space here']) {
      const refused = await place({ quantity: '0.001', price: '50000', newClientOrderId: id });
      expect(refused.body).toEqual({
        code: -1100,
        msg: "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.",
      });
    }
    const ok = await place({
      quantity: '0.001',
      price: '50000',
      newClientOrderId: 'a-Z_9'.padEnd(36, 'x'),
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a client ID an open order holds (-2010), and takes it again once that order is done', async () => {
    const first = await place({ quantity: '0.001', price: '50000', newClientOrderId: 'dup-1' });
    expect(first.status).toBe(200);
    const again = await place({ quantity: '0.002', price: '50001', newClientOrderId: 'dup-1' });
    expect(again.body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
    const cancel = await signedRest(server.url, 'DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'dup-1',
    });
    expect(cancel.body).toMatchObject({ status: 'CANCELED', origClientOrderId: 'dup-1' });
    const reused = await place({ quantity: '0.002', price: '50001', newClientOrderId: 'dup-1' });
    expect(reused.status).toBe(200);
    expect(reused.body.orderId).not.toBe(first.body.orderId);
  });

  it('refuses unknown orders: -2013 for a query, -2011 for a cancel', async () => {
    const query = await signedRest(server.url, 'GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'never-sent',
    });
    expect(query.body).toEqual({ code: -2013, msg: 'Order does not exist.' });
    const cancel = await signedRest(server.url, 'DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      orderId: 999_999,
    });
    expect(cancel.body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
  });

  it('refuses an unknown symbol (-1121), a missing parameter (-1102), an unread one (-1104)', async () => {
    expect(
      (
        await signedRest(server.url, 'POST', '/api/v3/order', {
          ...LIMIT_BUY,
          symbol: 'XYZUSDT',
          quantity: '1',
          price: '1',
        })
      ).body.code,
    ).toBe(-1121);
    expect((await place({ quantity: '0.001' })).body).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
    });
    expect(
      (await place({ quantity: '0.001', price: '50000', icebergQty: '0.0005' })).body.code,
    ).toBe(-1104);
  });
});

describe('the local Binance rate-limits by request weight', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance([
      '--weight-limit',
      '40',
      '--ban-after',
      '2',
      '--ban-ms',
      '60000',
    ]);
  });
  afterAll(async () => server?.stop());

  it('answers 429 with Retry-After beyond the limit, then 418 to an IP that keeps going', async () => {
    // Weight counts per clock minute, as on Binance: start clear of the minute's turn.
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 3_000)
      await new Promise((resolve) => setTimeout(resolve, toNextMinute + 50));
    const info = () => fetch(`${server.url}/api/v3/exchangeInfo`);
    expect((await info()).status).toBe(200);
    expect((await info()).headers.get('x-mbx-used-weight-1m')).toBe('40');
    const limited = await info();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: -1003 });
    expect((await info()).status).toBe(429);
    const banned = await info();
    expect(banned.status).toBe(418);
    expect(Number(banned.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(((await banned.json()) as { msg: string }).msg).toMatch(
      /^Way too much request weight used; IP banned until \d+\./,
    );
    expect((await fetch(`${server.url}/api/v3/time`)).status).toBe(418);
  });
});
