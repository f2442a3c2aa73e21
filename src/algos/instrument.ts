import type { Decimal } from '../market/decimal.js';

/**
 * What an algorithm may know of a symbol's trading rules, so that the children it sends are
 * valid at the venue: prices on the tick grid, quantities in whole lots.
 */
export interface InstrumentSpec {
  readonly tickSize?: Decimal;
  readonly lotSize?: Decimal;
}

/** Looks up a symbol's trading rules; undefined when they are not known. */
export type InstrumentLookup = (symbol: string) => InstrumentSpec | undefined;
