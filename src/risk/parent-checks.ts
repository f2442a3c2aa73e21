import type { Decimal } from '../market/decimal.js';
import { Fixed } from './fixed.js';
import {
  limitsFor,
  type PriceCollar,
  type RiskLimits,
  type RiskRefusal,
  riskRefusal,
} from './risk-limits.js';

/** A parent's terms as the checks see them: new, or as a replace would leave it. */
export interface ParentTerms {
  readonly symbol: string;
  readonly algo: string;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
}

/** What the checks know of the market: a symbol's reference price and its tick size. */
export interface ParentMarket {
  /** Mid of the current quote, or the last trade without one; undefined when neither is known. */
  readonly reference: (symbol: string) => Decimal | undefined;
  /** The symbol's tick size, for a collar in ticks; that band is not checked without one. */
  readonly tickSize: (symbol: string) => Decimal | undefined;
}

/** Open parents (live, or accepted by intake and not yet submitted) on the symbol and in total. */
export interface OpenParentCounts {
  readonly onSymbol: number;
  readonly total: number;
}

/** What a replace changes, so only the rules it can break are checked again. */
export interface ReplaceChanges {
  readonly quantity: boolean;
  readonly limitPrice: boolean;
}

/**
 * Checks a new parent against the limits, in order: allowed symbols and algorithms, quantity,
 * notional, the collar, open parents on the symbol and in total. The first rule it breaks is the
 * answer; undefined when it breaks none.
 */
export function checkNewParent(
  limits: RiskLimits,
  terms: ParentTerms,
  market: ParentMarket,
  open: OpenParentCounts,
): RiskRefusal | undefined {
  const { symbol, algo } = terms;
  if (limits.symbols !== undefined && !limits.symbols.includes(symbol)) {
    return notListed('symbols', limits.symbols, symbol);
  }
  if (limits.algos !== undefined && !limits.algos.includes(algo)) {
    return notListed('algos', limits.algos, algo);
  }
  const changes = { quantity: true, limitPrice: true };
  const sized = checkParentTerms(limits, terms, market, changes);
  if (sized !== undefined) return sized;
  const perSymbol = limitsFor(limits, symbol).maxOpenParents;
  if (perSymbol !== undefined && open.onSymbol + 1 > perSymbol) {
    return overCount('maxOpenParents', perSymbol, open.onSymbol + 1, `open parents on ${symbol}`);
  }
  const total = limits.maxOpenParents;
  if (total !== undefined && open.total + 1 > total) {
    return overCount('maxOpenParents.total', total, open.total + 1, 'open parents in total');
  }
  return undefined;
}

/**
 * Checks a parent's size and price, as new or as a replace leaves it: maxParentQuantity when the
 * quantity changes, maxParentNotional when the quantity or the limit does, the collar when the
 * limit does. Notional is quantity times the limit price, or the reference price without a limit.
 * A check that needs the reference price when none is known refuses with `no_reference_price`.
 */
export function checkParentTerms(
  limits: RiskLimits,
  terms: ParentTerms,
  market: ParentMarket,
  changes: ReplaceChanges,
): RiskRefusal | undefined {
  const { symbol, quantity, limitPrice } = terms;
  const own = limitsFor(limits, symbol);
  const { maxParentQuantity, maxParentNotional, parentCollar } = own;
  const size = Fixed.of(quantity);
  if (
    changes.quantity &&
    maxParentQuantity !== undefined &&
    size.gt(Fixed.kept(maxParentQuantity))
  ) {
    return riskRefusal(
      'maxParentQuantity',
      maxParentQuantity.toFixed(),
      quantity.toFixed(),
      `quantity of ${symbol}`,
    );
  }
  const reference = market.reference(symbol);
  if ((changes.quantity || changes.limitPrice) && maxParentNotional !== undefined) {
    const price = limitPrice ?? reference;
    if (price === undefined) return noReference(symbol, 'maxParentNotional');
    const notional = size.times(Fixed.of(price));
    if (notional.gt(Fixed.kept(maxParentNotional))) {
      return riskRefusal(
        'maxParentNotional',
        maxParentNotional.toFixed(),
        notional.toDecimal().toFixed(),
        `notional of ${symbol}`,
      );
    }
  }
  if (changes.limitPrice && parentCollar !== undefined && limitPrice !== undefined) {
    if (reference === undefined) return noReference(symbol, 'parentCollar');
    return outsideCollar(parentCollar, limitPrice, reference, market.tickSize(symbol), symbol);
  }
  return undefined;
}

/** The collar's bands, percent then ticks: the limit's distance from the reference in each. */
function outsideCollar(
  collar: PriceCollar,
  limitPrice: Decimal,
  reference: Decimal,
  tick: Decimal | undefined,
  symbol: string,
): RiskRefusal | undefined {
  const mark = Fixed.of(reference);
  const distance = Fixed.of(limitPrice).minus(mark).abs();
  const { percent, ticks } = collar;
  // Compared exactly (distance × 100 against percent × reference); the value shown is rounded.
  const outsidePercent =
    percent !== undefined && distance.times(HUNDRED).gt(Fixed.kept(percent).times(mark));
  const outsideTicks =
    !outsidePercent &&
    ticks !== undefined &&
    tick !== undefined &&
    distance.gt(Fixed.kept(tick).times(Fixed.ofInteger(ticks)));
  if (!outsidePercent && !outsideTicks) return undefined;
  const off = limitPrice.minus(reference).abs();
  const what = `limit price ${limitPrice.toFixed()} of ${symbol} against the reference ${reference.toFixed()}, off by`;
  if (outsidePercent) {
    const shown = off.times(100).div(reference).round(6, 3).toFixed();
    return riskRefusal('parentCollar.percent', percent!.toFixed(), shown, `${what} percent`);
  }
  const shown = off.div(tick!).round(6, 3).toFixed();
  return riskRefusal('parentCollar.ticks', String(ticks), shown, `${what} ticks`);
}

const HUNDRED = Fixed.ofInteger(100);

function notListed(
  rule: 'symbols' | 'algos',
  allowed: readonly string[],
  name: string,
): RiskRefusal {
  const limit = allowed.join(',');
  const message = `${rule}: ${JSON.stringify(name)} is not among the allowed ${limit}`;
  return { rule, limit, value: name, message };
}

function overCount(rule: string, limit: number, value: number, what: string): RiskRefusal {
  return riskRefusal(rule, String(limit), String(value), what);
}

/** A check needed the reference price and none is known: no quote nor trade of the symbol yet. */
export function noReference(symbol: string, needing: string): RiskRefusal {
  return {
    rule: 'no_reference_price',
    limit: needing,
    value: 'none',
    message: `no_reference_price: ${needing} needs a reference price and no quote or trade of ${symbol} has arrived`,
  };
}
