import type { InstrumentSpec } from '../algos/instrument.js';
import { InstructionError } from '../core/errors.js';
import { compare, type Decimal, isWholeMultiple } from '../market/decimal.js';

/** The terms of an order an instruction sets: a quantity and a limit, either possibly absent. */
export interface GridTerms {
  readonly quantity?: Decimal;
  readonly limitPrice?: Decimal;
}

/**
 * Refuses terms off the symbol's grid before anything is journaled, so the venue never rejects a
 * child for them: a quantity must be a whole number of lots (at least one, the minimum size) and a
 * limit a multiple of the tick. Throws an `invalid_instruction` InstructionError naming the field,
 * the value and the grid; terms a symbol without known grids cannot be checked against pass.
 */
export function assertOnGrid(
  symbol: string,
  terms: GridTerms,
  instrument: InstrumentSpec | undefined,
  orderId?: string,
): void {
  const { quantity, limitPrice } = terms;
  const lot = instrument?.lotSize;
  if (quantity !== undefined && lot !== undefined && !isMultiple(quantity, lot)) {
    throw new InstructionError(
      'invalid_instruction',
      orderId,
      `quantity: ${quantity.toFixed()} is not a whole number of ${symbol} lots ` +
        `(lot size ${lot.toFixed()}, minimum ${lot.toFixed()})`,
    );
  }
  const tick = instrument?.tickSize;
  if (limitPrice !== undefined && tick !== undefined && !isMultiple(limitPrice, tick)) {
    throw new InstructionError(
      'invalid_instruction',
      orderId,
      `limitPrice: ${limitPrice.toFixed()} is off the ${symbol} tick grid (tick size ${tick.toFixed()})`,
    );
  }
}

/** Whether a value is a positive whole multiple of the step. */
function isMultiple(value: Decimal, step: Decimal): boolean {
  return compare(value, step) >= 0 && isWholeMultiple(value, step);
}
