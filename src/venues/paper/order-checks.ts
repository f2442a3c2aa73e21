import { compare, Decimal, isWholeMultiple, sign } from '../../market/decimal.js';
import { SIDES } from '../../market/side.js';
import { TIMES_IN_FORCE } from '../../market/time-in-force.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venue.js';
import type { PaperInstrument } from './paper-market.js';
import type { PaperOrder } from './paper-order.js';

/**
 * Why the venue refuses a new child order, or undefined when it accepts it: an unknown symbol,
 * a quantity or price that is not positive or not on the symbol's grid, a duplicate clOrdId.
 */
export function newOrderProblem(
  request: ChildOrderRequest,
  instrument: PaperInstrument | undefined,
  clOrdIdTaken: boolean,
): string | undefined {
  if (typeof request.clOrdId !== 'string' || request.clOrdId === '') return 'clOrdId is missing';
  if (clOrdIdTaken) return `duplicate clOrdId ${JSON.stringify(request.clOrdId)}`;
  if (instrument === undefined) return `unknown symbol ${JSON.stringify(request.symbol)}`;
  if (!SIDES.includes(request.side)) return `unknown side ${JSON.stringify(request.side)}`;
  if (!TIMES_IN_FORCE.includes(request.timeInForce)) {
    return `unknown time in force ${JSON.stringify(request.timeInForce)}`;
  }
  return (
    onGrid('quantity', request.quantity, instrument.lot, 'lot size') ??
    (request.limitPrice === undefined
      ? undefined
      : onGrid('limit price', request.limitPrice, instrument.tick, 'tick size'))
  );
}

/**
 * Why the venue refuses to replace a working order, or undefined when it accepts: a new quantity
 * or limit off the grid, a quantity not above what has filled, or no change at all.
 */
export function replaceProblem(
  request: ChildReplaceRequest,
  order: PaperOrder,
  instrument: PaperInstrument,
): string | undefined {
  const { quantity, limitPrice } = request;
  if (quantity !== undefined) {
    const problem = onGrid('quantity', quantity, instrument.lot, 'lot size');
    if (problem !== undefined) return problem;
    if (compare(quantity, order.cumQty) <= 0) {
      return `quantity ${quantity.toFixed()} is not above the filled quantity ${order.cumQty.toFixed()}`;
    }
  }
  if (limitPrice !== undefined) {
    const problem = onGrid('limit price', limitPrice, instrument.tick, 'tick size');
    if (problem !== undefined) return problem;
  }
  const sameQuantity = quantity === undefined || compare(quantity, order.quantity) === 0;
  const sameLimit =
    limitPrice === undefined ||
    (order.limitPrice !== undefined && compare(limitPrice, order.limitPrice) === 0);
  return sameQuantity && sameLimit ? 'the replace changes nothing' : undefined;
}

/** Why a value is not a positive multiple of its increment, or undefined when it is. */
function onGrid(name: string, value: unknown, step: Decimal, stepName: string): string | undefined {
  if (!(value instanceof Decimal)) return `${name} must be a decimal`;
  if (sign(value) <= 0) return `${name} must be positive, got ${value.toFixed()}`;
  if (!isWholeMultiple(value, step)) {
    return `${name} ${value.toFixed()} is not a multiple of the ${stepName} ${step.toFixed()}`;
  }
  return undefined;
}
