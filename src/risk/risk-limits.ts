import type { Decimal } from '../market/decimal.js';

/**
 * A price band around a reference price: an order or child priced further from it than this is
 * refused. Either or both may be given; with both, the tighter band applies.
 */
export interface PriceCollar {
  /** Percent of the reference price, e.g. 5 for ±5 %. */
  readonly percent?: Decimal;
  /** Whole ticks of the symbol's tick size. */
  readonly ticks?: number;
}

/**
 * The limits that apply to one symbol: the global defaults, overridden field by field by the
 * symbol's own entry. Every limit is optional: an absent one is not checked.
 */
export interface SymbolLimits {
  // Parent intake.
  readonly maxParentQuantity?: Decimal;
  /** Quantity times the limit price, or the reference price for an order without a limit. */
  readonly maxParentNotional?: Decimal;
  /** The parent's limit price against the reference price (mid, or the last trade without a quote). */
  readonly parentCollar?: PriceCollar;
  readonly maxOpenParents?: number;
  // Every child, between the delegate and the venue.
  readonly maxChildQuantity?: Decimal;
  readonly maxChildNotional?: Decimal;
  /** A child's limit price against the current touch (the far side for a buy's ask, a sell's bid). */
  readonly childCollar?: PriceCollar;
  readonly maxWorkingChildrenPerParent?: number;
  readonly maxWorkingChildren?: number;
  /** Child submits and replaces per second on this symbol beyond which they are delayed. */
  readonly childRatePerSecond?: number;
  /** Child submits and replaces per second beyond which they are refused. */
  readonly childRateHardCap?: number;
  /** Same side, quantity and price within this many ms of an earlier child is a duplicate. */
  readonly duplicateWindowMs?: number;
  /** Refuse a child that would cross exo's own resting child on the other side (default true). */
  readonly refuseSelfTrade?: boolean;
  // Exposure, from exo's own fills and its open orders (see ExposureRequest and the README).
  /** The largest long position, as a quantity: net position plus every open buy filling. */
  readonly maxLongPosition?: Decimal;
  /** The largest short position, as a quantity: every open sell filling, less the net position. */
  readonly maxShortPosition?: Decimal;
  /** The largest worst-case exposure in notional: see `exposureOf`. */
  readonly maxExposureNotional?: Decimal;
  /** The most notional traded in the UTC day: the day's fills plus every open order filling. */
  readonly maxDailyTradedNotional?: Decimal;
  /** The largest loss in the UTC day (realised plus marked to market) before only reducing orders pass. */
  readonly maxDailyLoss?: Decimal;
}

/** Every limit exo enforces: what `--limits FILE` holds, once read and checked. */
export interface RiskLimits {
  /** The symbols orders may trade; all of the engine's when absent. */
  readonly symbols?: readonly string[];
  /** The algorithms orders may use; all of the engine's when absent. */
  readonly algos?: readonly string[];
  /** Open parents over every symbol. */
  readonly maxOpenParents?: number;
  /** Child submits and replaces per second per venue, beyond which they are delayed. */
  readonly venueChildRatePerSecond?: number;
  /** Child submits and replaces per second per venue, beyond which they are refused. */
  readonly venueChildRateHardCap?: number;
  /** Worst-case exposure summed over every symbol (rule `maxExposureNotional.total`). */
  readonly maxExposureNotional?: Decimal;
  /** Notional traded in the UTC day over every symbol (rule `maxDailyTradedNotional.total`). */
  readonly maxDailyTradedNotional?: Decimal;
  /** The day's loss over every symbol (rule `maxDailyLoss.total`). */
  readonly maxDailyLoss?: Decimal;
  readonly defaults: SymbolLimits;
  readonly perSymbol: Readonly<Record<string, SymbolLimits>>;
  /** What halts trading on its own; nothing does when absent. */
  readonly autoHalt?: AutoHaltLimits;
}

/**
 * The automatic halts, each on only when given: what the engine halts trading for without anyone
 * asking, because carrying on would do more harm than stopping.
 */
export interface AutoHaltLimits {
  /** So many of the venue's rejects of children in so short a time (see RejectStorm). */
  readonly rejectStorm?: RejectStormRule;
  /** The venue disconnected for this many ms without coming back (see VenueDisconnect). */
  readonly venueDisconnectMs?: number;
  /** Breaking the daily loss limit halts trading. */
  readonly dailyLoss?: boolean;
}

/** A storm of rejects: `rejects` of them within `withinMs`. */
export interface RejectStormRule {
  readonly rejects: number;
  readonly withinMs: number;
}

/**
 * No limits: what the child checks run with when exo has none (`--no-risk-limits`, or none given
 * yet), so that only the trading states are checked. Self-trade is off too, as no limit asked for it.
 */
export const NO_LIMITS: RiskLimits = Object.freeze({
  defaults: Object.freeze({ refuseSelfTrade: false }),
  perSymbol: Object.freeze({}),
});

/**
 * The limits of one symbol: its own entry over the defaults, field by field. Merged once per
 * limits object and symbol (limits are never changed, only replaced): the checks ask on every
 * order and child.
 */
export function limitsFor(limits: RiskLimits, symbol: string): SymbolLimits {
  const own = limits.perSymbol[symbol];
  if (own === undefined) return limits.defaults;
  let merged = MERGED.get(limits);
  if (merged === undefined) {
    merged = new Map();
    MERGED.set(limits, merged);
  }
  let mine = merged.get(symbol);
  if (mine === undefined) {
    mine = Object.assign({}, limits.defaults, own);
    merged.set(symbol, mine);
  }
  return mine;
}

/** Each limits object's symbols' merged limits, as limitsFor made them. */
const MERGED = new WeakMap<RiskLimits, Map<string, SymbolLimits>>();

/**
 * Why a check refused: the rule, its limit and the value that broke it, as the API answers
 * (`{"error": "risk_limit", "rule", "limit", "value"}`) and a refused child's report text says
 * (`risk: <rule>: ...`).
 */
export interface RiskRefusal {
  /** The limit's name, as in the limits file (e.g. `maxParentNotional`). */
  readonly rule: string;
  readonly limit: string;
  readonly value: string;
  /** One line naming the rule, the limit and the value. */
  readonly message: string;
}

/** A refusal of `rule`: `value` is over (or outside) `limit`. */
export function riskRefusal(rule: string, limit: string, value: string, what: string): RiskRefusal {
  return { rule, limit, value, message: `${rule}: ${what} ${value} is beyond the limit ${limit}` };
}
