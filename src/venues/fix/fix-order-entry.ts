import type { FixField } from '../../fix/message.js';
import type { Report } from '../../market/report.js';
import { parentIdOf } from '../child-id.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venue.js';
import { AppMsgType } from './app-tags.js';
import type { FixOrder, FixOrders } from './fix-orders.js';
import type { ChildRequestKind, FixPending } from './fix-pending.js';
import { cancelReplace, cancelRequest, newOrderSingle } from './fix-requests.js';

/** What FixOrderEntry works with: the adapter's parts, the session's send, where refusals go. */
export interface FixOrderEntryParts {
  readonly venue: string;
  readonly orders: FixOrders;
  readonly pending: FixPending;
  /** Sends an application message and returns its MsgSeqNum (FixSession.send). */
  readonly send: (msgType: string, body: FixField[]) => number;
  readonly report: (report: Report) => void;
  readonly now: () => number;
}

/**
 * exo's child requests as FIX messages: each gets a fresh wire ClOrdID journaled before it is
 * sent (FixOrders), goes out as D, G or F, and waits in FixPending for its answer. A replace or
 * cancel of an order the adapter never sent, and a second replace while one is pending, are
 * refused here with a report, and never reach the wire.
 */
export class FixOrderEntry {
  constructor(readonly parts: FixOrderEntryParts) {}

  submit(request: ChildOrderRequest): void {
    const { orders, now } = this.parts;
    let wire: string;
    try {
      wire = orders.add(request);
    } catch (error) {
      this.parts.report({
        orderId: request.parentId,
        clOrdId: request.clOrdId,
        execType: 'rejected',
        status: 'rejected',
        transactTime: now(),
        text: `venue ${this.parts.venue} cannot send it: ${String(error)}`,
      });
      return;
    }
    const order = orders.order(request.clOrdId)!;
    const body = newOrderSingle(wire, order, now());
    this.#request('submit', request.clOrdId, wire, order, AppMsgType.NewOrderSingle, body);
  }

  replace(request: ChildReplaceRequest): void {
    const { orders, pending, now } = this.parts;
    const order = orders.order(request.clOrdId);
    const refuse = (text: string): void => this.#refuse(request.clOrdId, 'replace_rejected', text);
    if (order === undefined) {
      refuse(`venue ${this.parts.venue} never sent ${request.clOrdId}`);
      return;
    }
    if (pending.changing(order)) {
      refuse(`a replace or cancel of ${request.clOrdId} is pending: refused locally`);
      return;
    }
    const id = request.newClOrdId ?? request.clOrdId;
    const terms = {
      qty: request.quantity?.toString() ?? order.qty,
      px: request.limitPrice?.toString() ?? order.px,
    };
    const wire = orders.rename(order.wire, id);
    const body = cancelReplace(wire, order, terms, now());
    this.#request('replace', id, wire, order, AppMsgType.OrderCancelReplaceRequest, body, terms);
  }

  cancel(clOrdId: string): void {
    const { orders, now } = this.parts;
    const order = orders.order(clOrdId);
    if (order === undefined) {
      this.#refuse(clOrdId, 'cancel_rejected', `venue ${this.parts.venue} never sent ${clOrdId}`);
      return;
    }
    const wire = orders.rename(order.wire, clOrdId);
    const body = cancelRequest(wire, order, now());
    this.#request('cancel', clOrdId, wire, order, AppMsgType.OrderCancelRequest, body);
  }

  #request(
    kind: ChildRequestKind,
    id: string,
    wire: string,
    order: FixOrder,
    msgType: string,
    body: FixField[],
    terms?: { readonly qty: string; readonly px: string | undefined },
  ): void {
    const seq = this.parts.send(msgType, body);
    this.parts.pending.add({
      kind,
      id,
      wire,
      seq,
      order,
      ...(terms === undefined ? {} : { terms }),
    });
  }

  #refuse(clOrdId: string, execType: 'replace_rejected' | 'cancel_rejected', text: string): void {
    const order = this.parts.orders.order(clOrdId);
    this.parts.report({
      orderId: order?.parentId ?? parentIdOf(clOrdId),
      clOrdId,
      execType,
      status: order?.status ?? 'new',
      transactTime: this.parts.now(),
      text,
    });
  }
}
