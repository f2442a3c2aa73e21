import { BINANCE_SYMBOLS } from '../binance-local/binance-symbols.js';

/**
 * exo's symbols (`BTC-USD`) under Binance's names (`BTCUSDT`): the local Binance's table, which
 * exo's Binance feed follows too (USD as USDT); any other `BASE-QUOTE` is `BASEQUOTE`.
 */
export class BinanceNames {
  readonly #toBinance = new Map<string, string>();
  readonly #toExo = new Map<string, string>();

  constructor(symbols: readonly string[]) {
    for (const exo of symbols) {
      const known = BINANCE_SYMBOLS.find((symbol) => symbol.exo === exo);
      const binance = known?.binance ?? exo.replace(/[-/]/g, '').toUpperCase();
      this.#toBinance.set(exo, binance);
      this.#toExo.set(binance, exo);
    }
  }

  /** Every Binance symbol exo trades, in the order given. */
  get binanceSymbols(): readonly string[] {
    return [...this.#toExo.keys()];
  }

  /** Binance's name for an exo symbol; undefined when exo does not trade it here. */
  binance(exo: string): string | undefined {
    return this.#toBinance.get(exo);
  }

  /** exo's name for a Binance symbol; undefined when exo does not trade it here. */
  exo(binance: string): string | undefined {
    return this.#toExo.get(binance);
  }
}
