import { describe, expect, it } from 'vitest';
import type { MarketDataSink } from '../../src/core/market-data.js';
import { SharedMarketData } from '../../src/engine/shared-market-data.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { Trade } from '../../src/market/trade.js';

function recorder(): MarketDataSink & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    quote: (q) => seen.push(`q:${q.symbol}`),
    trade: (t) => seen.push(`t:${t.symbol}`),
  };
}

const btcQuote = Quote.of({
  symbol: 'BTC-USD',
  bidPx: decimal('1'),
  bidQty: decimal('1'),
  askPx: decimal('2'),
  askQty: decimal('1'),
});
const btcTrade = Trade.of('BTC-USD', decimal('1'), decimal('1'));

describe('SharedMarketData', () => {
  it('feeds the watcher for good and the dispatcher while it is subscribed, counting every tick', async () => {
    const market = new ScriptedMarket();
    const watcher = recorder();
    const dispatcher = recorder();
    const shared = new SharedMarketData(market, watcher);
    await shared.watch('BTC-USD');
    market.publishQuote(btcQuote);
    await shared.subscribe('BTC-USD', dispatcher);
    market.publishTrade(btcTrade);
    await shared.unsubscribe('BTC-USD');
    expect(market.subscribed('BTC-USD')).toBe(true);
    market.publishQuote(btcQuote);
    expect(watcher.seen).toEqual(['q:BTC-USD', 't:BTC-USD', 'q:BTC-USD']);
    // The quote before it subscribed is the latest known: the dispatcher gets it on subscribing.
    expect(dispatcher.seen).toEqual(['q:BTC-USD', 't:BTC-USD']);
    expect(shared.ticksIn).toBe(3);
    await shared.close();
    expect(market.subscribed('BTC-USD')).toBe(false);
  });

  it('gives a dispatcher subscribing a watched symbol its latest quote, and none before any', async () => {
    const market = new ScriptedMarket();
    const shared = new SharedMarketData(market, recorder());
    await shared.watch('BTC-USD');
    const early = recorder();
    await shared.subscribe('BTC-USD', early);
    expect(early.seen).toEqual([]);
    await shared.unsubscribe('BTC-USD');
    const newer = Quote.of({ ...btcQuote, bidPx: decimal('1.5') });
    market.publishQuote(btcQuote);
    market.publishQuote(newer);
    const quotes: Quote[] = [];
    await shared.subscribe('BTC-USD', { quote: (q) => quotes.push(q), trade: () => {} });
    expect(quotes).toEqual([newer]);
    await shared.close();
  });

  it('subscribes and unsubscribes upstream for the dispatcher alone on unwatched symbols', async () => {
    const market = new ScriptedMarket();
    const shared = new SharedMarketData(market, recorder());
    const dispatcher = recorder();
    await shared.subscribe('ETH-USD', dispatcher);
    expect(market.subscribed('ETH-USD')).toBe(true);
    await shared.unsubscribe('ETH-USD');
    expect(market.subscribed('ETH-USD')).toBe(false);
  });

  it('passes an upstream refusal on to the caller', () => {
    const shared = new SharedMarketData(new ScriptedMarket(), recorder());
    expect(() => shared.subscribe('DOGE-USD', recorder())).toThrow(/DOGE-USD/);
  });
});
