import { ZERO } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import type { LossBreach } from './daily-loss.js';
import { Fixed } from './fixed.js';
import type { SymbolPosition } from './positions.js';

/** What the open orders of one side of a symbol would add if every one of them filled. */
export interface OpenSide {
  readonly quantity: Fixed;
  /**
   * Each order's remaining quantity × its limit price, or × the mark without a limit; undefined
   * when an order without a limit needs the mark and there is none.
   */
  readonly notional: Fixed | undefined;
}

/** A symbol's open orders, buys and sells apart. */
export interface OpenSides {
  readonly buy: OpenSide;
  readonly sell: OpenSide;
}

/** No open order on either side. */
export const NOTHING_OPEN: OpenSides = Object.freeze({
  buy: Object.freeze({ quantity: Fixed.ZERO, notional: Fixed.ZERO }),
  sell: Object.freeze({ quantity: Fixed.ZERO, notional: Fixed.ZERO }),
});

/**
 * Orders that may still fill and move the position: the open parents' leaves at intake
 * (OpenParents), the working children's at the child checks (OutstandingChildren).
 */
export interface OpenOrders {
  /**
   * The symbol's open quantity and notional per side, leaving out the order `except` (one being
   * replaced). Never changed once given: a new object when the figures change, since the
   * exposure checks keep what they worked out of one while it is the same (see TotalsPart).
   */
  sides(symbol: string, mark: Fixed | undefined, except?: string): OpenSides;
  /** The symbols with an open order. */
  symbols(): Iterable<string>;
}

/** What the exposure checks read of where exo stands, besides the open orders. */
export interface ExposureState {
  /** The symbol's position from exo's fills, its day figures those of today. */
  position(symbol: string): SymbolPosition;
  /**
   * The symbol's reference price (mid, or the last trade) as Fixed, the same object while it
   * stands; undefined before either arrived.
   */
  reference(symbol: string): Fixed | undefined;
  /** The symbols exo holds or has traded. */
  symbols(): Iterable<string>;
  /** The daily loss breach in force for the symbol (its own, or the total's), if any. */
  lossBreach(symbol: string): LossBreach | undefined;
}

/**
 * The price a position and an order without a limit are valued at: the reference price, or, while
 * there is none, the position's average cost (so it counts at what it cost, and its unrealised P&L
 * is nothing); undefined when flat with no reference.
 */
export function markOf(position: SymbolPosition, reference: Fixed | undefined): Fixed | undefined {
  if (reference !== undefined) return reference;
  return position.net.eq(ZERO) ? undefined : Fixed.of(position.openCost.div(position.net));
}

/**
 * A symbol's worst-case exposure in notional: the larger of the long exo would hold if every open
 * buy filled (position value + open buys) and the short it would hold if every open sell filled
 * (open sells − position value). Never negative; a sell that reduces a long adds nothing until it
 * would turn it short. Summed over symbols for the total. Undefined when an open order cannot be
 * priced (no limit, no mark).
 */
export function exposureOf(value: Fixed, open: OpenSides): Fixed | undefined {
  const { buy, sell } = open;
  if (buy.notional === undefined || sell.notional === undefined) return undefined;
  const long = value.plus(buy.notional);
  const short = sell.notional.minus(value);
  return long.gt(short) ? long : short;
}

/**
 * Whether `quantity` on `side` only reduces the position `net`: it is on the other side and,
 * with what else is open on its side, no more than the position (it cannot turn it around).
 */
export function reducesPosition(net: Fixed, side: Side, quantity: Fixed): boolean {
  return side === 'buy'
    ? net.sign() < 0 && quantity.lte(net.neg())
    : net.sign() > 0 && quantity.lte(net);
}
