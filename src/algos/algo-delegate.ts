import type { Delegate, DelegateContext } from '../core/delegate.js';
import type { Update } from '../core/update.js';
import { compare, type Decimal, sign, ZERO } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import type { Quote } from '../market/quote.js';
import type { Report } from '../market/report.js';
import { isWithinLimit } from '../market/side.js';
import {
  type RestrictiveState,
  refusingState,
  type TradingState,
} from '../market/trading-state.js';
import { roundPrice, roundToLot } from '../market/units.js';
import { type ChildOrder, NOT_FOUND_AT_VENUE } from '../orders/child-order.js';
import type { OrderEvent, OrderEventListener } from '../orders/order-event.js';
import type { FinalStatus } from '../orders/parent-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { ParentRestore } from '../orders/parent-restore.js';
import { type ChildTerms, ParentState } from '../orders/parent-state.js';
import { ClientIdError } from '../venues/client-id-format.js';
import type { Venue } from '../venues/venue.js';
import { type InflightOptions, InflightWatch } from './inflight-watch.js';
import type { InstrumentSpec } from './instrument.js';
import { OwnWakeups } from './own-wakeups.js';

/** Everything an algorithm is built from: the order, the container's context, and the outside. */
export interface AlgoSetup {
  readonly order: ParentOrder;
  readonly context: DelegateContext<ParentOrder>;
  readonly venue: Venue;
  readonly listener: OrderEventListener;
  /** The symbol's trading rules, when known: children then go out on the tick and lot grids. */
  readonly instrument?: InstrumentSpec;
  /** Told when the listener throws. */
  readonly onListenerError?: (error: unknown, event: OrderEvent) => void;
  /** What recovery rebuilt, for an order live before a restart: the delegate resumes from it. */
  readonly restored?: RestoredAlgo;
  /** When unanswered child requests are queried and resolved (see InflightWatch). */
  readonly inflight?: InflightOptions;
  /** Told of each report exo worked out itself for an unanswered request, once it is applied. */
  readonly onResolved?: (report: Report) => void;
}

/** What an algorithm resumes from after a restart (a RecoveredOrder is one). */
export interface RestoredAlgo {
  readonly parent: ParentRestore;
  /** The delegate's last `context.checkpoint` state, if it saved one. */
  readonly checkpoint?: unknown;
}

/**
 * How many refused cancels of one child exo sends back to back; after that it asks again after a
 * wait that doubles from CANCEL_WAIT_MS up to MAX_CANCEL_WAIT_MS. It never stops waiting for the
 * child: one the venue still works may fill, and its parent must count that fill.
 */
const MAX_CANCEL_REFUSALS = 3;
const CANCEL_WAIT_MS = 1_000;
const MAX_CANCEL_WAIT_MS = 30_000;

/** Decimal places a quantity keeps when the symbol's lot size is not known. */
const DEFAULT_QUANTITY_PLACES = 8;

/**
 * The bookkeeping every reference algorithm shares, so that each algorithm holds only its
 * decisions. On each update it applies instructions (accept, replace, cancel) and reports, notes
 * the quote and wake-ups, then either winds the order down (cancel asked, nothing left to fill,
 * a child rejected by the venue, or the algorithm's schedule over: cancel working children, and
 * complete once all are terminal) or lets the algorithm `decide`. It never throws on a surprising
 * report: that is an `error` event. A child of unknown outcome counts as working until resolved
 * (see InflightWatch); one resolved `not found at venue` is no verdict, and the order re-plans.
 * A child whose client ID the venue could not take (ClientIdError) is never sent, and the order
 * winds down rejected.
 *
 * Trading states: while the symbol is `halted` the algorithm holds (no `decide`, so no child; the
 * engine cancels the working ones) and the order keeps working; a child refused by a trading
 * state (`risk: halted: ...`, `risk: reducing: ...`) is no verdict on the order, the algorithm
 * holds until the state changes. A cancel asked meanwhile still winds the order down.
 */
export abstract class AlgoDelegate implements Delegate<ParentOrder> {
  protected readonly state: ParentState;
  protected readonly context: DelegateContext<ParentOrder>;
  readonly #venue: Venue;
  readonly #instrument: InstrumentSpec | undefined;
  /** When a child whose cancels the venue keeps refusing may be asked to cancel again. */
  readonly #cancelAgainAt = new Map<string, number>();
  /** Those waits' wake-ups, taken out before the algorithm sees wake-ups. */
  readonly #cancelWakes: OwnWakeups;
  readonly #inflight: InflightWatch;
  readonly #onResolved: ((report: Report) => void) | undefined;
  readonly #restored: RestoredAlgo | undefined;
  #quote: Quote | undefined;
  #quotesSeen = 0;
  #quotesSeenAtLastSend = 0;
  #stopReason: string | undefined;
  /** Set by `expire`: why the order ends with its remainder unfilled. */
  #expiry: string | undefined;
  /** The symbol's trading state, as the latest update carrying one said. */
  #tradingState: TradingState = 'active';
  /** The state that refused a child since the state last changed: the algorithm holds while it lasts. */
  #refusedIn: RestrictiveState | undefined;

  constructor(setup: AlgoSetup) {
    this.context = setup.context;
    this.#venue = setup.venue;
    this.#instrument = setup.instrument;
    this.#inflight = new InflightWatch(setup.context, setup.venue, setup.inflight);
    this.#cancelWakes = new OwnWakeups(setup.context);
    this.#onResolved = setup.onResolved;
    this.#restored = setup.restored;
    const options = {
      listener: setup.listener,
      clock: setup.context.clock,
      ...(setup.onListenerError === undefined ? {} : { onListenerError: setup.onListenerError }),
      ...(setup.venue.clientIds === undefined ? {} : { clientIds: setup.venue.clientIds }),
    };
    this.state =
      setup.restored === undefined
        ? new ParentState(setup.order, options)
        : ParentState.restore(setup.restored.parent, options);
  }

  /**
   * Applies the update, then winds down or decides. Returns a promise only when a child request
   * went unanswered past its timeout: the venue is asked about it first.
   */
  action(update: Update<ParentOrder>): boolean | Promise<boolean> {
    if (update.recovered) this.#resume();
    for (const instruction of update.instructions) this.#instruct(instruction);
    if (update.tradingState !== undefined && update.tradingState !== this.#tradingState) {
      this.#tradingState = update.tradingState;
      this.#refusedIn = undefined;
    }
    for (const report of update.reports) this.#report(report);
    if (update.quote !== undefined) {
      this.#quote = update.quote;
      this.#quotesSeen++;
    }
    if (update.wakeups.length > 0) {
      const mine = this.#cancelWakes.claim(this.#inflight.claim(update.wakeups));
      if (mine.length > 0 && !this.state.done) this.onWake(mine);
      if (this.#inflight.overdue()) return this.#settleOverdue();
    }
    return this.#step();
  }

  /** Decides what to send, replace or cancel now; called only while the order is working. */
  protected abstract decide(): void;

  /** Called once, when the order is accepted: where an algorithm schedules its first wake-up. */
  protected onAccepted(): void {}

  /** Called with the times of the wake-ups that fired, before `decide`. */
  protected onWake(_times: readonly number[]): void {}

  /**
   * Called once, on the first update after a restart, with the last checkpoint saved (if any):
   * where an algorithm picks its schedule up again. The order is accepted already.
   */
  protected onRestored(_checkpoint: unknown): void {}

  /** The latest quote of the symbol, if one has arrived. */
  protected get quote(): Quote | undefined {
    return this.#quote;
  }

  /**
   * The latest quote if it arrived after the last child was sent, else undefined: an algorithm
   * that acts once per quote does not resend at a price the venue has just answered.
   */
  protected freshQuote(): Quote | undefined {
    return this.#quotesSeen > this.#quotesSeenAtLastSend ? this.#quote : undefined;
  }

  /** The children still working, whether or not the venue refused to cancel them. */
  protected working(): ChildOrder[] {
    return this.state.workingChildren();
  }

  /**
   * Sends a new child, cut down so that the working children never exceed what is left to fill
   * (after a restart, children adopted from the venue may already cover it): then nothing is sent.
   * Every child not known to have ended counts, even one whose cancels were refused: it may still fill.
   */
  protected send(terms: ChildTerms): void {
    let open = ZERO;
    for (const child of this.state.workingChildren()) open = open.plus(child.openQty);
    const room = this.state.leavesQty.minus(open);
    if (sign(room) <= 0) return;
    const quantity = compare(terms.quantity, room) > 0 ? this.toLots(room) : terms.quantity;
    if (sign(quantity) <= 0) return;
    const request = this.#built(() => this.state.sendChild(extended(terms, { quantity })));
    if (request === undefined) return;
    this.#quotesSeenAtLastSend = this.#quotesSeen;
    this.#venue.submit(request);
    this.#track(request.clOrdId);
  }

  /** Amends a working child with no request pending (a child with one is left alone). */
  protected replace(
    child: ChildOrder,
    change: { readonly quantity?: Decimal; readonly limitPrice?: Decimal },
  ): void {
    if (child.pending !== undefined || child.terminal) return;
    this.#venue.replace(this.state.replaceChild(child, change));
    this.#inflight.track(child);
  }

  /**
   * Cancels a working child with no request pending (a child with one is left alone, and so is one
   * whose refused cancels wait before the next: see MAX_CANCEL_REFUSALS).
   */
  protected cancel(child: ChildOrder): void {
    if (child.pending !== undefined || child.terminal) return;
    const again = this.#cancelAgainAt.get(child.clOrdId);
    if (again !== undefined && this.context.clock.now() < again) return;
    this.#venue.cancel(child.clOrdId, this.state.cancelChild(child));
    this.#inflight.track(child);
  }

  /**
   * Ends the order because its algorithm is done with it (a twap's schedule is over): working
   * children are cancelled, then it completes `expired` with `text`, unless it filled meanwhile.
   */
  protected expire(text: string): void {
    this.#expiry ??= text;
  }

  /** Whether a price respects the order's limit (always, without one). */
  protected withinLimit(price: Decimal): boolean {
    const limit = this.state.limitPrice;
    return limit === undefined || isWithinLimit(this.state.side, price, limit);
  }

  /** The price, or the order's limit (passively on the tick grid) when the price goes through it. */
  protected capToLimit(price: Decimal): Decimal {
    const limit = this.state.limitPrice;
    if (limit === undefined || isWithinLimit(this.state.side, price, limit)) return price;
    const tick = this.#instrument?.tickSize;
    return tick === undefined ? limit : roundPrice(this.state.side, limit, tick, 'passive');
  }

  /** A quantity cut down to whole lots (to 8 decimal places when the lot size is not known). */
  protected toLots(quantity: Decimal): Decimal {
    const lot = this.#instrument?.lotSize;
    return lot === undefined
      ? quantity.round(DEFAULT_QUANTITY_PLACES, 0)
      : roundToLot(quantity, lot);
  }

  /**
   * Cancels working children that no longer fit the order after a replace: priced through the
   * new limit, or together open for more than is left to fill.
   */
  protected cancelNonconforming(): void {
    const working = this.working();
    // Only a child with no request pending can be cancelled: without one, there is nothing to do.
    if (!working.some((child) => child.pending === undefined)) return;
    let open = ZERO;
    for (const child of working) open = open.plus(child.openQty);
    const tooBig = compare(open, this.state.leavesQty) > 0;
    for (const child of working) {
      const price = child.limitPrice;
      if (tooBig || (price !== undefined && !this.withinLimit(price))) this.cancel(child);
    }
  }

  /**
   * What `build` returns, or undefined when the venue could not take the child's ID
   * (ClientIdError): nothing was sent, and the order winds down rejected, saying why.
   */
  #built<T>(build: () => T): T | undefined {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof ClientIdError)) throw error;
      this.state.error(error.message);
      this.#stopReason ??= error.message;
      return undefined;
    }
  }

  /** The parent applies the instruction by its rules; the algorithm hears of its acceptance. */
  #instruct(instruction: ParentOrder): void {
    const accepting = instruction.msgType === 'new' && this.state.status === 'pending_new';
    this.state.instruct(instruction);
    if (accepting) this.onAccepted();
  }

  /**
   * The first update after a restart: announce the order again, resume, watch open requests. A
   * child the venue rejected before the restart ends the order now, as it did live; one that
   * reconciliation found the venue never received is exo's loss, not a verdict: the order re-plans.
   */
  #resume(): void {
    this.state.announceRestored();
    for (const child of this.state.snapshot().children) {
      const verdict = child.text !== NOT_FOUND_AT_VENUE && refusingState(child.text) === undefined;
      if (child.status === 'rejected' && verdict) {
        this.#stopReason ??= rejection(child.clOrdId, child.text);
      }
    }
    this.onRestored(this.#restored?.checkpoint);
    for (const child of this.state.workingChildren()) this.#inflight.track(child);
  }

  /** Overdue requests are unknown now (shown and journaled at once), then the venue is asked. */
  async #settleOverdue(): Promise<boolean> {
    this.#resolve(this.#inflight.unknownNow());
    this.#resolve(await this.#inflight.settleOverdue());
    return this.#step();
  }

  /** Applies reports exo worked out itself, and has them journaled (see AlgoSetup.onResolved). */
  #resolve(reports: readonly Report[]): void {
    for (const report of reports) {
      this.#report(report);
      this.#onResolved?.(report);
    }
  }

  #track(clOrdId: string): void {
    const child = this.state.child(clOrdId);
    if (child !== undefined) this.#inflight.track(child);
  }

  #report(report: Report): void {
    const applied = this.state.applyReport(report);
    if (applied === undefined || report.clOrdId === undefined) return;
    const child = this.state.child(report.clOrdId);
    if (child === undefined) return;
    this.#inflight.track(child);
    // A child the venue never had (its request's outcome was unknown, then the venue said it does
    // not know it) is exo's loss, not a verdict: the order may send another, under a new ID.
    if (applied.event === 'rejected' && report.text !== NOT_FOUND_AT_VENUE) {
      const refusing = refusingState(report.text);
      if (refusing === undefined) this.#stopReason ??= rejection(child.clOrdId, report.text);
      else this.#refusedIn = refusing;
    }
    const refused = child.cancelRejections;
    if (applied.event === 'cancel_rejected' && !child.terminal && refused >= MAX_CANCEL_REFUSALS) {
      const waitMs = Math.min(
        MAX_CANCEL_WAIT_MS,
        CANCEL_WAIT_MS * 2 ** (refused - MAX_CANCEL_REFUSALS),
      );
      const at = this.context.clock.now() + waitMs;
      this.#cancelAgainAt.set(child.clOrdId, at);
      this.#cancelWakes.at(at);
      if (refused === MAX_CANCEL_REFUSALS) {
        this.state.error(
          `child ${child.clOrdId}: the venue refused ${refused} cancels; asking again after a growing wait (up to ${MAX_CANCEL_WAIT_MS / 1000} s) until the child ends`,
        );
      }
    }
  }

  /** After the news is applied: wind down, or decide. Returns true once the order is complete. */
  #step(): boolean {
    const state = this.state;
    if (state.done) return true;
    if (!this.#ending()) {
      if (this.#holding()) return false;
      this.decide();
      if (!this.#ending()) return false;
    }
    const working = this.working();
    for (const child of working) this.cancel(child);
    if (working.length > 0) return false;
    const [status, text] = this.#finalStatus();
    state.finish(status, text);
    return true;
  }

  /** Whether the trading state keeps the algorithm from deciding: halted, or a refusal under it. */
  #holding(): boolean {
    return this.#tradingState === 'halted' || this.#tradingState === this.#refusedIn;
  }

  /** Whether the order winds down: cancel asked, a child rejected, expired, or all filled. */
  #ending(): boolean {
    const state = this.state;
    return (
      state.cancelRequested ||
      this.#stopReason !== undefined ||
      this.#expiry !== undefined ||
      state.allFilled
    );
  }

  #finalStatus(): [FinalStatus, string | undefined] {
    if (this.state.allFilled) return ['filled', undefined];
    if (this.#stopReason !== undefined) return ['rejected', this.#stopReason];
    if (this.#expiry !== undefined && !this.state.cancelRequested) return ['expired', this.#expiry];
    return ['canceled', undefined];
  }
}

/** Why an order ends when the venue rejected one of its children. */
function rejection(clOrdId: string, text: string | undefined): string {
  return `child ${clOrdId} rejected: ${text ?? 'no reason given'}`;
}
