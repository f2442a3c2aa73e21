import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HMAC, type LocalBinance, startLocalBinance, touchAtLeast } from './local-binance.js';

/**
 * ccxt (an independent Binance client) against the local Binance: if it trades there as it does on
 * Binance, the local Binance speaks Binance. ccxt returns floats, so figures are read from the raw
 * `info` strings. Pointing ccxt at a local server needs every `urls.api` string rewritten, the
 * WebSocket API URL set, fetchCurrencies, fetchMargins and the non-spot market types off, and
 * loadHttpProxyAgent awaited before a ws:// URL.
 */
describe('ccxt against the local Binance', () => {
  let server: LocalBinance;
  // biome-ignore lint/suspicious/noExplicitAny: ccxt's exchange class is loaded at run time.
  let exchange: any;

  beforeAll(async () => {
    server = await startLocalBinance();
    const { pro } = (await import('ccxt')).default;
    exchange = new pro.binance({
      apiKey: HMAC.apiKey,
      secret: HMAC.secretKey,
      options: { fetchCurrencies: false, fetchMargins: false, fetchMarkets: { types: ['spot'] } },
    });
    const rewrite = (urls: Record<string, unknown>): void => {
      for (const [key, value] of Object.entries(urls)) {
        if (typeof value === 'string') urls[key] = value.replace(/^https:\/\/[^/]+/, server.url);
        else if (typeof value === 'object' && value !== null)
          rewrite(value as Record<string, unknown>);
      }
    };
    rewrite(exchange.urls.api);
    exchange.urls.api.ws['ws-api'].spot = server.wsApi;
    await exchange.loadHttpProxyAgent();
  });

  afterAll(async () => {
    await exchange?.close();
    await server?.stop();
  });

  it('loads the markets with their filters as precision and limits', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    const btc = markets['BTC/USDT'];
    expect(btc.id).toBe('BTCUSDT');
    const filters = btc.info.filters as Record<string, string>[];
    expect(filters.find((f) => f.filterType === 'PRICE_FILTER')!.tickSize).toBe('0.01000000');
    expect(filters.find((f) => f.filterType === 'LOT_SIZE')!.stepSize).toBe('0.00010000');
    expect(filters.find((f) => f.filterType === 'NOTIONAL')!.minNotional).toBe('5.00000000');
  });

  it('creates, fetches by client ID, lists, cancels and watches a limit order', async () => {
    const watched = exchange.watchOrders('BTC/USDT');
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50000, {
      clientOrderId: 'ccxt-limit-1',
    });
    expect(order.clientOrderId).toBe('ccxt-limit-1');
    expect(order.status).toBe('open');
    expect(order.info.origQty).toBe('0.00100000');
    expect(order.info.price).toBe('50000.00000000');

    const seen = await watched;
    expect(seen.map((o: { clientOrderId: string }) => o.clientOrderId)).toContain('ccxt-limit-1');
    expect(seen[0].info.x).toBe('NEW');

    const fetched = await exchange.fetchOrder(undefined, 'BTC/USDT', {
      clientOrderId: 'ccxt-limit-1',
    });
    expect(fetched.id).toBe(order.id);
    expect(fetched.info.status).toBe('NEW');

    const open = await exchange.fetchOpenOrders('BTC/USDT');
    expect(open.map((o: { id: string }) => o.id)).toEqual([order.id]);

    const cancelWatched = exchange.watchOrders('BTC/USDT');
    const cancelled = await exchange.cancelOrder(order.id, 'BTC/USDT');
    expect(cancelled.status).toBe('canceled');
    expect(cancelled.info.origClientOrderId).toBe('ccxt-limit-1');
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
    const cancelReport = await cancelWatched;
    expect(cancelReport.at(-1).info).toMatchObject({ x: 'CANCELED', C: 'ccxt-limit-1' });
  });

  it('fills a market order and lists its trades from myTrades', async () => {
    // A market order takes what the touch shows (the paper venue's book is its top only): wait
    // for a quote, then it fills at least a lot; all of it unless the touch moved to less.
    await touchAtLeast(server, 'BTCUSDT', 'BUY', 0.001);
    const order = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, {
      clientOrderId: 'ccxt-market-1',
    });
    const fills = order.info.fills as { tradeId: number; price: string; qty: string }[];
    const executed = fills.reduce((sum, fill) => sum + Math.round(Number(fill.qty) * 1e8), 0);
    expect(executed).toBeGreaterThan(0);
    expect(Math.round(Number(order.info.executedQty) * 1e8)).toBe(executed);
    expect(order.info.status).toBe(executed === 100_000 ? 'FILLED' : 'EXPIRED');

    const trades = await exchange.fetchMyTrades('BTC/USDT');
    const mine = trades.filter((t: { order: string }) => t.order === order.id);
    expect(mine.map((t: { info: unknown }) => t.info)).toEqual(
      fills.map((fill) =>
        expect.objectContaining({
          id: fill.tradeId,
          price: fill.price,
          qty: fill.qty,
          isBuyer: true,
          isMaker: false,
        }),
      ),
    );
    const last = fills.at(-1)!.tradeId;
    const later = await exchange.fetchMyTrades('BTC/USDT', undefined, undefined, {
      fromId: last + 1,
    });
    expect(later.filter((t: { order: string }) => t.order === order.id)).toEqual([]);
    const balance = await exchange.fetchBalance();
    const btc = balance.info.balances.find((b: { asset: string }) => b.asset === 'BTC').free;
    expect(Math.round((Number(btc) - 1_000_000) * 1e8)).toBe(executed);
  });
});
