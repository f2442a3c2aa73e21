/** One simulated symbol as the local Binance lists it: its Binance name and its two assets. */
export interface BinanceSymbol {
  /** exo's simulated symbol, such as `BTC-USD`. */
  readonly exo: string;
  /** Binance's name for it, such as `BTCUSDT`. */
  readonly binance: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
}

/**
 * How the local Binance names exo's simulated symbols: each `X-USD` trades as `XUSDT`, since USDT
 * is where Binance spot's liquidity in those coins lies (and exo's Binance feed maps BTC-USD to
 * BTCUSDT the same way). The README's local Binance section shows this table.
 */
export const BINANCE_SYMBOLS: readonly BinanceSymbol[] = Object.freeze([
  { exo: 'BTC-USD', binance: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT' },
  { exo: 'ETH-USD', binance: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT' },
  { exo: 'SOL-USD', binance: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT' },
]);

/** Looks a symbol up either way; only symbols the simulated market lists are kept. */
export class BinanceSymbols {
  readonly #byBinance = new Map<string, BinanceSymbol>();
  readonly #byExo = new Map<string, BinanceSymbol>();

  /** The table's symbols that `listed` (the market's symbols) contains, in table order. */
  constructor(listed: readonly string[], table: readonly BinanceSymbol[] = BINANCE_SYMBOLS) {
    for (const symbol of table) {
      if (!listed.includes(symbol.exo)) continue;
      this.#byBinance.set(symbol.binance, symbol);
      this.#byExo.set(symbol.exo, symbol);
    }
  }

  /** Every symbol listed, in table order. */
  get all(): readonly BinanceSymbol[] {
    return [...this.#byBinance.values()];
  }

  /** The symbol named `binance` (case-sensitive, as Binance is), or undefined. */
  byBinance(binance: string): BinanceSymbol | undefined {
    return this.#byBinance.get(binance);
  }

  /** The symbol for exo's `exo` name, or undefined when the table does not list it. */
  byExo(exo: string): BinanceSymbol | undefined {
    return this.#byExo.get(exo);
  }
}
