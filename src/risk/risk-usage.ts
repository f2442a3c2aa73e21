import type { JsonValue } from '../journal/journal-row.js';
import type { Decimal } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import type { LossBreach } from './daily-loss.js';
import { type ExposureState, exposureOf, type OpenOrders } from './exposure.js';
import { Fixed } from './fixed.js';
import { limitsFor, type RiskLimits } from './risk-limits.js';
import { Standings } from './standings.js';

/** The exposure rules of a symbol, as the limits file names them. */
export type SymbolExposureRule =
  | 'maxLongPosition'
  | 'maxShortPosition'
  | 'maxExposureNotional'
  | 'maxDailyTradedNotional'
  | 'maxDailyLoss';

/** The exposure rules over every symbol (the top-level fields of the limits file). */
export type TotalExposureRule =
  | 'maxExposureNotional.total'
  | 'maxDailyTradedNotional.total'
  | 'maxDailyLoss.total';

/** One limit's usage: the figure its intake check compares a new order's against, and the limit. */
export interface LimitUsage {
  readonly rule: SymbolExposureRule | TotalExposureRule;
  /** The symbol, for a symbol's rule; absent for a total. */
  readonly symbol?: string;
  /** Undefined when it cannot be priced: an open parent without a limit and no mark. */
  readonly value: Decimal | undefined;
  /** Absent when the limit is not set (the figure is shown all the same). */
  readonly limit?: Decimal;
  /** For the daily loss rules: whether a breach holds (only reducing orders pass). */
  readonly breached?: boolean;
}

/** Where exo stands in one symbol. */
export interface SymbolStanding {
  readonly symbol: string;
  /** The net position from fills: positive long, negative short. */
  readonly position: Decimal;
  /** The price the position is valued at (see markOf); absent when flat with no reference. */
  readonly mark?: Decimal;
  /** The worst-case exposure with every open parent filling (see exposureOf). */
  readonly exposure: Decimal | undefined;
  /** The notional the day's fills traded. */
  readonly dailyTraded: Decimal;
  /** The day's realised P&L plus the open position marked against its cost. */
  readonly dailyPnl: Decimal;
}

/** The usage of every exposure limit, per symbol and in total: `Engine.riskUsage()`, `GET /v1/risk`. */
export interface RiskUsage {
  readonly time: number;
  readonly symbols: readonly SymbolStanding[];
  readonly total: Omit<SymbolStanding, 'symbol' | 'position' | 'mark'>;
  /** Each symbol's five rules (in the order of `symbols`), then the three totals. */
  readonly limits: readonly LimitUsage[];
  /** The daily loss breaches holding today. */
  readonly breaches: readonly LossBreach[];
}

/** What the usage is worked out from. */
export interface RiskUsageSources {
  /** The limits in force; every figure is shown without a limit when none are set. */
  readonly limits: RiskLimits | undefined;
  readonly state: ExposureState;
  /** The open parents, whose leaves the intake checks count. */
  readonly open: OpenOrders;
  /** The symbols to show besides those exo holds or has open orders on. */
  readonly symbols: readonly string[];
  readonly pnl: (symbol: string) => Decimal;
  readonly breaches: readonly LossBreach[];
  readonly time: number;
}

/**
 * The usage of every exposure limit, as the intake checks see it: a position limit's value is the
 * net position plus the open parents' leaves on its side (a short as a positive figure), the
 * notional one the worst-case exposure, the traded one the day's fills plus every open parent's
 * leaves, the loss one the day's loss (negative in profit). Totals are the symbols' sums.
 */
export function riskUsage(sources: RiskUsageSources): RiskUsage {
  const { limits, state, open, breaches, time } = sources;
  const symbols = [...new Set([...sources.symbols, ...state.symbols(), ...open.symbols()])];
  const figures = new Standings(state);
  const rows: LimitUsage[] = [];
  const standings: SymbolStanding[] = [];
  let exposure: Fixed | undefined = Fixed.ZERO;
  let tradedWorst: Fixed | undefined = Fixed.ZERO;
  let dailyTraded = Fixed.ZERO;
  let dailyPnl = Fixed.ZERO;
  for (const symbol of symbols) {
    const position = state.position(symbol);
    const standing = figures.of(symbol);
    const { net, mark } = standing;
    const sides = open.sides(symbol, mark);
    const figure = exposureOf(standing.value, sides);
    const pnl = Fixed.of(sources.pnl(symbol));
    const { buy, sell } = sides;
    const traded =
      buy.notional === undefined || sell.notional === undefined
        ? undefined
        : standing.traded.plus(buy.notional).plus(sell.notional);
    standings.push({
      symbol,
      position: position.net,
      ...(mark === undefined ? {} : { mark: mark.toDecimal() }),
      exposure: figure?.toDecimal(),
      dailyTraded: position.traded,
      dailyPnl: pnl.toDecimal(),
    });
    exposure = figure === undefined ? undefined : exposure?.plus(figure);
    tradedWorst = traded === undefined ? undefined : tradedWorst?.plus(traded);
    dailyTraded = dailyTraded.plus(standing.traded);
    dailyPnl = dailyPnl.plus(pnl);
    const own = limits === undefined ? {} : limitsFor(limits, symbol);
    const breached = breaches.some((b) => b.symbol === symbol);
    rows.push(
      usage('maxLongPosition', symbol, net.plus(buy.quantity), own.maxLongPosition),
      usage('maxShortPosition', symbol, sell.quantity.minus(net), own.maxShortPosition),
      usage('maxExposureNotional', symbol, figure, own.maxExposureNotional),
      usage('maxDailyTradedNotional', symbol, traded, own.maxDailyTradedNotional),
      extended(usage('maxDailyLoss', symbol, pnl.neg(), own.maxDailyLoss), { breached }),
    );
  }
  const breached = breaches.some((b) => b.symbol === undefined);
  rows.push(
    usage('maxExposureNotional.total', undefined, exposure, limits?.maxExposureNotional),
    usage('maxDailyTradedNotional.total', undefined, tradedWorst, limits?.maxDailyTradedNotional),
    extended(usage('maxDailyLoss.total', undefined, dailyPnl.neg(), limits?.maxDailyLoss), {
      breached,
    }),
  );
  return {
    time,
    symbols: standings,
    total: {
      exposure: exposure?.toDecimal(),
      dailyTraded: dailyTraded.toDecimal(),
      dailyPnl: dailyPnl.toDecimal(),
    },
    limits: rows,
    breaches,
  };
}

function usage(
  rule: LimitUsage['rule'],
  symbol: string | undefined,
  value: Fixed | undefined,
  limit: Decimal | undefined,
): LimitUsage {
  return {
    rule,
    ...(symbol === undefined ? {} : { symbol }),
    value: value?.toDecimal(),
    ...(limit === undefined ? {} : { limit }),
  };
}

/** The usage as `GET /v1/risk` answers it: decimals as strings, an unpriced figure as null. */
export function riskUsageToJSON(usage: RiskUsage): { readonly [key: string]: JsonValue } {
  return {
    time: usage.time,
    symbols: usage.symbols.map((s) => ({
      symbol: s.symbol,
      position: s.position.toFixed(),
      ...(s.mark === undefined ? {} : { mark: s.mark.toFixed() }),
      exposure: s.exposure?.toFixed() ?? null,
      dailyTraded: s.dailyTraded.toFixed(),
      dailyPnl: s.dailyPnl.toFixed(),
    })),
    total: {
      exposure: usage.total.exposure?.toFixed() ?? null,
      dailyTraded: usage.total.dailyTraded.toFixed(),
      dailyPnl: usage.total.dailyPnl.toFixed(),
    },
    limits: usage.limits.map((row) => ({
      rule: row.rule,
      ...(row.symbol === undefined ? {} : { symbol: row.symbol }),
      value: row.value?.toFixed() ?? null,
      ...(row.limit === undefined ? {} : { limit: row.limit.toFixed() }),
      ...(row.breached === undefined ? {} : { breached: row.breached }),
    })),
    breaches: usage.breaches.map(lossBreachToJSON),
  };
}

/** A breach as the API and the event stream show it: decimals as strings. */
export function lossBreachToJSON(breach: LossBreach): { readonly [key: string]: JsonValue } {
  return {
    rule: breach.rule,
    ...(breach.symbol === undefined ? {} : { symbol: breach.symbol }),
    limit: breach.limit.toFixed(),
    value: breach.value.toFixed(),
    time: breach.time,
  };
}
