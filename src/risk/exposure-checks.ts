import type { Decimal } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import { type LossBreach, lossBreachText } from './daily-loss.js';
import {
  type ExposureState,
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
import { type TotalsPart, totalsPartOf } from './totals-part.js';

/** An order as the exposure checks see it: new, or as a replace would leave it. */
export interface ExposureRequest {
  readonly symbol: string;
  readonly side: Side;
  /** What it may add to the position: a new order's quantity, a replaced one's new quantity less its fills. */
  readonly quantity: Fixed;
  /** Its limit; without one it is priced at the mark. */
  readonly limitPrice?: Fixed | undefined;
  /** quantity × limitPrice, when the caller multiplied them already (see FixedChild). */
  readonly notional?: Fixed | undefined;
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
  /** Each symbol's part in the totals as last met: see TotalsPart. */
  readonly #parts = new Map<string, TotalsPart>();
  #round = 0;
  /** The limits the last order was checked against, as Fixed: the next is likely its symbol's. */
  #last: ExposureLimits | undefined;

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
    const fixed = this.#limitsOf(limits, own);
    const standing = this.#standings.of(symbol);
    const { mark } = standing;
    const sides = this.#open.sides(symbol, mark, order.except);
    if (before === undefined || quantity.gt(before.quantity)) {
      const breach = this.#state.lossBreach(symbol);
      const refusal = quantityRefusal(own, fixed, order, standing.net, sides, breach);
      if (refusal !== undefined) return refusal;
    }
    const { needing } = fixed;
    if (needing === undefined) return undefined;
    const price = order.limitPrice ?? mark;
    const notional =
      price === undefined
        ? undefined
        : price === order.limitPrice
          ? (order.notional ?? quantity.times(price))
          : quantity.times(price);
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
    if (maxExposureNotional !== undefined && worst.gt(fixed.maxExposureNotional!)) {
      const what = `worst-case ${side === 'buy' ? 'long' : 'short'} exposure of ${symbol}`;
      return over('maxExposureNotional', maxExposureNotional, worst, what);
    }
    const otherNotional = side === 'buy' ? sell.notional : buy.notional;
    const traded = standing.traded.plus(sideNotional).plus(otherNotional);
    if (maxDailyTradedNotional !== undefined && traded.gt(fixed.maxDailyTradedNotional!)) {
      const what = `worst-case notional traded today on ${symbol}`;
      return over('maxDailyTradedNotional', maxDailyTradedNotional, traded, what);
    }
    const totals =
      limits.maxExposureNotional !== undefined || limits.maxDailyTradedNotional !== undefined;
    if (!totals) return undefined;
    // The other side's worst case: the symbol's exposure grows only if the order's side passes it.
    const other = side === 'buy' ? sell.notional.minus(value) : value.plus(buy.notional);
    return this.#totalRefusal(limits, fixed, symbol, worst, other, traded);
  }

  /** The limits as Fixed: the last order's when they are the same, else from EXPOSURE_LIMITS. */
  #limitsOf(limits: RiskLimits, own: SymbolLimits): ExposureLimits {
    const last = this.#last;
    if (last !== undefined && last.own === own && last.limits === limits) return last;
    let fixed = EXPOSURE_LIMITS.get(own);
    if (fixed === undefined || fixed.limits !== limits) {
      fixed = exposureLimitsOf(limits, own);
      EXPOSURE_LIMITS.set(own, fixed);
    }
    this.#last = fixed;
    return fixed;
  }

  /**
   * The totals over every symbol: the order's symbol at its worst case, every other as it stands.
   * The exposure total is checked only when the order grows its symbol's exposure, its side's
   * worst case passing the other side's (a sell reducing a long does not), so a reducing order
   * passes even when the market moved the total past its limit.
   */
  #totalRefusal(
    limits: RiskLimits,
    fixed: ExposureLimits,
    symbol: string,
    worst: Fixed,
    otherSide: Fixed,
    traded: Fixed,
  ): RiskRefusal | undefined {
    let exposure = Fixed.ZERO;
    let tradedTotal = traded;
    // Every other symbol once, those exo holds first, marked with this round's number as met
    // (the order's own symbol is passed over without one).
    const round = ++this.#round;
    for (const symbols of [this.#state.symbols(), this.#open.symbols()]) {
      for (const other of symbols) {
        if (other === symbol) continue;
        let part = this.#parts.get(other);
        if (part?.round === round) continue;
        const standing = this.#standings.of(other);
        const sides = this.#open.sides(other, standing.mark);
        if (part?.standing !== standing || part.sides !== sides) {
          part = totalsPartOf(standing, sides);
          this.#parts.set(other, part);
        }
        part.round = round;
        if (part.exposure === undefined) return noReference(other, 'maxExposureNotional.total');
        exposure = exposure.plus(part.exposure);
        tradedTotal = tradedTotal.plus(part.traded);
      }
    }
    const limit = limits.maxExposureNotional;
    if (limit !== undefined && worst.gt(otherSide)) {
      const total = exposure.plus(worst);
      if (total.gt(fixed.totalExposureNotional!)) {
        return over(
          'maxExposureNotional.total',
          limit,
          total,
          'worst-case exposure over every symbol',
        );
      }
    }
    const tradedLimit = limits.maxDailyTradedNotional;
    if (tradedLimit !== undefined && tradedTotal.gt(fixed.totalDailyTradedNotional!)) {
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

/**
 * A symbol's exposure limits (`own`) and the totals (`limits`') as Fixed, and the first notional
 * rule that applies: what every order of the symbol is compared against, worked out once.
 */
interface ExposureLimits {
  readonly limits: RiskLimits;
  readonly own: SymbolLimits;
  readonly maxLongPosition: Fixed | undefined;
  readonly maxShortPosition: Fixed | undefined;
  readonly maxExposureNotional: Fixed | undefined;
  readonly maxDailyTradedNotional: Fixed | undefined;
  readonly totalExposureNotional: Fixed | undefined;
  readonly totalDailyTradedNotional: Fixed | undefined;
  readonly needing: string | undefined;
}

/** Each symbol's limits' ExposureLimits, under the limits they were last worked out for. */
const EXPOSURE_LIMITS = new WeakMap<SymbolLimits, ExposureLimits>();

function exposureLimitsOf(limits: RiskLimits, own: SymbolLimits): ExposureLimits {
  return {
    limits,
    own,
    maxLongPosition: fixedOf(own.maxLongPosition),
    maxShortPosition: fixedOf(own.maxShortPosition),
    maxExposureNotional: fixedOf(own.maxExposureNotional),
    maxDailyTradedNotional: fixedOf(own.maxDailyTradedNotional),
    totalExposureNotional: fixedOf(limits.maxExposureNotional),
    totalDailyTradedNotional: fixedOf(limits.maxDailyTradedNotional),
    needing: firstNotionalRule(limits, own),
  };
}

function fixedOf(value: Decimal | undefined): Fixed | undefined {
  return value === undefined ? undefined : Fixed.of(value);
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
  fixed: ExposureLimits,
  order: ExposureRequest,
  net: Fixed,
  sides: OpenSides,
  breach: LossBreach | undefined,
): RiskRefusal | undefined {
  const { side, symbol } = order;
  const buy = side === 'buy';
  const limit = buy ? own.maxLongPosition : own.maxShortPosition;
  if (breach === undefined && limit === undefined) return undefined;
  const adding = sides[side].quantity.plus(order.quantity);
  if (breach !== undefined && !reducesPosition(net, side, adding)) return lossRefusal(breach);
  if (limit === undefined) return undefined;
  const fixedLimit = (buy ? fixed.maxLongPosition : fixed.maxShortPosition)!;
  return positionRefusal(symbol, side, limit, fixedLimit, net, adding);
}

/**
 * maxLongPosition for a buy, maxShortPosition for a sell (`limit`, and as Fixed `fixed`), with
 * `adding` on the order's side.
 */
function positionRefusal(
  symbol: string,
  side: Side,
  limit: Decimal,
  fixed: Fixed,
  net: Fixed,
  adding: Fixed,
): RiskRefusal | undefined {
  if (side === 'buy') {
    const long = net.plus(adding);
    if (!long.gt(fixed)) return undefined;
    return over('maxLongPosition', limit, long, `worst-case long position of ${symbol}`);
  }
  const short = adding.minus(net);
  if (!short.gt(fixed)) return undefined;
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
