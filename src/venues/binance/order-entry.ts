import type { ExecType } from '../../market/exec-type.js';
import type { OrdStatus } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import { BinanceApiError, describe, outcomeUnknown, TIMESTAMP_CODE } from './binance-api-error.js';
import type { BinanceChild } from './binance-child.js';
import type { OrderParams } from './order-params.js';
import type { RequestCost, RequestGate } from './request-gate.js';

/**
 * exo's order requests to Binance: the WebSocket API method each is sent as, what it costs and
 * the status it leaves a child in till known. A replace of a partly filled order goes in two
 * halves (`replace.cancel`, then `replace.place` for what the cancel's answer left), each a
 * request of its own on the wire.
 */
export const ORDER_METHODS = {
  'order.place': {
    method: 'order.place',
    cost: { weight: 1, orders: 1 },
    pending: 'pending_new',
    refusal: 'rejected',
  },
  'order.cancel': {
    method: 'order.cancel',
    cost: { weight: 1, orders: 0 },
    pending: 'pending_cancel',
    refusal: 'cancel_rejected',
  },
  'order.amend.keepPriority': {
    method: 'order.amend.keepPriority',
    cost: { weight: 4, orders: 0 },
    pending: 'pending_replace',
    refusal: 'replace_rejected',
  },
  'order.cancelReplace': {
    method: 'order.cancelReplace',
    cost: { weight: 1, orders: 1 },
    pending: 'pending_replace',
    refusal: 'replace_rejected',
  },
  'replace.cancel': {
    method: 'order.cancel',
    cost: { weight: 1, orders: 0 },
    pending: 'pending_replace',
    refusal: 'replace_rejected',
  },
  'replace.place': {
    method: 'order.place',
    cost: { weight: 1, orders: 1 },
    pending: 'pending_replace',
    refusal: 'canceled',
  },
} as const satisfies Record<
  string,
  { method: string; cost: RequestCost; pending: OrdStatus; refusal: ExecType }
>;

/** An order request's kind. */
export type OrderMethod = keyof typeof ORDER_METHODS;

/** What order entry needs of the adapter. */
export interface OrderEntryHost {
  /** The gate now (it is replaced once exchangeInfo's limits are known). */
  gate(): RequestGate;
  /** Signs and sends a request on the session. */
  call(method: string, params: OrderParams): Promise<unknown>;
  /** Measures the server's clock again. */
  syncTime(): Promise<void>;
  emit(report: Report): void;
  note(kind: string, message: string): void;
  now(): number;
}

/**
 * Sends order requests and turns their failures into reports. A request waits at the gate for
 * the rate limits; an answer only ever refuses (the Binance code and message go to the parent) or
 * leaves the outcome unknown (no answer, -1007, a 5xx: an `unknown` report in the pending status,
 * unless the stream told the outcome first, and never sent again). A 429 pauses the gate for its
 * Retry-After and sends the request again (it was not executed); a 418 stops order entry for good,
 * loudly. A -1021 measures the clock again and sends once more. A cancelReplace whose cancel went
 * through but whose new order did not (-2021) ends the child, as does a refused `replace.place`
 * (its cancel half went through).
 */
export class OrderEntry {
  readonly #host: OrderEntryHost;
  #stopped: string | undefined;
  #unknown = 0;

  constructor(host: OrderEntryHost) {
    this.#host = host;
  }

  /** Why order entry stopped (a 418), or undefined. */
  get stopped(): string | undefined {
    return this.#stopped;
  }

  /** Order requests whose outcome was unknown. */
  get unknown(): number {
    return this.#unknown;
  }

  /**
   * Sends `method` for `child`, named `clOrdId` in any report about it; `answered` hears the
   * result of one that succeeded.
   */
  send(
    method: OrderMethod,
    params: OrderParams,
    child: BinanceChild,
    clOrdId: string,
    answered: (result: unknown) => void = () => {},
    resynced = false,
  ): void {
    const { refusal, cost } = ORDER_METHODS[method];
    if (this.#stopped !== undefined) {
      this.refuse(child, clOrdId, refusal, this.#stopped);
      return;
    }
    if (method === 'order.place') child.placing = true;
    // Withdrawn while it waited (exo was told Binance does not know it): it stays unsent.
    const withdrawn = () => method === 'order.place' && child.placing === 'withdrawn';
    this.#host.gate().schedule(
      cost,
      () => {
        if (method === 'order.place') child.placing = false;
        this.#call(method, params, child, clOrdId, answered, resynced);
      },
      withdrawn,
    );
  }

  /** Sends a request that passed the gate, and turns its failure into a report or a retry. */
  #call(
    method: OrderMethod,
    params: OrderParams,
    child: BinanceChild,
    clOrdId: string,
    answered: (result: unknown) => void,
    resynced: boolean,
  ): void {
    this.#host.call(ORDER_METHODS[method].method, params).then(answered, async (error: unknown) => {
      if (error instanceof BinanceApiError && (error.status === 429 || error.status === 418)) {
        this.#limited(error);
        this.send(method, params, child, clOrdId, answered, resynced);
      } else if (error instanceof BinanceApiError && error.code === TIMESTAMP_CODE && !resynced) {
        this.#host.note(
          'timestamp_refused',
          `${method} refused for its timestamp (-1021): measuring the clock again`,
        );
        await this.#host.syncTime().catch(() => {});
        this.send(method, params, child, clOrdId, answered, true);
      } else if (outcomeUnknown(error)) {
        this.#unknownOutcome(child, clOrdId, method, error);
      } else {
        this.#failed(child, clOrdId, method, error);
      }
    });
  }

  /**
   * A refusal of a request for `child`: a rejected child has ended, and so has a `canceled` one
   * (its working order was cancelled with no order to follow it, as when a replacement was
   * refused).
   */
  refuse(child: BinanceChild, clOrdId: string, refusal: ExecType, text: string): void {
    if (refusal === 'rejected' || refusal === 'canceled') {
      child.renaming = undefined;
      if (child.terminal) return;
      child.settle(refusal);
    }
    this.#host.emit(child.report(clOrdId, refusal, this.#host.now(), { text }));
  }

  /** A 429 pauses requests for its Retry-After; a 418 stops order entry. */
  #limited(error: BinanceApiError): void {
    if (error.status === 418) {
      this.#stopped ??= `order entry stopped: Binance banned this IP (418, ${error.msg})`;
      this.#host.note('banned', `${this.#stopped}; exo sends no more orders until restarted`);
      return;
    }
    const waitMs = error.retryAfterMs ?? 1000;
    this.#host.gate().pause(waitMs);
    this.#host.note(
      'rate_limited',
      `Binance refused a request (429, ${error.msg}): waiting ${waitMs} ms`,
    );
  }

  #unknownOutcome(child: BinanceChild, clOrdId: string, method: OrderMethod, error: unknown) {
    const { pending } = ORDER_METHODS[method];
    const known =
      pending === 'pending_new'
        ? child.status !== 'pending_new'
        : pending === 'pending_cancel'
          ? child.terminal
          : child.terminal || (child.renaming === undefined && child.amending === undefined);
    if (known) return;
    this.#unknown++;
    const text = error instanceof BinanceApiError ? `${method}: ${error.message}` : describe(error);
    this.#host.note('unknown_outcome', `${clOrdId}: outcome unknown (${text})`);
    this.#host.emit(child.report(clOrdId, 'unknown', this.#host.now(), { status: pending, text }));
  }

  #failed(child: BinanceChild, clOrdId: string, method: OrderMethod, error: unknown): void {
    const text = describe(error);
    const cancelled = error instanceof BinanceApiError && error.code === -2021;
    child.renaming = undefined;
    child.amending = undefined;
    // A cancelReplace's cancel half went through, its new order did not: the child has ended.
    const ended = method === 'order.cancelReplace' && cancelled;
    this.refuse(child, clOrdId, ended ? 'canceled' : ORDER_METHODS[method].refusal, text);
  }
}
