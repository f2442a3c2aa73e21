import type { MarketDataSink } from '../../core/market-data.js';
import type { Decimal } from '../../market/decimal.js';
import type { Quote } from '../../market/quote.js';

/** A symbol's price and quantity grids: what the venue validates orders against. */
export interface PaperInstrument {
  readonly tick: Decimal;
  readonly lot: Decimal;
}

/**
 * The market a paper venue matches against: the simulated market in the service, a scripted one
 * in tests. The venue reads the top of book, watches every quote and trade, and may ask the
 * market to keep a symbol ticking while orders rest on it.
 */
export interface PaperMarket {
  /** The symbol's grids, or undefined when the market does not list it. */
  instrument(symbol: string): PaperInstrument | undefined;
  /** The symbol's current top of book, if there is one. */
  quote(symbol: string): Quote | undefined;
  /** Sends every quote and trade to `observer` until the returned stop is called. */
  observe(observer: MarketDataSink): () => void;
  /** Keeps the symbol's data flowing until the returned release is called; optional. */
  watch?(symbol: string): () => void;
}
