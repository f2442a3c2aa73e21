/** A symbol a market does not list: thrown by `subscribe` and `watch`, so a typo fails loudly. */
export class UnknownSymbolError extends Error {
  override readonly name = 'UnknownSymbolError';

  constructor(
    readonly symbol: string,
    known: readonly string[],
  ) {
    super(`unknown symbol ${JSON.stringify(symbol)}; this market lists ${known.join(', ')}`);
  }
}
