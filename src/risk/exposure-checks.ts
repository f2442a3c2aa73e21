import type { Decimal } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import { type LossBreach, lossBreachText } from './daily-loss.js';
import {
  type ExposureState,
  exposureOf,
  type OpenOrders,
  type OpenSides,
  reducesPosition,
} from './exposure.js';
import { Fixed } from './fixed.js';
import { noReference } from './parent-checks.js';
import {
  type RiskLimits,
  type RiskRefusal,
  riskRefusal,
  type SymbolLimits,
} from './risk-limits.js';
import { Standings } from './standings.js';

/** An order as the exposure checks see it: new, or as a replace would leave it. */
export interface ExposureRequest {
  readonly symbol: string;
  readonly side: Side;
  /** What it may add to the position: a new order's quantity, a replaced one's new quantity less its fills. */
  readonly quantity: Fixed;
  /** Its limit; without one it is priced at the mark. */
  readonly limitPrice?: Fixed | undefined;
  /** Its ID among the open orders when it is one of them already (a replace): left out of them. */
  readonly except?: string;
  /**
   * For a replace, what it may add on its current terms: a rule the replace does not grow (the
   * quantity for the position and loss rules, the notional for the notional rules) is not checked,
   * so making an order smaller or cheaper always passes.
   */
  readonly before?: { readonly quantity: Fixed; readonly limitPrice?: Fixed | undefined };
}

/** A new order's terms as the exposure checks take them: its quantity and limit as Fixed. */
export function newExposure(order: {
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal | undefined;
}): ExposureRequest {
  const { symbol, side, quantity, limitPrice } = order;
  return {
    symbol,
    side,
    quantity: Fixed.of(quantity),
    ...(limitPrice === undefined ? {} : { limitPrice: Fixed.of(limitPrice) }),
  };
}

/** Whether any exposure rule applies to a symbol with these limits (none: nothing to check). */
export function hasExposureRules(limits: RiskLimits, own: SymbolLimits): boolean {
  return (
    own.maxLongPosition !== undefined ||
    own.maxShortPosition !== undefined ||
    own.maxExposureNotional !== undefined ||
    own.maxDailyTradedNotional !== undefined ||
    own.maxDailyLoss !== undefined ||
    limits.maxExposureNotional !== undefined ||
    limits.maxDailyTradedNotional !== undefined ||
    limits.maxDailyLoss !== undefined
  );
}

/**
 * The exposure rules against where exo stands (`state`, each symbol's figures converted once per
 * change: see Standings) and the open orders: the open parents' leaves at intake, the working
 * children's at the child checks.
 */
export class ExposureChecks {
  readonly #state: ExposureState;
  readonly #standings: Standings;
  readonly #open: OpenOrders;
  /** The totals' round each symbol was last met in, so that each counts once a round. */
  readonly #met = new Map<string, number>();
  #round = 0;

  constructor(state: ExposureState, open: OpenOrders) {
    this.#state = state;
    this.#standings = new Standings(state);
    this.#open = open;
  }

  /**
   * The first exposure rule an order breaks, in order, or undefined: the daily loss (while a
   * breach holds, only an order that reduces the position passes), maxLongPosition or
   * maxShortPosition, maxExposureNotional and its total, maxDailyTradedNotional and its total.
   * Each compares the worst case: the position from fills, plus every open order on the order's
   * side (both sides for the traded notional) and the order itself filling in full. A notional
   * rule that needs a price no limit nor mark gives refuses with `no_reference_price`.
   */
  refusal(limits: RiskLimits, own: SymbolLimits, order: ExposureRequest): RiskRefusal | undefined {
    const { symbol, side, quantity, before } = order;
    const standing = this.#standings.of(symbol);
    const { mark } = standing;
    const sides = this.#open.sides(symbol, mark, order.except);
    if (before === undefined || quantity.gt(before.quantity)) {
      const breach = this.#state.lossBreach(symbol);
      const refusal = quantityRefusal(own, order, standing.net, sides, breach);
      if (refusal !== undefined) return refusal;
    }
    const needing = firstNotionalRule(limits, own);
    if (needing === undefined) return undefined;
    const price = order.limitPrice ?? mark;
    const notional = price === undefined ? undefined : quantity.times(price);
    if (before !== undefined && !growsNotional(order, before, mark)) return undefined;
    const { buy, sell } = sides;
    if (notional === undefined || buy.notional === undefined || sell.notional === undefined) {
      return noReference(symbol, needing);
    }
    const { value } = standing;
    const { maxExposureNotional, maxDailyTradedNotional } = own;
    // What the order's side would trade, were all of it to fill, and the position it would leave.
    const sideNotional = (side === 'buy' ? buy.notional : sell.notional).plus(notional);
    const worst = side === 'buy' ? value.plus(sideNotional) : sideNotional.minus(value);
    if (maxExposureNotional !== undefined && worst.gt(Fixed.kept(maxExposureNotional))) {
      const what = `worst-case ${side === 'buy' ? 'long' : 'short'} exposure of ${symbol}`;
      return over('maxExposureNotional', maxExposureNotional, worst, what);
    }
    const otherNotional = side === 'buy' ? sell.notional : buy.notional;
    const traded = standing.traded.plus(sideNotional).plus(otherNotional);
    if (maxDailyTradedNotional !== undefined && traded.gt(Fixed.kept(maxDailyTradedNotional))) {
      const what = `worst-case notional traded today on ${symbol}`;
      return over('maxDailyTradedNotional', maxDailyTradedNotional, traded, what);
    }
    const totals =
      limits.maxExposureNotional !== undefined || limits.maxDailyTradedNotional !== undefined;
    if (!totals) return undefined;
    // The other side's worst case: the symbol's exposure grows only if the order's side passes it.
    const other = side === 'buy' ? sell.notional.minus(value) : value.plus(buy.notional);
    return this.#totalRefusal(limits, symbol, worst, other, traded);
  }

  /**
   * The totals over every symbol: the order's symbol at its worst case, every other as it stands.
   * The exposure total is checked only when the order grows its symbol's exposure, its side's
   * worst case passing the other side's (a sell reducing a long does not), so a reducing order
   * passes even when the market moved the total past its limit.
   */
  #totalRefusal(
    limits: RiskLimits,
    symbol: string,
    worst: Fixed,
    otherSide: Fixed,
    traded: Fixed,
  ): RiskRefusal | undefined {
    let exposure = Fixed.ZERO;
    let tradedTotal = traded;
    // Every other symbol once, those exo holds first: marked with this round's number as met.
    const round = ++this.#round;
    this.#met.set(symbol, round);
    for (const symbols of [this.#state.symbols(), this.#open.symbols()]) {
      for (const other of symbols) {
        if (this.#met.get(other) === round) continue;
        this.#met.set(other, round);
        const standing = this.#standings.of(other);
        const otherSides = this.#open.sides(other, standing.mark);
        const figure = exposureOf(standing.value, otherSides);
        if (figure === undefined) return noReference(other, 'maxExposureNotional.total');
        exposure = exposure.plus(figure);
        const { buy, sell } = otherSides;
        tradedTotal = tradedTotal.plus(standing.traded).plus(buy.notional!).plus(sell.notional!);
      }
    }
    const limit = limits.maxExposureNotional;
    if (limit !== undefined && worst.gt(otherSide)) {
      const total = exposure.plus(worst);
      if (total.gt(Fixed.kept(limit))) {
        return over(
          'maxExposureNotional.total',
          limit,
          total,
          'worst-case exposure over every symbol',
        );
      }
    }
    const tradedLimit = limits.maxDailyTradedNotional;
    if (tradedLimit !== undefined && tradedTotal.gt(Fixed.kept(tradedLimit))) {
      const what = 'worst-case notional traded today over every symbol';
      return over('maxDailyTradedNotional.total', tradedLimit, tradedTotal, what);
    }
    return undefined;
  }
}

/**
 * Whether a replace makes the order's notional larger: its new terms against its current ones,
 * each priced at its limit or the mark; without a price for either, whether its quantity grows.
 */
function growsNotional(
  order: ExposureRequest,
  before: NonNullable<ExposureRequest['before']>,
  mark: Fixed | undefined,
): boolean {
  const now = order.limitPrice ?? mark;
  const was = before.limitPrice ?? mark;
  if (now === undefined || was === undefined) return order.quantity.gt(before.quantity);
  return order.quantity.times(now).gt(before.quantity.times(was));
}

/** The first notional rule that applies, in the order checked (it names a missing price); none. */
function firstNotionalRule(limits: RiskLimits, own: SymbolLimits): string | undefined {
  if (own.maxExposureNotional !== undefined) return 'maxExposureNotional';
  if (own.maxDailyTradedNotional !== undefined) return 'maxDailyTradedNotional';
  if (limits.maxExposureNotional !== undefined) return 'maxExposureNotional.total';
  if (limits.maxDailyTradedNotional !== undefined) return 'maxDailyTradedNotional.total';
  return undefined;
}

/**
 * The rules on the quantity an order adds to its side (with the open orders there): the daily
 * loss while a breach holds, then the long or short position limit.
 */
function quantityRefusal(
  own: SymbolLimits,
  order: ExposureRequest,
  net: Fixed,
  sides: OpenSides,
  breach: LossBreach | undefined,
): RiskRefusal | undefined {
  const { side, symbol } = order;
  const limit = side === 'buy' ? own.maxLongPosition : own.maxShortPosition;
  if (breach === undefined && limit === undefined) return undefined;
  const adding = sides[side].quantity.plus(order.quantity);
  if (breach !== undefined && !reducesPosition(net, side, adding)) return lossRefusal(breach);
  return limit === undefined ? undefined : positionRefusal(symbol, side, limit, net, adding);
}

/** maxLongPosition for a buy, maxShortPosition for a sell, with `adding` on the order's side. */
function positionRefusal(
  symbol: string,
  side: Side,
  limit: Decimal,
  net: Fixed,
  adding: Fixed,
): RiskRefusal | undefined {
  if (side === 'buy') {
    const long = net.plus(adding);
    if (!long.gt(Fixed.kept(limit))) return undefined;
    return over('maxLongPosition', limit, long, `worst-case long position of ${symbol}`);
  }
  const short = adding.minus(net);
  if (!short.gt(Fixed.kept(limit))) return undefined;
  return over('maxShortPosition', limit, short, `worst-case short position of ${symbol}`);
}

/** A daily loss breach refusing an order that does not reduce the position. */
function lossRefusal(breach: LossBreach): RiskRefusal {
  const { rule, limit, value } = breach;
  const message = `${lossBreachText(breach)}: only orders that reduce the position pass`;
  return { rule, limit: limit.toFixed(), value: value.toFixed(), message };
}

function over(rule: string, limit: Decimal, value: Fixed, what: string): RiskRefusal {
  return riskRefusal(rule, limit.toFixed(), value.toDecimal().toFixed(), what);
}
