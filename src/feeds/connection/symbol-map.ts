/**
 * Translates exo symbols to an exchange's symbols and back (BTC-USD ↔ BTCUSDT ↔ XBTUSD): configured
 * pairs first, then the exchange's own naming rule, so the engine never sees exchange spellings.
 */
export class SymbolMap {
  readonly #toExchange = new Map<string, string>();
  readonly #fallback: (exoSymbol: string) => string;

  /** Refuses a configuration that maps two exo symbols to one exchange symbol, or maps to nothing. */
  constructor(
    configured: Readonly<Record<string, string>>,
    fallback: (exoSymbol: string) => string,
  ) {
    const claimed = new Map<string, string>();
    for (const [exoSymbol, exchangeSymbol] of Object.entries(configured)) {
      if (typeof exchangeSymbol !== 'string' || exchangeSymbol.trim() === '' || exoSymbol === '') {
        throw new TypeError(`symbol map: ${JSON.stringify(exoSymbol)} needs an exchange symbol`);
      }
      const other = claimed.get(exchangeSymbol);
      if (other !== undefined) {
        throw new TypeError(`symbol map: ${other} and ${exoSymbol} both map to ${exchangeSymbol}`);
      }
      claimed.set(exchangeSymbol, exoSymbol);
      this.#toExchange.set(exoSymbol, exchangeSymbol);
    }
    this.#fallback = fallback;
  }

  /** The exchange's name for an exo symbol. */
  toExchange(exoSymbol: string): string {
    return this.#toExchange.get(exoSymbol) ?? this.#fallback(exoSymbol);
  }
}
