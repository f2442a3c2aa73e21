import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { Trade } from '../../src/market/trade.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { orderBody, testApp } from './app-helpers.js';
import { canceledReport, type ScriptedVenue } from './fake-engine.js';

const LIMITS: RiskLimits = {
  maxOpenParents: 3,
  defaults: {
    maxParentNotional: decimal('250000'),
    parentCollar: { percent: decimal('5') },
    maxOpenParents: 2,
  },
  perSymbol: {},
};

let app: FastifyInstance;
let engine: Engine;
let market: ScriptedMarket;
let venue: ScriptedVenue;

async function start(limits: RiskLimits = LIMITS): Promise<void> {
  market = new ScriptedMarket();
  ({ app, engine, venue } = await testApp({ parts: { marketData: market, limits } }));
}

afterEach(async () => {
  await app.close();
  await engine.stop();
});

function quote(symbol: string, bid: string, ask: string): void {
  market.publishQuote(
    Quote.of({
      symbol,
      bidPx: decimal(bid),
      bidQty: decimal('1'),
      askPx: decimal(ask),
      askQty: decimal('1'),
    }),
  );
}

function post(overrides: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/v1/orders', body: orderBody(overrides) });
}

async function refusalsOf(rule: string): Promise<number> {
  const text = (await app.inject({ url: '/metrics' })).body;
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`exo_risk_refusals_total{rule="${rule}"}`));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('parent risk checks at intake', () => {
  it('answers 422 risk_limit with rule, limit and value, journals nothing and counts it', async () => {
    await start();
    quote('BTC-USD', '62400', '62600');
    const response = await post({ quantity: '5', limitPrice: '62500' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      error: 'risk_limit',
      rule: 'maxParentNotional',
      limit: '250000',
      value: '312500',
      message: 'maxParentNotional: notional of BTC-USD 312500 is beyond the limit 250000',
    });
    expect(engine.store.page({ limit: 10 }).orders).toHaveLength(0);
    expect(await refusalsOf('maxParentNotional')).toBe(1);
    expect((await post({ quantity: '4', limitPrice: '62500' })).statusCode).toBe(201);
  });

  it('collars the limit price against the mid, or the last trade without a quote', async () => {
    await start();
    expect((await post({ quantity: '1', limitPrice: '100' })).json()).toMatchObject({
      error: 'risk_limit',
      rule: 'no_reference_price',
    });
    market.publishTrade(Trade.of('BTC-USD', decimal('1000'), decimal('1')));
    expect((await post({ quantity: '1', limitPrice: '1060' })).json().rule).toBe(
      'parentCollar.percent',
    );
    expect((await post({ quantity: '1', limitPrice: '1050' })).statusCode).toBe(201);
    quote('BTC-USD', '1990', '2010');
    expect((await post({ quantity: '1', limitPrice: '1050' })).json()).toMatchObject({
      rule: 'parentCollar.percent',
      limit: '5',
      value: '47.5',
    });
  });

  it('counts open parents per symbol and in total, and frees a place when one completes', async () => {
    await start();
    for (const symbol of ['BTC-USD', 'ETH-USD']) quote(symbol, '99', '101');
    const first = (await post({ quantity: '1' })).json().orderId;
    expect((await post({ quantity: '1' })).statusCode).toBe(201);
    expect((await post({ quantity: '1' })).json()).toMatchObject({
      rule: 'maxOpenParents',
      limit: '2',
      value: '3',
    });
    expect((await post({ symbol: 'ETH-USD', quantity: '1' })).statusCode).toBe(201);
    expect((await post({ symbol: 'ETH-USD', quantity: '1' })).json()).toMatchObject({
      rule: 'maxOpenParents.total',
      limit: '3',
      value: '4',
    });
    expect((await app.inject({ method: 'DELETE', url: `/v1/orders/${first}` })).statusCode).toBe(
      202,
    );
    venue.report(canceledReport(first));
    await settle();
    expect(engine.store.get(first)?.status).toBe('canceled');
    expect((await post({ quantity: '1' })).statusCode).toBe(201);
  });

  it('checks a replace on the rules it changes', async () => {
    await start();
    quote('BTC-USD', '99', '101');
    const orderId = (await post({ quantity: '1', limitPrice: '100' })).json().orderId;
    const patch = (body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/v1/orders/${orderId}`, body });
    expect((await patch({ limitPrice: '110' })).json()).toMatchObject({
      error: 'risk_limit',
      rule: 'parentCollar.percent',
    });
    expect((await patch({ quantity: '3000' })).json().rule).toBe('maxParentNotional');
    expect((await patch({ quantity: '2' })).statusCode).toBe(202);
  });

  it('checks nothing without limits', async () => {
    market = new ScriptedMarket();
    ({ app, engine } = await testApp({ parts: { marketData: market } }));
    expect((await post({ quantity: '1000000', limitPrice: '1' })).statusCode).toBe(201);
  });
});

/** Lets the order processes run their queued updates (they run in microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
