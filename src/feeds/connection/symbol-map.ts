/**
 * Translates exo symbols to a venue's symbols and back (BTC-USD ↔ BTCUSDT ↔ XBTUSD): configured
 * pairs first, then the venue's own naming rule, so the engine never sees venue spellings.
 */
export class SymbolMap {
  readonly #toVenue = new Map<string, string>();
  readonly #fallback: (exoSymbol: string) => string;

  /** Refuses a configuration that maps two exo symbols to one venue symbol, or maps to nothing. */
  constructor(
    configured: Readonly<Record<string, string>>,
    fallback: (exoSymbol: string) => string,
  ) {
    const claimed = new Map<string, string>();
    for (const [exoSymbol, venueSymbol] of Object.entries(configured)) {
      if (typeof venueSymbol !== 'string' || venueSymbol.trim() === '' || exoSymbol === '') {
        throw new TypeError(`symbol map: ${JSON.stringify(exoSymbol)} needs a venue symbol`);
      }
      const other = claimed.get(venueSymbol);
      if (other !== undefined) {
        throw new TypeError(`symbol map: ${other} and ${exoSymbol} both map to ${venueSymbol}`);
      }
      claimed.set(venueSymbol, exoSymbol);
      this.#toVenue.set(exoSymbol, venueSymbol);
    }
    this.#fallback = fallback;
  }

  /** The venue's name for an exo symbol. */
  toVenue(exoSymbol: string): string {
    return this.#toVenue.get(exoSymbol) ?? this.#fallback(exoSymbol);
  }
}
