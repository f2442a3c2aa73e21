import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { ScriptedMarket } from '../../../src/feeds/sim/index.js';
import { decimal } from '../../../src/market/decimal.js';
import { Trade } from '../../../src/market/trade.js';
import { AccountBalances } from '../../../src/venues/binance-local/account-balances.js';
import { BINANCE_SYMBOLS } from '../../../src/venues/binance-local/binance-symbols.js';
import { LocalExchange } from '../../../src/venues/binance-local/local-exchange.js';
import { TradeIds } from '../../../src/venues/binance-local/trade-ids.js';
import { PaperVenue } from '../../../src/venues/paper/index.js';

const BTC = BINANCE_SYMBOLS[0]!;

// Seed 2 of the Binance kill -9 trial (2026-12-07): a cancel under ONLY_NEW was checked against
// the status the local Binance had heard of, while a fill on its way from the matching landed
// before the cancel did, so the order was cancelled partly filled and cancelReplace's new order
// went in for the whole quantity: exo's child filled 0.0034 of 0.002. On Binance the matching
// checks the restriction as it takes the cancel, and so does the local Binance now.
describe('the local Binance: cancelRestrictions against a fill on its way', () => {
  it('refuses ONLY_NEW when the order filled between the request and the matching taking it', async () => {
    const clock = new VirtualClock(1_000);
    const market = new ScriptedMarket();
    const venue = new PaperVenue({ market, clock, latencyMs: 3 });
    const exchange = new LocalExchange(
      venue,
      clock,
      new TradeIds(),
      new AccountBalances([BTC.baseAsset, BTC.quoteAsset]),
    );
    const placing = exchange.place({
      symbol: BTC,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: decimal('0.002'),
      price: decimal('65015.62'),
      clientOrderId: 'c-1',
    });
    clock.advance(6);
    const order = await placing;
    expect(order.status).toBe('NEW');
    // The cancel leaves while the order is NEW as far as the gateway knows; a print fills part of
    // it before the cancel reaches the matching.
    const cancelling = exchange.cancel(BTC, { origClientOrderId: 'c-1' }, 'c-1', 'ONLY_NEW');
    const outcome = cancelling.then(
      () => 'cancelled',
      (error: Error) => error.message,
    );
    clock.advance(1);
    market.publishTrade(Trade.of(BTC.exo, decimal('65015.62'), decimal('0.0014'), clock.now()));
    clock.advance(6);
    expect(await outcome).toBe('Order was not canceled due to cancel restrictions.');
    expect(order.status).toBe('PARTIALLY_FILLED');
    expect(order.isOpen).toBe(true);
  });
});
