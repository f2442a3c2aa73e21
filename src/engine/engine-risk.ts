import type { InstrumentLookup } from '../algos/instrument.js';
import type { Clock } from '../core/clock.js';
import type { Emitter } from '../core/emitter.js';
import type { EngineError } from '../core/errors.js';
import type { Journal } from '../journal/journal.js';
import {
  journalKeys,
  LIMITS_ROW_ID,
  type LimitsChangedBy,
  type LimitsChangedRecord,
} from '../journal/journal-records.js';
import { ZERO } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Side } from '../market/side.js';
import type { Trade } from '../market/trade.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { RecoveredOrder } from '../recovery/recovered-order.js';
import type { RecoveryBook } from '../recovery/recovery-book.js';
import { type AutoHaltCause, AutoHalts } from '../risk/auto-halts.js';
import { DailyLoss, type LossBreach, lossBreachText } from '../risk/daily-loss.js';
import type { ExposureState } from '../risk/exposure.js';
import { limitsToJSON, parseLimits } from '../risk/limits-file.js';
import type { OpenParents } from '../risk/open-parents.js';
import { Positions } from '../risk/positions.js';
import { ReferencePrices } from '../risk/reference-prices.js';
import type { RiskActivity } from '../risk/risk-activity.js';
import { RiskCheckedVenue } from '../risk/risk-checked-venue.js';
import { RiskCounts } from '../risk/risk-counts.js';
import { NO_LIMITS, type RiskLimits } from '../risk/risk-limits.js';
import { type RiskUsage, riskUsage } from '../risk/risk-usage.js';
import type { TradingStates } from '../risk/trading-states.js';
import type { Venue } from '../venues/venue.js';
import type { IntakeRisk } from './intake.js';
import { reportTap } from './report-tap.js';
import type { ServiceEvents } from './service-event.js';
import type { HaltRequest, TradingStateChange } from './trading-status.js';

/** What an engine's risk reads, writes its limits to, and tells. */
export interface EngineRiskParts {
  readonly clock: Clock;
  /** The engine's symbols, each shown in the usage. */
  readonly symbols: readonly string[];
  /** The limits given at start (EngineParts.limits); with none, only the trading states count. */
  readonly limits?: RiskLimits;
  /** Where children that pass the checks go: the parts' venue, its renamed children mapped. */
  readonly venue: Venue;
  /** The parts' venue's name, for the automatic halts' reasons. */
  readonly venueName: string;
  /** Symbols' tick sizes, for a collar in ticks. */
  readonly instruments?: InstrumentLookup;
  /** The latest quote of a symbol (the engine's QuoteBoard): the touch for the child checks. */
  readonly quote: (symbol: string) => Quote | undefined;
  /** The trading states in force, which intake and the child checks read. */
  readonly tradingStates: TradingStates;
  /** The parents open at intake, whose fills stop counting as they are counted in the positions. */
  readonly openParents: () => OpenParents;
  /** Where a change of limits is written ahead. */
  readonly journal: Journal;
  /** The engine's numbers unique across restarts, for the rows' keys. */
  readonly nextNumber: () => number;
  readonly events: Emitter<ServiceEvents>;
  /** Halts everything, for an automatic halt (the engine's `halt`). */
  readonly halt: (request: HaltRequest) => Promise<TradingStateChange>;
  /** Hears every error the engine caught and carried on past. */
  readonly fail: (error: EngineError) => void;
}

/**
 * The engine's risk: the limits in force, exo's positions from its fills, the reference prices
 * and the daily loss they make, the child checks in front of the venue and the limits' automatic
 * halts. One place feeds them all (quotes, trades, fills, recovery, a change of limits), so that
 * intake's parent checks and the child checks read the same figures. The engine's `positions`,
 * `limits`, `riskUsage`, `riskActivity` and `changeLimits` are these.
 */
export class EngineRisk {
  /**
   * The child checks, always in front of the parts' venue (with no limits, only the trading
   * states are checked): where the journaled venue sends, so a refusal comes back as a venue
   * report and is journaled as one, and what a change of limits reaches.
   */
  readonly checked: RiskCheckedVenue;
  /** Refusals and throttle delays by rule, for /metrics, GET /v1/risk and the dashboard. */
  readonly counts = new RiskCounts();
  readonly #parts: EngineRiskParts;
  #limits: RiskLimits | undefined;
  /** Each symbol's position from exo's fills, as orders applied them (restored by `recovered`). */
  #positions = new Positions();
  /** Each symbol's reference price for the parent checks. */
  readonly #references = new ReferencePrices();
  /** The daily loss limits, watched as fills and marks move. */
  readonly #dailyLoss: DailyLoss;
  /** Where exo stands, as the exposure rules read it at intake and at every child. */
  readonly #exposure: ExposureState;
  /** The limits' automatic halts, fed the venue's own reports and its connection. */
  readonly #autoHalts: AutoHalts;

  constructor(parts: EngineRiskParts) {
    const { clock } = parts;
    this.#parts = parts;
    this.#limits = parts.limits;
    this.#dailyLoss = new DailyLoss({
      limits: () => this.#limits,
      positions: () => this.#positions,
      reference: (symbol) => this.#references.fixedOf(symbol),
      clock,
      onBreach: (breach) => this.#onLossBreach(breach),
    });
    this.#exposure = {
      position: (symbol) => this.#positions.of(symbol, clock.now()),
      reference: (symbol) => this.#references.fixedOf(symbol),
      symbols: () => this.#positions.symbols(),
      lossBreach: (symbol) => this.#dailyLoss.breach(symbol),
    };
    this.#autoHalts = new AutoHalts({
      clock,
      venue: parts.venueName,
      trigger: (cause, reason) => this.#autoHalt(cause, reason),
    });
    this.#autoHalts.setLimits(parts.limits?.autoHalt);
    this.checked = new RiskCheckedVenue({
      // The venue's own reports are shown to the automatic halts before the checks add theirs.
      venue: reportTap(parts.venue, (report) => this.#autoHalts.report(report)),
      limits: parts.limits ?? NO_LIMITS,
      clock,
      quote: parts.quote,
      tickSize: (symbol) => parts.instruments?.(symbol)?.tickSize,
      onRefusal: (refusal) => this.counts.refused(refusal.rule),
      onDelay: (rule) => this.counts.delayed(rule),
      exposure: this.#exposure,
      tradingStates: parts.tradingStates,
      net: (symbol) => this.#positions.of(symbol).net,
    });
  }

  /** What intake's parent checks read: the same limits, prices, positions and states. */
  intakeRisk(): IntakeRisk {
    const states = this.#parts.tradingStates;
    return {
      limits: () => this.#limits,
      reference: (symbol) => this.#references.of(symbol),
      refused: (refusal) => this.counts.refused(refusal.rule),
      exposure: this.#exposure,
      tradingState: (symbol) => ({
        state: states.effective(symbol),
        scope: states.decidingScope(symbol),
      }),
      net: (symbol) => this.#positions.of(symbol).net,
    };
  }

  /** Each symbol's position from exo's own fills (see Positions). */
  get positions(): Positions {
    return this.#positions;
  }

  /** The risk limits in force; undefined when none are set. */
  get limits(): RiskLimits | undefined {
    return this.#limits;
  }

  /**
   * The usage of every exposure limit now, per symbol (the engine's, and any exo holds or has open
   * parents on) and in total, with the day's loss breaches: what `GET /v1/risk`, the dashboard and
   * the risk gauges show (see riskUsage).
   */
  riskUsage(): RiskUsage {
    return riskUsage({
      limits: this.#limits,
      state: this.#exposure,
      open: this.#parts.openParents(),
      symbols: this.#parts.symbols,
      pnl: (symbol) => this.#dailyLoss.pnl(symbol),
      breaches: this.#dailyLoss.breaches(),
      time: this.#parts.clock.now(),
    });
  }

  /**
   * What the risk checks are doing: each child rate's usage now, and the refusals and throttle
   * delays so far by rule (what `GET /v1/risk` adds to riskUsage, and the dashboard shows).
   */
  riskActivity(): RiskActivity {
    return { rates: this.checked.rateUsage(), counts: this.counts };
  }

  /**
   * Puts new risk limits in force once a `limits_changed` row saying who set them (`by`, and the
   * `file` read) has committed; rejects with the journal's error, the old limits kept, when it
   * cannot write.
   */
  async changeLimits(limits: RiskLimits, by: LimitsChangedBy, file?: string): Promise<void> {
    const body: LimitsChangedRecord = {
      by,
      ...(file === undefined ? {} : { file }),
      limits: limitsToJSON(limits),
    };
    await this.#parts.journal.append({
      orderId: LIMITS_ROW_ID,
      kind: 'limits_changed',
      idempotencyKey: journalKeys.limits(this.#parts.nextNumber()),
      body,
    });
    this.#limits = limits;
    this.checked.setLimits(limits);
    this.#autoHalts.setLimits(limits.autoHalt);
    this.#dailyLoss.reset();
  }

  /** A quote arrived: the symbol's reference price, and its daily loss at the new mark. */
  quote(quote: Quote): void {
    this.#references.quote(quote);
    this.#dailyLoss.marked(quote.symbol);
  }

  /** A trade arrived: the symbol's reference price, and its daily loss at the new mark. */
  trade(trade: Trade): void {
    this.#references.trade(trade);
    this.#dailyLoss.marked(trade.symbol);
  }

  /**
   * A fill an order applied: the positions count it, and at the same moment the open parent's
   * leaves and the child's outstanding quantity stop counting it, so the exposure rules never see
   * it twice nor miss it; the daily loss is worked out again.
   */
  counted(orderId: string, symbol: string, side: Side, fill: FillRecord): void {
    this.#positions.fill(symbol, side, fill.qty, fill.px, fill.time);
    this.#parts.openParents().fill(orderId, fill.qty);
    this.checked.applied(fill.clOrdId, fill.qty);
    this.#dailyLoss.filled(symbol);
  }

  /** Counts a restored order's children still working in the child checks, before it acts again. */
  adopt(recovered: RecoveredOrder): void {
    const { children, fills } = recovered.parent;
    for (const child of children) {
      const { clOrdId } = child.request;
      let filled = ZERO;
      for (const fill of fills) if (fill.clOrdId === clOrdId) filled = filled.plus(fill.qty);
      this.checked.adopt(child.request, child.status, filled);
    }
  }

  /**
   * Recovery is done: the positions it folded, and the limits last journaled when none were given
   * at start; the daily loss is worked out afresh.
   */
  recovered(book: RecoveryBook): void {
    // A copy: the book goes on folding rows for snapshots, and the engine counts fills live.
    this.#positions = Positions.fromJSON(book.positions.toJSON());
    const journaled = book.limits;
    // Limits given at start win; without them, those last journaled (by a PUT, say) hold again.
    if (this.#parts.limits === undefined && journaled !== undefined) {
      this.#limits = parseLimits(journaled, 'journal');
      this.#autoHalts.setLimits(this.#limits.autoHalt);
    }
    this.#dailyLoss.reset();
  }

  /** The venue connected or disconnected: the automatic halts time how long it is away. */
  connection(connected: boolean): void {
    this.#autoHalts.connection(connected);
  }

  /** The global state was lifted to `active`: the automatic halts re-arm. */
  rearm(): void {
    this.#autoHalts.reset();
  }

  /** Stops the automatic halts' timers, for good: the engine is stopping. */
  stop(): void {
    this.#autoHalts.stop();
  }

  /**
   * A daily loss limit was found broken (once per breach: see DailyLoss): watchers hear a
   * `risk_breach` event, and the automatic halts (which halt when `autoHalt.dailyLoss` is on).
   * Until the day ends or the limits change, only orders that reduce the position pass.
   */
  #onLossBreach(breach: LossBreach): void {
    this.#parts.events.emit('event', { type: 'risk_breach', breach });
    this.#autoHalts.dailyLossBreached(lossBreachText(breach));
  }

  /**
   * An automatic halt of the limits fired (a reject storm, the venue away too long, the daily loss
   * limit broken): watchers hear of it, as `auto_halt_triggered`, and everything halts, `by`
   * `auto` with the cause and reason journaled. A halt that cannot be journaled is reported.
   */
  #autoHalt(cause: AutoHaltCause, reason: string): void {
    this.#parts.events.emit('event', { type: 'auto_halt_triggered', cause, reason });
    this.#parts.halt({ by: 'auto', reason: `${cause}: ${reason}` }).catch((error: unknown) =>
      this.#parts.fail({
        source: 'journal',
        error,
        message: `automatic halt (${cause}) failed: ${String(error)}`,
      }),
    );
  }
}
