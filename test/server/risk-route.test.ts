import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { fakeEngine, fillReport, openIntake } from './fake-engine.js';
import { followEvents } from './sse-client.js';

const TOKEN = 'risk-route-token';
const LIMITS: RiskLimits = {
  maxDailyLoss: decimal('5'),
  venueChildRatePerSecond: 20,
  defaults: { maxLongPosition: decimal('1'), childRatePerSecond: 5, childRateHardCap: 10 },
  perSymbol: {},
};

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server over a fake engine with LIMITS, behind TOKEN, on a market the test quotes. */
async function serve() {
  const market = new ScriptedMarket();
  const clock = new VirtualClock(1_700_000_000_000);
  const { engine, venue } = fakeEngine({ clock, marketData: market, limits: LIMITS });
  server = await startServer(engine, pino({ level: 'silent' }), {
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
  });
  await openIntake(engine);
  const get = (path: string, token?: string) =>
    fetch(`${server!.url}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  const post = async (body: unknown) => {
    const response = await fetch(`${server!.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { orderId: string };
  };
  const quote = (bid: string, ask: string) =>
    market.publishQuote(
      Quote.of({
        symbol: 'BTC-USD',
        bidPx: decimal(bid),
        bidQty: decimal('1'),
        askPx: decimal(ask),
        askQty: decimal('1'),
      }),
    );
  /** exo buys 0.2 at 100 of an order of 0.5, quoted 99 / 101. */
  const bought = async () => {
    quote('99', '101');
    const { orderId } = await post({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.5',
      algo: 'take',
    });
    venue.report(fillReport(orderId, '0.2', '100', 'x1'));
  };
  return { url: server.url, clock, get, post, quote, bought };
}

describe('GET /v1/risk', () => {
  it('is behind the token, and shows each symbol and each exposure limit with its usage', async () => {
    const { get, bought } = await serve();
    expect((await get('/v1/risk')).status).toBe(401);
    await bought();
    await new Promise((resolve) => setImmediate(resolve));

    const response = await get('/v1/risk', TOKEN);
    expect(response.status).toBe(200);
    const usage = (await response.json()) as {
      symbols: Record<string, unknown>[];
      total: Record<string, unknown>;
      limits: { rule: string; symbol?: string }[];
      breaches: unknown[];
    };
    expect(usage.symbols.find((s) => s.symbol === 'BTC-USD')).toEqual({
      symbol: 'BTC-USD',
      position: '0.2',
      mark: '100',
      exposure: '50',
      dailyTraded: '20',
      dailyPnl: '0',
    });
    expect(usage.total).toEqual({ exposure: '50', dailyTraded: '20', dailyPnl: '0' });
    const btc = usage.limits.filter((row) => row.symbol === 'BTC-USD');
    expect(btc).toEqual([
      { rule: 'maxLongPosition', symbol: 'BTC-USD', value: '0.5', limit: '1' },
      { rule: 'maxShortPosition', symbol: 'BTC-USD', value: '-0.2' },
      { rule: 'maxExposureNotional', symbol: 'BTC-USD', value: '50' },
      { rule: 'maxDailyTradedNotional', symbol: 'BTC-USD', value: '50' },
      { rule: 'maxDailyLoss', symbol: 'BTC-USD', value: '0', breached: false },
    ]);
    expect(usage.limits.filter((row) => row.symbol === undefined)).toEqual([
      { rule: 'maxExposureNotional.total', value: '50' },
      { rule: 'maxDailyTradedNotional.total', value: '50' },
      { rule: 'maxDailyLoss.total', value: '0', limit: '5', breached: false },
    ]);
    expect(usage.breaches).toEqual([]);
  });

  it('shows each child rate set and the refusals by rule, as /metrics counts them', async () => {
    const { clock, get, post } = await serve();
    const read = async () =>
      (await (await get('/v1/risk', TOKEN)).json()) as {
        rates: unknown[];
        refusals: Record<string, number>;
        delays: Record<string, number>;
      };
    const before = await read();
    expect(before.rates).toEqual([{ rule: 'venueChildRatePerSecond', value: 0, limit: 20 }]);
    expect(before.refusals).toEqual({});

    for (const quantity of ['2', '3']) {
      const refused = await post({ side: 'buy', symbol: 'BTC-USD', quantity, algo: 'take' });
      expect(refused).toMatchObject({ error: 'risk_limit', rule: 'maxLongPosition' });
    }
    clock.advance(1);
    const after = await read();
    expect(after.refusals).toEqual({ maxLongPosition: 2 });
    expect(after.delays).toEqual({});
    const metrics = await (await get('/metrics', TOKEN)).text();
    expect(metrics).toContain('exo_risk_refusals_total{rule="maxLongPosition"} 2');
  });

  it('shows a daily loss breach, which the event stream announced as risk_breach', async () => {
    const { url, get, quote, bought } = await serve();
    await bought();
    const events = await followEvents(`${url}/v1/events`, TOKEN);
    // 0.2 bought at 100, marked at 70 then 60: a loss of 6, then 8, over the limit of 5.
    quote('69', '71');
    quote('59', '61');
    const seen = await events.until((e) => e.event === 'risk_breach');
    expect(seen.filter((e) => e.event === 'risk_breach').map((e) => e.data)).toEqual([
      { rule: 'maxDailyLoss.total', limit: '5', value: '6', time: 1_700_000_000_000 },
    ]);
    const usage = (await (await get('/v1/risk', TOKEN)).json()) as { breaches: unknown[] };
    expect(usage.breaches).toEqual([seen.at(-1)!.data]);
    events.close();
  });
});
