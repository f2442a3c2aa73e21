import type { Delegate } from '../core/delegate.js';
import { type Decimal, ZERO } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { AlgoDelegate, type AlgoSetup } from './algo-delegate.js';
import { checkParamNames, integerParam } from './params.js';

/** How a twap is spread: over how long, in how many slices. */
export interface TwapParams {
  readonly durationMs: number;
  readonly slices: number;
}

/** The twap's parameter names and defaults: a minute in ten slices. */
export const TWAP_DEFAULTS: TwapParams = { durationMs: 60_000, slices: 10 };

const MAX_DURATION_MS = 7 * 24 * 60 * 60 * 1000;
/** How long past the end a twap that knows no quote yet waits for one before it expires. */
export const END_QUOTE_WAIT_MS = 1000;
const MAX_SLICES = 10_000;

/**
 * Spreads the quantity evenly over time: slice k (from 0) falls due at start + k·durationMs/slices
 * by a clock wake-up, and aims for the cumulative target quantity·(k+1)/slices (in whole lots), so
 * what one slice misses rolls into the next. Each slice sends one IOC at the far price, capped by
 * the limit; a slice due while a child is in flight goes out when that child ends. So a twap sends
 * at most one child per slice, and one more at the end: when the duration is over and no child is
 * working, one last IOC for the leaves at the far price capped by the limit (a twap that knows
 * no quote yet waits up to END_QUOTE_WAIT_MS for one); once that child has ended, or the wait is
 * over, the order completes: `expired`, with what it did not fill left unfilled, or `filled`.
 */
export class Twap extends AlgoDelegate {
  readonly #params: TwapParams;
  #start = 0;
  /** How many slices have fallen due. */
  #due = 0;
  /** How many slices have had their child sent. */
  #sent = 0;
  #ended = false;
  /** Whether the last IOC, at the end of the duration, has been sent. */
  #swept = false;
  /** When a twap with no quote at the end stops waiting for one. */
  #quoteDeadline: number | undefined;

  constructor(setup: AlgoSetup, params: TwapParams) {
    super(setup);
    this.#params = params;
  }

  protected override onAccepted(): void {
    this.#start = this.context.clock.now();
    this.onWake([this.#start]);
  }

  /**
   * Picks the schedule up where the checkpoint left it (from the order's creation without one).
   * The slices due when the last child went out count as sent, so that a slice sent before the
   * restart is not sent again (its shortfall rolls into the next); the checkpoint, saved before
   * that send, bounds them, in case the child went out just before its slice's wake-up arrived.
   */
  protected override onRestored(checkpoint: unknown): void {
    const saved = readCheckpoint(checkpoint);
    this.#start = saved?.startMs ?? this.state.createdAt;
    this.#due = saved?.due ?? 0;
    const sentAt = this.state.lastChildSentAt();
    if (sentAt !== undefined) {
      this.#sent = Math.min(this.#dueAt(sentAt, 0), saved?.due ?? this.#params.slices);
      this.#swept = sentAt >= this.#start + this.#params.durationMs;
    }
    this.onWake([this.context.clock.now()]);
  }

  protected override onWake(times: readonly number[]): void {
    const latest = times[times.length - 1] ?? this.#start;
    const { slices, durationMs } = this.#params;
    const due = this.#due;
    this.#due = this.#dueAt(latest, due);
    if (this.#due !== due) this.context.checkpoint({ startMs: this.#start, due: this.#due });
    if (latest >= this.#start + durationMs) this.#ended = true;
    if (this.#ended) return;
    const next = this.#due < slices ? this.#sliceTime(this.#due) : this.#start + durationMs;
    this.context.wakeAt(next);
  }

  protected decide(): void {
    this.cancelNonconforming();
    if (this.working().length > 0) return;
    if (this.#ended) {
      this.#end();
      return;
    }
    const quote = this.quote;
    if (quote === undefined || this.#sent >= this.#due) return;
    const wanted = this.#target().minus(this.state.cumQty);
    const leaves = this.state.leavesQty;
    const quantity = wanted.lt(leaves) ? wanted : leaves;
    if (!quantity.gt(ZERO)) return;
    this.#sent = this.#due;
    this.#sendIoc(quote, quantity);
  }

  /**
   * The duration is over and no child works: the last IOC for the leaves (waiting for a first
   * quote up to END_QUOTE_WAIT_MS), then the order expires.
   */
  #end(): void {
    const quote = this.quote;
    if (!this.#swept && quote === undefined && this.#waitingForQuote()) return;
    if (!this.#swept && quote !== undefined) {
      this.#swept = true;
      this.#sendIoc(quote, this.toLots(this.state.leavesQty));
      if (this.working().length > 0) return;
    }
    const { quantity, leavesQty } = this.state;
    this.expire(
      `twap ended after ${this.#params.durationMs} ms: ${leavesQty.toFixed()} of ${quantity.toFixed()} unfilled`,
    );
  }

  /** Whether to wait on for a first quote: a wake-up ends the wait at its deadline. */
  #waitingForQuote(): boolean {
    const now = this.context.clock.now();
    if (this.#quoteDeadline === undefined) {
      this.#quoteDeadline = now + END_QUOTE_WAIT_MS;
      this.context.wakeAt(this.#quoteDeadline);
    }
    return now < this.#quoteDeadline;
  }

  /** An IOC at the quote's far price, capped by the limit. */
  #sendIoc(quote: Quote, quantity: Decimal): void {
    const far = quote.farPx(this.state.side);
    this.send({ quantity, limitPrice: this.capToLimit(far), timeInForce: 'ioc' });
  }

  /** The cumulative quantity the due slices aim for: all of it once every slice is due. */
  #target(): Decimal {
    const quantity = this.state.quantity;
    if (this.#due >= this.#params.slices) return quantity;
    return this.toLots(quantity.times(this.#due).div(this.#params.slices));
  }

  /** How many slices have fallen due by `time`, counting on from `from` already due. */
  #dueAt(time: number, from: number): number {
    let due = from;
    while (due < this.#params.slices && this.#sliceTime(due) <= time) due++;
    return due;
  }

  #sliceTime(slice: number): number {
    return this.#start + Math.floor((slice * this.#params.durationMs) / this.#params.slices);
  }
}

/** What a twap saves when its schedule advances: when it started, and how many slices are due. */
export interface TwapCheckpoint {
  readonly startMs: number;
  readonly due: number;
}

/** A checkpoint as saved, or undefined for none or one that is not a twap's. */
function readCheckpoint(state: unknown): TwapCheckpoint | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { startMs, due } = state as Record<string, unknown>;
  if (typeof startMs !== 'number' || !Number.isFinite(startMs)) return undefined;
  if (typeof due !== 'number' || !Number.isSafeInteger(due) || due < 0) return undefined;
  return { startMs, due };
}

/** Reads and checks a twap's params (`durationMs`, `slices`), naming any that is wrong. */
export function parseTwapParams(params: Readonly<Record<string, unknown>> | undefined): TwapParams {
  const checked = checkParamNames('twap', params, Object.keys(TWAP_DEFAULTS));
  const durationMs = integerParam('twap', checked, 'durationMs', {
    fallback: TWAP_DEFAULTS.durationMs,
    min: 1,
    max: MAX_DURATION_MS,
  });
  const slices = integerParam('twap', checked, 'slices', {
    fallback: TWAP_DEFAULTS.slices,
    min: 1,
    max: Math.min(MAX_SLICES, durationMs),
  });
  return { durationMs, slices };
}

/** Builds a `twap` delegate, refusing bad params by name. */
export function createTwap(setup: AlgoSetup): Delegate<ParentOrder> {
  return new Twap(setup, parseTwapParams(setup.order.params));
}
