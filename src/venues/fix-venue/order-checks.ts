import type { FixMessage } from '../../fix/message.js';
import { Decimal } from '../../market/decimal.js';
import type { PaperInstrument } from '../paper/paper-market.js';
import { AppTag, OrdRejReason } from './app-tags.js';

/** The terms of a NewOrderSingle (D) that passed every check, as FIX strings. */
export interface NewOrderTerms {
  readonly clOrdId: string;
  readonly symbol: string;
  readonly side: string;
  readonly ordType: string;
  readonly tif: string;
  readonly qty: string;
  readonly price?: string;
}

/** Why an order is refused: OrdRejReason (103) and Text (58). */
export interface Refusal {
  readonly reason: string;
  readonly text: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const SIDES = new Set(['1', '2']);
const ORD_TYPES = new Set(['1', '2']);
/** TimeInForce (59) values served: DAY 0, GTC 1, IOC 3, FOK 4. */
const TIFS = new Set(['0', '1', '3', '4']);

/**
 * Why a NewOrderSingle cannot be taken, or its terms: unsupported Side, OrdType or TimeInForce,
 * unknown symbol, a quantity or price that is missing, not a decimal, not positive or off the
 * symbol's grid. (ClOrdID, Symbol and Side are checked before, see missingKeyTag; duplicates by the desk.)
 */
export function checkNewOrder(
  message: FixMessage,
  instrument: (symbol: string) => PaperInstrument | undefined,
): NewOrderTerms | Refusal {
  const clOrdId = message.get(AppTag.ClOrdID) ?? '';
  const symbol = message.get(AppTag.Symbol) ?? '';
  const side = message.get(AppTag.Side) ?? '';
  const ordType = message.get(AppTag.OrdType);
  const tif = message.get(AppTag.TimeInForce) ?? '0';
  const unsupported = (text: string): Refusal => ({
    reason: OrdRejReason.UnsupportedOrderCharacteristic,
    text,
  });
  if (!SIDES.has(side)) return unsupported(`Side ${side} is not supported (1 buy, 2 sell)`);
  if (ordType === undefined || !ORD_TYPES.has(ordType))
    return unsupported(`OrdType ${ordType ?? 'missing'} is not supported (1 market, 2 limit)`);
  if (!TIFS.has(tif)) return unsupported(`TimeInForce ${tif} is not supported (0, 1, 3, 4)`);
  const grid = instrument(symbol);
  if (grid === undefined)
    return { reason: OrdRejReason.UnknownSymbol, text: `Unknown symbol ${symbol}` };
  const qtyProblem = gridProblem('OrderQty', message.get(AppTag.OrderQty), grid.lot);
  if (qtyProblem !== undefined) return { reason: OrdRejReason.IncorrectQuantity, text: qtyProblem };
  const qty = message.get(AppTag.OrderQty)!;
  if (ordType === '1') return { clOrdId, symbol, side, ordType, tif, qty };
  const price = message.get(AppTag.Price);
  const priceProblem = gridProblem('Price', price, grid.tick);
  if (priceProblem !== undefined) return { reason: OrdRejReason.Other, text: priceProblem };
  return { clOrdId, symbol, side, ordType, tif, qty, price: price! };
}

/** Why a decimal field is missing, malformed, not positive or not a multiple of `step`; undefined when fine. */
export function gridProblem(
  name: string,
  text: string | undefined,
  step: Decimal,
): string | undefined {
  if (text === undefined) return `${name} is required`;
  if (!DECIMAL.test(text)) return `${name} ${text} is not a decimal`;
  const value = new Decimal(text);
  if (!value.gt(0)) return `${name} must be positive, got ${text}`;
  if (!value.mod(step).eq(0)) return `${name} ${text} is not a multiple of ${step.toFixed()}`;
  return undefined;
}

/** The first of `tags` the message lacks, or undefined: without them no sensible answer names the request. */
export function missingTag(message: FixMessage, tags: readonly number[]): number | undefined {
  return tags.find((tag) => !message.has(tag));
}

/** Whether the answer is a refusal rather than terms. */
export function isRefusal(answer: NewOrderTerms | Refusal): answer is Refusal {
  return 'reason' in answer;
}
