import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';

/**
 * One symbol's market data waiting for the fan-out's next drain, and who it goes to: the latest
 * quote (the newest replaces it) and every trade aggregated (volume, VWAP) since the last drain,
 * both handed to each receiver in one call, so an order hears of its symbol once per drain.
 */
export class SymbolTicks<P> {
  readonly symbol: string;
  /** The orders of the symbol; replaced, never changed, while a drain may be walking it. */
  receivers: P[] = [];
  quote: Quote | undefined = undefined;
  trade: Trade | undefined = undefined;
  /** The last quote delivered, while the symbol has receivers: what a receiver added later starts from. */
  lastQuote: Quote | undefined = undefined;
  /** Whether the symbol waits in the drain's line (it has a quote or a trade to deliver). */
  queued = false;

  constructor(symbol: string) {
    this.symbol = symbol;
  }

  addTrade(trade: Trade): void {
    this.trade = this.trade === undefined ? trade : this.trade.aggregate(trade);
  }
}
