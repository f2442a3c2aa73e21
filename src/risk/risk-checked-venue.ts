import type { Clock } from '../core/clock.js';
import { type Decimal, ZERO } from '../market/decimal.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { Quote } from '../market/quote.js';
import type { Report } from '../market/report.js';
import { ForwardingVenue } from '../venues/forwarding-venue.js';
import type { ChildOrderRequest, ChildReplaceRequest, ReportSink, Venue } from '../venues/venue.js';
import {
  type ChildTerms,
  childTermsRefusal,
  type FixedChild,
  fixedChild,
  type Touch,
  ticksBandOf,
  touchOf,
} from './child-checks.js';
import { ChildThrottle } from './child-throttle.js';
import type { ExposureState } from './exposure.js';
import { ExposureChecks, hasExposureRules } from './exposure-checks.js';
import { Fixed } from './fixed.js';
import { OutstandingChildren } from './outstanding-children.js';
import type { RateUsage, RateWindow } from './rate-window.js';
import { RecentChildren } from './recent-children.js';
import { limitsFor, type RiskLimits, type RiskRefusal, type SymbolLimits } from './risk-limits.js';
import { SymbolMap } from './symbol-map.js';
import { type GatedTerms, tradingStateRefusal } from './trading-gate.js';
import type { TradingStates } from './trading-states.js';
import { type WorkingChild, WorkingChildren } from './working-children.js';

/** What the child checks read besides the limits, and whom they tell. */
export interface RiskCheckedVenueOptions {
  /** Where requests that pass go, and reports come from. */
  readonly venue: Venue;
  readonly limits: RiskLimits;
  /** The engine's clock: rates, delays and the duplicate window run on it. */
  readonly clock: Clock;
  /** The latest quote of a symbol (the engine's QuoteBoard): the touch for notional and collar. */
  readonly quote: (symbol: string) => Quote | undefined;
  /** A symbol's tick size, for a collar in ticks; a ticks collar is not checked without it. */
  readonly tickSize?: (symbol: string) => Decimal | undefined;
  /** Told of every refusal (the metrics count them by rule). */
  readonly onRefusal?: (refusal: RiskRefusal, clOrdId: string) => void;
  /** Told of every request the throttle delays: by which rule, and until when. */
  readonly onDelay?: (rule: string, clOrdId: string, sendAt: number) => void;
  /** Where exo stands (positions, marks, the daily loss), for the exposure rules; unchecked without it. */
  readonly exposure?: ExposureState;
  /** The trading states in force (the engine's): `halted` and `reducing` refuse children. */
  readonly tradingStates?: TradingStates;
  /** A symbol's net position (+ long, − short), for `reducing`; flat when absent. */
  readonly net?: (symbol: string) => Decimal;
}

/** The text a refused child's report carries: `risk: <rule>: <what, limit and value>`. */
export function riskReportText(refusal: RiskRefusal): string {
  return `risk: ${refusal.message}`;
}

/**
 * The pre-trade child checks, as a venue: every submit and replace is checked against the symbol's
 * trading state (halted refuses every one, reducing those that do not reduce the position) and
 * the limits before it goes on (cancels never are). A refused submit comes back through the report sink as a
 * `rejected` report, a refused replace as `replace_rejected` (the child keeps working), both with
 * `risk: <rule>: ...` text, just as if the venue had refused. A request over a rate is delayed
 * until the window allows (and `onDelay` told), one over the hard cap refused.
 *
 * The engine puts it inside the journaled venue, right in front of the real one: the journaled
 * venue is the only venue delegates get and its only way out, so nothing bypasses the checks; a
 * child's intent is journaled before it is checked, and a refusal is journaled as a venue report
 * on its way back, so a restart shows the same refused child.
 */
export class RiskCheckedVenue extends ForwardingVenue {
  readonly #options: RiskCheckedVenueOptions;
  readonly #working = new WorkingChildren();
  readonly #recent = new RecentChildren();
  /** What the children passed may still add to the position, for the exposure rules. */
  readonly #outstanding = new OutstandingChildren();
  /** The exposure rules against where exo stands and the outstanding children; none without a state. */
  readonly #exposure: ExposureChecks | undefined;
  /** Each symbol's limits (the defaults under its own entry), collar and rate, worked out once. */
  readonly #symbols = new SymbolMap<SymbolChecks>();
  #limits: RiskLimits;
  readonly #throttle: ChildThrottle;
  #sink: ReportSink | undefined;

  constructor(options: RiskCheckedVenueOptions) {
    super(options.venue);
    this.#options = options;
    this.#limits = options.limits;
    this.#throttle = new ChildThrottle(options.clock, this.name, options.limits, options.onDelay);
    this.#exposure =
      options.exposure === undefined
        ? undefined
        : new ExposureChecks(options.exposure, this.#outstanding);
  }

  /**
   * Puts new limits in force for the next request (a reload): each symbol's checks are worked out
   * again, and the rates count afresh. The working children and recent ones are kept.
   */
  setLimits(limits: RiskLimits): void {
    this.#limits = limits;
    this.#symbols.clear();
    this.#throttle.setLimits(limits);
  }

  /**
   * Each rate rule's usage now: the venue's, then each symbol's that has had a child since the
   * limits were last put in force (one without has used none of its rate).
   */
  rateUsage(): RateUsage[] {
    const rates = [...this.#symbols.entries()].map(
      ([symbol, checks]) => [symbol, checks.rate] as const,
    );
    return this.#throttle.usage(rates);
  }

  override onReport(sink: ReportSink): void {
    this.#sink = sink;
    this.inner.onReport((report, cursor) => {
      this.#working.onReport(report);
      this.#outstanding.onReport(report);
      sink(report, cursor);
    });
  }

  override submit(request: ChildOrderRequest): void {
    const { clOrdId, parentId, symbol } = request;
    const checks = this.#checksOf(symbol);
    const { limits } = checks;
    const now = this.#options.clock.now();
    const child = fixedChild(request);
    const refusal =
      this.#stateRefusal(request) ??
      this.#termsRefusal(checks, child) ??
      this.#countRefusal(limits, parentId, symbol) ??
      this.#exposureRefusal(checks, child) ??
      this.#duplicateRefusal(limits, child, now) ??
      this.#throttle.refusal(checks.rate, now);
    if (refusal !== undefined) {
      this.#refuse(request.parentId, clOrdId, 'rejected', refusal);
      return;
    }
    this.#working.add(request, child.limitPrice);
    if (checks.exposure) {
      this.#outstanding.add(request, child.quantity, child.limitPrice, child.notional);
    }
    if (limits.duplicateWindowMs !== undefined) this.#recent.add(child, clOrdId, now);
    this.#throttle.send(checks.rate, clOrdId, () => this.inner.submit(request));
  }

  override replace(request: ChildReplaceRequest): void {
    const child = this.#working.get(request.clOrdId);
    // A child the checks never saw (restored after a restart): nothing to check it against.
    if (child === undefined) {
      this.inner.replace(request);
      return;
    }
    const terms: ChildTerms = {
      symbol: child.symbol,
      side: child.side,
      quantity: request.quantity ?? child.quantity,
      ...((request.limitPrice ?? child.limitPrice) === undefined
        ? {}
        : { limitPrice: request.limitPrice ?? child.limitPrice }),
    };
    const now = this.#options.clock.now();
    const checks = this.#checksOf(child.symbol);
    const replaced = fixedChild(terms);
    const refusal =
      this.#replaceStateRefusal(child, terms.quantity) ??
      this.#termsRefusal(checks, replaced) ??
      this.#replacedExposureRefusal(checks, child.clOrdId, replaced) ??
      this.#throttle.refusal(checks.rate, now);
    if (refusal !== undefined) {
      this.#refuse(child.parentId, child.clOrdId, 'replace_rejected', refusal);
      return;
    }
    this.#working.amend(child.clOrdId, request.quantity, request.limitPrice);
    this.#outstanding.replacing(child.clOrdId, replaced.quantity, replaced.limitPrice);
    this.#throttle.send(checks.rate, child.clOrdId, () => this.inner.replace(request));
  }

  /**
   * A fill of a child the order applied, which the positions count at the same moment: from then
   * on the exposure rules see it in the position, not in what the child may still add.
   */
  applied(clOrdId: string, quantity: Decimal): void {
    this.#outstanding.applied(clOrdId, quantity);
  }

  /** The parent completed: its children neither work nor add to the exposure any more. */
  parentCompleted(parentId: string): void {
    this.#working.forgetParent(parentId);
    this.#outstanding.forgetParent(parentId);
  }

  /** Never refused; one behind a delayed request of its child leaves right after it. */
  override cancel(clOrdId: string, time?: number): void {
    this.#throttle.sendAfterDelayed(clOrdId, () => this.inner.cancel(clOrdId, time));
  }

  /**
   * The children working now, of `symbol` or of every symbol: sent and passed, or adopted after a
   * restart, and not yet ended by the venue. What a halt cancels.
   */
  workingChildren(symbol?: string): WorkingChild[] {
    return this.#working.inScope(symbol);
  }

  /**
   * Whether the child `clOrdId` (its identity) works now: passed and about to leave or sent, or
   * adopted after a restart, and not ended. What the orphan sweep leaves alone.
   */
  isWorking(clOrdId: string): boolean {
    return this.#working.get(clOrdId) !== undefined;
  }

  /**
   * Follows a report exo worked out itself for a request the venue never answered (the in-flight
   * watch's verdict): a child it ends is no longer working, as if the venue had said so.
   */
  resolved(report: Report): void {
    this.#working.onReport(report);
  }

  /**
   * Counts a child exo sent before a restart (in the status and with the fills recovery found) as
   * working: the checks count it and see it rest, the exposure rules count what it may still fill,
   * and a halt cancels it. An ended one is ignored.
   */
  adopt(request: ChildOrderRequest, status: OrdStatus, cumQty: Decimal): void {
    this.#working.adopt(request, status, cumQty);
    if (!isTerminal(status)) this.#outstanding.adopt(request, cumQty);
  }

  /** Drops the delayed requests still waiting, and closes the venue. */
  override close(): Promise<void> {
    this.#throttle.close();
    return this.inner.close();
  }

  #checksOf(symbol: string): SymbolChecks {
    let checks = this.#symbols.get(symbol);
    if (checks === undefined) {
      const limits = limitsFor(this.#limits, symbol);
      const ticksBand = ticksBandOf(limits.childCollar?.ticks, this.#options.tickSize?.(symbol));
      checks = {
        limits,
        exposure: this.#exposure !== undefined && hasExposureRules(this.#limits, limits),
        ticksBand: ticksBand === undefined ? undefined : Fixed.of(ticksBand),
        touch: undefined,
        rate: this.#throttle.symbolRate(symbol, limits),
      };
      this.#symbols.set(symbol, checks);
    }
    return checks;
  }

  /** What the symbol's trading state says of a new child (see tradingStateRefusal). */
  #stateRefusal(terms: GatedTerms, except?: string): RiskRefusal | undefined {
    const states = this.#options.tradingStates;
    if (states === undefined) return undefined;
    const { symbol, side } = terms;
    const state = states.effective(symbol);
    if (state === 'active') return undefined;
    const gate = { state, scope: states.decidingScope(symbol) };
    const open = state === 'reducing' ? this.#working.openOnSide(symbol, side, except) : ZERO;
    return tradingStateRefusal(gate, terms, open, this.#options.net?.(symbol) ?? ZERO);
  }

  /**
   * A replace under the trading state: none while halted; while reducing, one that adds to what
   * the child has still to fill is checked as a new child of that open quantity (one that does not
   * add passes: it takes nothing further from the position).
   */
  #replaceStateRefusal(child: WorkingChild, quantity: Decimal): RiskRefusal | undefined {
    const state = this.#options.tradingStates?.effective(child.symbol) ?? 'active';
    if (state === 'active') return undefined;
    if (state === 'reducing' && !quantity.gt(child.quantity)) return undefined;
    const terms = {
      symbol: child.symbol,
      side: child.side,
      quantity: quantity.minus(child.cumQty),
    };
    return this.#stateRefusal(terms, child.clOrdId);
  }

  /** Size, notional and collar, then self-trade: what the child's own terms break. */
  #termsRefusal(checks: SymbolChecks, child: FixedChild): RiskRefusal | undefined {
    const { limits, ticksBand } = checks;
    const { terms } = child;
    const refusal = childTermsRefusal(
      limits,
      child,
      this.#touchOf(checks, terms.symbol),
      ticksBand,
    );
    if (refusal !== undefined || limits.refuseSelfTrade === false) return refusal;
    const crossed = this.#working.crossed(terms.symbol, terms.side, child.limitPrice);
    if (crossed === undefined) return undefined;
    const price = terms.limitPrice?.toString() ?? 'market';
    const resting = crossed.limitPrice?.toString() ?? 'market';
    return {
      rule: 'refuseSelfTrade',
      limit: 'true',
      value: price,
      message:
        `refuseSelfTrade: a ${terms.side} at ${price} would cross exo's own resting ` +
        `${crossed.side} ${crossed.clOrdId} at ${resting}`,
    };
  }

  /** The symbol's latest quote as a touch, converted once per quote; undefined before any. */
  #touchOf(checks: SymbolChecks, symbol: string): Touch | undefined {
    const quote = this.#options.quote(symbol);
    if (quote === undefined) return undefined;
    if (checks.touch?.quote !== quote) {
      checks.touch = touchOf(quote, checks.limits.childCollar?.percent, checks.ticksBand);
    }
    return checks.touch;
  }

  /** The exposure rules, with the working children as what else may fill. */
  #exposureRefusal(checks: SymbolChecks, child: FixedChild): RiskRefusal | undefined {
    if (!checks.exposure || this.#exposure === undefined) return undefined;
    return this.#exposure.refusal(this.#limits, checks.limits, child);
  }

  /**
   * The exposure rules for a replace: the child's new quantity less what was counted of it, against
   * what it may add now (a replace that grows neither passes). A child not counted (sent before
   * the rules applied) is not checked.
   */
  #replacedExposureRefusal(
    checks: SymbolChecks,
    clOrdId: string,
    child: FixedChild,
  ): RiskRefusal | undefined {
    const counted = this.#outstanding.get(clOrdId);
    if (!checks.exposure || this.#exposure === undefined || counted === undefined) return undefined;
    const request = {
      symbol: child.symbol,
      side: child.side,
      quantity: child.quantity.minus(counted.counted),
      limitPrice: child.limitPrice,
      except: clOrdId,
      before: { quantity: counted.remaining, limitPrice: counted.limitPrice },
    };
    return this.#exposure.refusal(this.#limits, checks.limits, request);
  }

  #countRefusal(limits: SymbolLimits, parentId: string, symbol: string): RiskRefusal | undefined {
    const { maxWorkingChildrenPerParent: perParent, maxWorkingChildren: perSymbol } = limits;
    const ofParent = this.#working.ofParent(parentId);
    if (perParent !== undefined && ofParent >= perParent) {
      const what = `working children of ${parentId}`;
      return countRefusal('maxWorkingChildrenPerParent', perParent, ofParent + 1, what);
    }
    const ofSymbol = this.#working.ofSymbol(symbol);
    if (perSymbol !== undefined && ofSymbol >= perSymbol) {
      return countRefusal(
        'maxWorkingChildren',
        perSymbol,
        ofSymbol + 1,
        `working children on ${symbol}`,
      );
    }
    return undefined;
  }

  #duplicateRefusal(limits: SymbolLimits, child: FixedChild, now: number): RiskRefusal | undefined {
    const windowMs = limits.duplicateWindowMs;
    if (windowMs === undefined) return undefined;
    const earlier = this.#recent.within(child, now, windowMs);
    if (earlier === undefined) return undefined;
    const elapsed = now - earlier.time;
    return {
      rule: 'duplicateWindowMs',
      limit: String(windowMs),
      value: String(elapsed),
      message:
        `duplicateWindowMs: same side, symbol, quantity and price as ${earlier.clOrdId} ` +
        `${elapsed} ms earlier, within the window of ${windowMs} ms`,
    };
  }

  /** The report a venue would have sent had it refused: through the sink, like the venue's. */
  #refuse(
    parentId: string,
    clOrdId: string,
    execType: 'rejected' | 'replace_rejected',
    refusal: RiskRefusal,
  ): void {
    this.#options.onRefusal?.(refusal, clOrdId);
    const report: Report = {
      orderId: parentId,
      clOrdId,
      execType,
      status: execType === 'rejected' ? 'rejected' : (this.#working.get(clOrdId)?.status ?? 'new'),
      transactTime: this.#options.clock.now(),
      text: riskReportText(refusal),
    };
    this.#sink?.(report);
  }
}

/** What the checks of one symbol need, worked out at its first child. */
interface SymbolChecks {
  readonly limits: SymbolLimits;
  /** Whether an exposure rule applies (and the children are counted for it). */
  readonly exposure: boolean;
  /** The collar's ticks as a price distance (see ticksBandOf). */
  readonly ticksBand: Fixed | undefined;
  /** The latest quote's touch the checks converted. */
  touch: Touch | undefined;
  readonly rate: RateWindow;
}

function countRefusal(rule: string, limit: number, value: number, what: string): RiskRefusal {
  return {
    rule,
    limit: String(limit),
    value: String(value),
    message: `${rule}: ${what} would be ${value}, beyond the limit ${limit}`,
  };
}
