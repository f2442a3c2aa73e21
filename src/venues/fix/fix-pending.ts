import type { ExecType } from '../../market/exec-type.js';
import type { OrdStatus } from '../../market/ord-status.js';
import type { FixOrder } from './fix-orders.js';

/** Which child request a D, G or F carried. */
export type ChildRequestKind = 'submit' | 'replace' | 'cancel';

/** The status a child waits in while a request of each kind is unanswered. */
export const PENDING_STATUS = {
  submit: 'pending_new',
  replace: 'pending_replace',
  cancel: 'pending_cancel',
} as const satisfies Record<ChildRequestKind, OrdStatus>;

/** The exec type of the venue's refusal of a request of each kind. */
export const REFUSAL = {
  submit: 'rejected',
  replace: 'replace_rejected',
  cancel: 'cancel_rejected',
} as const satisfies Record<ChildRequestKind, ExecType>;

/** A child request sent and not yet answered. */
export interface PendingRequest {
  readonly kind: ChildRequestKind;
  /** exo's client ID of the child (the name the request's reports are reported under). */
  readonly id: string;
  /** The request's own wire ClOrdID (11). */
  readonly wire: string;
  readonly seq: number;
  /** The order it is about. */
  readonly order: FixOrder;
  /** A replace's new terms, which a Replaced report may leave out. */
  readonly terms?: { readonly qty: string; readonly px: string | undefined };
}

/**
 * The child requests (D, G, F) sent and not yet answered, by MsgSeqNum (what a Reject or
 * BusinessMessageReject names) and by wire ClOrdID (what an ExecutionReport or OrderCancelReject
 * names). An answer of any kind settles the request; those left when the session drops are the
 * ones whose outcome is unknown.
 */
export class FixPending {
  readonly #bySeq = new Map<number, PendingRequest>();
  readonly #byWire = new Map<string, PendingRequest>();

  get size(): number {
    return this.#bySeq.size;
  }

  add(request: PendingRequest): void {
    this.#bySeq.set(request.seq, request);
    this.#byWire.set(request.wire, request);
  }

  /** Whether a replace or cancel of `order` waits for its answer. */
  changing(order: FixOrder): boolean {
    for (const request of this.#bySeq.values()) {
      if (request.order === order && request.kind !== 'submit') return true;
    }
    return false;
  }

  /** Settles and returns the request sent as `seq`, if one waits. */
  takeSeq(seq: number): PendingRequest | undefined {
    const request = this.#bySeq.get(seq);
    if (request !== undefined) this.#remove(request);
    return request;
  }

  /** Settles and returns the request sent under wire ClOrdID `wire`, if one waits. */
  takeWire(wire: string | undefined): PendingRequest | undefined {
    const request = wire === undefined ? undefined : this.#byWire.get(wire);
    if (request !== undefined) this.#remove(request);
    return request;
  }

  /** Settles and returns every waiting request (the session dropped: their outcome is unknown). */
  takeAll(): PendingRequest[] {
    const all = [...this.#bySeq.values()];
    this.#bySeq.clear();
    this.#byWire.clear();
    return all;
  }

  #remove(request: PendingRequest): void {
    this.#bySeq.delete(request.seq);
    this.#byWire.delete(request.wire);
  }
}
