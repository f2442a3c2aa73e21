import type { Clock } from '../core/clock.js';
import { type Decimal, sign } from '../market/decimal.js';
import { Fixed } from './fixed.js';
import { type Positions, utcDayEnd } from './positions.js';
import type { RiskLimits } from './risk-limits.js';
import { type Standing, Standings } from './standings.js';

/** A daily loss limit that was broken: by which rule, on which symbol, the limit and the loss. */
export interface LossBreach {
  /** `maxDailyLoss` for a symbol's own limit, `maxDailyLoss.total` for the total's. */
  readonly rule: 'maxDailyLoss' | 'maxDailyLoss.total';
  /** The symbol whose loss broke its limit; absent for the total. */
  readonly symbol?: string;
  readonly limit: Decimal;
  /** The loss (a positive figure) when the limit was found broken. */
  readonly value: Decimal;
  /** When it was found broken (the clock's now). */
  readonly time: number;
}

/** A breach in one line: `maxDailyLoss: loss today on BTC-USD 12 is beyond the limit 10`. */
export function lossBreachText(breach: LossBreach): string {
  const where = breach.symbol === undefined ? 'over every symbol' : `on ${breach.symbol}`;
  const { rule, limit, value } = breach;
  return `${rule}: loss today ${where} ${value.toFixed()} is beyond the limit ${limit.toFixed()}`;
}

/** What the daily loss reads, and whom it tells of a breach. */
export interface DailyLossOptions {
  /** The limits in force now (they may be reloaded); undefined when none are set. */
  readonly limits: () => RiskLimits | undefined;
  /** exo's positions now (the engine's, which recovery replaces). */
  readonly positions: () => Positions;
  /** The symbol's reference price as Fixed, its mark; undefined before a quote or trade arrived. */
  readonly reference: (symbol: string) => Fixed | undefined;
  readonly clock: Clock;
  /** Told once per breach, when it is found: the hook an automatic halt hangs on. */
  readonly onBreach: (breach: LossBreach) => void;
}

/** The key of the total's breach among the symbols'. */
const TOTAL = '';

/**
 * The daily loss limits (`maxDailyLoss` per symbol and in total) watched as fills and marks move:
 * a symbol's P&L of the UTC day is its realised P&L plus its open position marked to market
 * against its average cost. A loss beyond a limit is a breach, told once and then held for the
 * rest of the UTC day, whatever the market does, until the limits change (`reset`): while it
 * holds, only orders that reduce the position pass (the exposure checks ask `breach`).
 */
export class DailyLoss {
  readonly #options: DailyLossOptions;
  /** Each symbol's figures, converted again only when its position or mark changed. */
  readonly #standings: Standings;
  /** Each symbol's P&L as last worked out, for the total. */
  readonly #pnl = new Map<string, Fixed>();
  /** The sum of #pnl, kept as each symbol's changes. */
  #total = Fixed.ZERO;
  /** The day's breaches by symbol (the total's under TOTAL). */
  readonly #breaches = new Map<string, LossBreach>();
  /** When the UTC day the breaches belong to ends, in ms since the epoch. */
  #dayEnds = Number.NEGATIVE_INFINITY;

  constructor(options: DailyLossOptions) {
    this.#options = options;
    this.#standings = new Standings({
      position: (symbol) => options.positions().of(symbol, options.clock.now()),
      reference: options.reference,
    });
  }

  /** The symbol's P&L today: realised by the day's fills, plus the open position at the mark less its cost. */
  pnl(symbol: string): Decimal {
    return pnlOf(this.#standings.of(symbol)).toDecimal();
  }

  /** A fill on `symbol`: its P&L is worked out again, and a breach it makes told. */
  filled(symbol: string): void {
    this.#update(symbol, true);
  }

  /** A new mark of `symbol` (a quote or trade): as `filled`, skipped while exo holds none of it. */
  marked(symbol: string): void {
    this.#update(symbol, false);
  }

  /**
   * Forgets the day's breaches and works every symbol out again: the limits changed, or the
   * positions were restored after a restart. A loss still beyond its limit is a breach anew.
   */
  reset(): void {
    this.#breaches.clear();
    this.#pnl.clear();
    this.#total = Fixed.ZERO;
    for (const symbol of this.#options.positions().symbols()) this.#update(symbol, true);
  }

  /** The breach holding orders on `symbol` to reducing ones: its own, else the total's. */
  breach(symbol: string): LossBreach | undefined {
    if (this.#breaches.size === 0) return undefined;
    this.#roll();
    return this.#breaches.get(symbol) ?? this.#breaches.get(TOTAL);
  }

  /** The day's breaches, the symbols' then the total's. */
  breaches(): LossBreach[] {
    this.#roll();
    return [...this.#breaches.values()];
  }

  #update(symbol: string, always: boolean): void {
    const limits = this.#options.limits();
    if (limits === undefined) return;
    const own = limits.perSymbol[symbol]?.maxDailyLoss ?? limits.defaults.maxDailyLoss;
    const total = limits.maxDailyLoss;
    if (own === undefined && total === undefined) return;
    const options = this.#options;
    const position = options.positions().of(symbol, options.clock.now());
    // A flat symbol's P&L moves only with a fill: a mark is skipped before any figure is worked out.
    if (!always && sign(position.net) === 0 && this.#pnl.has(symbol)) return;
    let standing = this.#standings.of(symbol, position);
    // A new day works every symbol out again: this one's figures are the new day's.
    if (this.#roll()) standing = this.#standings.of(symbol);
    const pnl = pnlOf(standing);
    this.#total = this.#total.minus(this.#pnl.get(symbol) ?? Fixed.ZERO).plus(pnl);
    this.#pnl.set(symbol, pnl);
    if (own !== undefined) this.#breached(symbol, 'maxDailyLoss', own, pnl.neg());
    if (total !== undefined) this.#breached(TOTAL, 'maxDailyLoss.total', total, this.#total.neg());
  }

  /** Latches and tells a breach when `loss` is beyond `limit` and none holds under `key` yet. */
  #breached(key: string, rule: LossBreach['rule'], limit: Decimal, loss: Fixed): void {
    if (!loss.gt(Fixed.kept(limit)) || this.#breaches.has(key)) return;
    const breach: LossBreach = {
      rule,
      ...(key === TOTAL ? {} : { symbol: key }),
      limit,
      value: loss.toDecimal(),
      time: this.#options.clock.now(),
    };
    this.#breaches.set(key, breach);
    this.#options.onBreach(breach);
  }

  /**
   * At a new UTC day the day's figures start afresh: the breaches go, every symbol is worked out
   * again; true when it did.
   */
  #roll(): boolean {
    const now = this.#options.clock.now();
    if (now < this.#dayEnds) return false;
    this.#dayEnds = utcDayEnd(now);
    this.reset();
    return true;
  }
}

/** A symbol's P&L of the day: realised, plus the position at the mark less its cost. */
function pnlOf(standing: Standing): Fixed {
  return standing.realised.plus(standing.value).minus(standing.openCost);
}
