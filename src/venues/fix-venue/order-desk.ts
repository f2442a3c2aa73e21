import type { FixMessage } from '../../fix/message.js';
import { Tag } from '../../fix/tags.js';
import { Decimal } from '../../market/decimal.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import type { PaperMarket } from '../paper/paper-market.js';
import type { PaperVenue } from '../paper/paper-venue.js';
import {
  AppMsgType,
  AppTag,
  BusinessRejectReason,
  CxlRejReason,
  OrdRejReason,
} from './app-tags.js';
import { businessReject, cancelReject } from './exec-reports.js';
import type { FixBook } from './fix-book.js';
import { type FixOrderState, isWorking } from './fix-order.js';
import { checkNewOrder, gridProblem, isRefusal, missingTag } from './order-checks.js';

const ENGINE_TIF: Readonly<Record<string, TimeInForce>> = {
  '0': 'day',
  '1': 'gtc',
  '3': 'ioc',
  '4': 'fok',
};

/**
 * Takes the order messages of every session (D, G, F, H, AF) and answers them: refusals at once
 * (8 rejected, 9, j), accepted requests handed to the paper venue, whose reports come back through
 * EngineReports. `runTag` makes the engine's IDs of this run its own.
 */
export class OrderDesk {
  constructor(
    readonly book: FixBook,
    readonly engine: PaperVenue,
    readonly market: PaperMarket,
    readonly runTag: string,
  ) {}

  /** Hands every working order of the journal to the engine (after a restart), with what is left of it. */
  restore(): void {
    for (const order of this.book.working()) {
      const engine = { id: `${order.orderId}.${this.runTag}`, base: order.cumQty, restoring: true };
      this.book.attach(order, engine);
      this.#submit(order, engine.id, new Decimal(order.qty).minus(order.cumQty));
    }
  }

  /** NewOrderSingle (D). */
  newOrder(owner: string, m: FixMessage): void {
    if (this.#lacks(owner, m, [AppTag.ClOrdID, AppTag.Symbol, AppTag.Side])) return;
    const clOrdId = m.get(AppTag.ClOrdID)!;
    const order: FixOrderState = {
      orderId: 'NONE',
      owner,
      clOrdId,
      clOrdIds: [clOrdId],
      symbol: m.get(AppTag.Symbol)!,
      side: m.get(AppTag.Side)!,
      ordType: m.get(AppTag.OrdType) ?? '2',
      tif: m.get(AppTag.TimeInForce) ?? '0',
      qty: m.get(AppTag.OrderQty) ?? '0',
      cumQty: '0',
      notional: '0',
      status: '8',
    };
    if (this.book.byClOrdId(owner, clOrdId) !== undefined) {
      const text = `Duplicate ClOrdID ${clOrdId}`;
      this.book.reportUnbooked(order, {
        execType: '8',
        ordRejReason: OrdRejReason.DuplicateOrder,
        text,
      });
      return;
    }
    const terms = checkNewOrder(m, (symbol) => this.market.instrument(symbol));
    if (isRefusal(terms)) {
      this.book.reportUnbooked(order, {
        execType: '8',
        ordRejReason: terms.reason,
        text: terms.text,
      });
      return;
    }
    const accepted: FixOrderState = {
      ...order,
      ...terms,
      orderId: this.book.nextOrderId(),
      status: 'A',
    };
    const engine = { id: `${accepted.orderId}.${this.runTag}`, base: '0', restoring: false };
    this.book.add(accepted, engine);
    this.book.save(accepted);
    this.#submit(accepted, engine.id, new Decimal(terms.qty));
  }

  /** OrderCancelReplaceRequest (G): a new quantity and/or price, the order renamed by its ClOrdID. */
  replace(owner: string, m: FixMessage): void {
    const order = this.#changeable(owner, m, '2');
    if (order === undefined) return;
    const engine = this.book.engineOf(order)!;
    const qty = m.get(AppTag.OrderQty) ?? order.qty;
    const price = order.ordType === '2' ? (m.get(AppTag.Price) ?? order.price) : undefined;
    const grid = this.market.instrument(order.symbol)!;
    const problem =
      gridProblem('OrderQty', qty, grid.lot) ??
      (price === undefined ? undefined : gridProblem('Price', price, grid.tick)) ??
      (new Decimal(qty).lte(order.cumQty)
        ? `OrderQty ${qty} is not above CumQty ${order.cumQty}`
        : undefined);
    if (problem !== undefined) {
      this.#cancelReject(owner, order, m, '2', CxlRejReason.Other, problem);
      return;
    }
    const clOrdId = m.get(AppTag.ClOrdID)!;
    order.pending = { kind: 'replace', clOrdId, qty, ...(price === undefined ? {} : { price }) };
    this.book.save(order);
    this.engine.replace({
      clOrdId: engine.id,
      quantity: new Decimal(qty).minus(engine.base),
      ...(price === undefined ? {} : { limitPrice: new Decimal(price) }),
    });
  }

  /** OrderCancelRequest (F). */
  cancel(owner: string, m: FixMessage): void {
    const order = this.#changeable(owner, m, '1');
    if (order === undefined) return;
    order.pending = { kind: 'cancel', clOrdId: m.get(AppTag.ClOrdID)! };
    this.book.save(order);
    this.engine.cancel(this.book.engineOf(order)!.id);
  }

  /** OrderStatusRequest (H): an 8 with ExecType I, OrdStatus 8 and a Text for an unknown order. */
  status(owner: string, m: FixMessage): void {
    const clOrdId = m.get(AppTag.ClOrdID) ?? '';
    const orderId = m.get(AppTag.OrderID);
    let order = this.book.byClOrdId(owner, clOrdId);
    if (order === undefined && orderId !== undefined) {
      const byId = this.book.byOrderId(orderId);
      if (byId?.owner === owner) order = byId;
    }
    const reqId = m.get(AppTag.OrdStatusReqID);
    const trailer = reqId === undefined ? [] : [[AppTag.OrdStatusReqID, reqId] as const];
    if (order !== undefined) {
      this.book.report(order, { execType: 'I', trailer });
      return;
    }
    this.book.reportUnbooked(this.#unknown(owner, clOrdId, m), {
      execType: 'I',
      text: `Unknown order ${clOrdId}`,
      trailer,
    });
  }

  /** OrderMassStatusRequest (AF) with MassStatusReqType 7: one 8 (ExecType I) per working order of the owner. */
  massStatus(owner: string, m: FixMessage): void {
    if (this.#lacks(owner, m, [AppTag.MassStatusReqID, AppTag.MassStatusReqType])) return;
    const reqId = m.get(AppTag.MassStatusReqID)!;
    const type = m.get(AppTag.MassStatusReqType)!;
    if (type !== '7') {
      const text = `MassStatusReqType ${type} is not supported (7: all orders)`;
      this.#businessReject(owner, m, BusinessRejectReason.Other, text);
      return;
    }
    const orders = this.book.working(owner);
    const total = String(orders.length);
    if (orders.length === 0) {
      const none = { ...this.#unknown(owner, 'NONE', m), symbol: 'NONE', side: '1' };
      const trailer = [
        [AppTag.MassStatusReqID, reqId],
        [AppTag.TotNumReports, '0'],
        [AppTag.LastRptRequested, 'Y'],
      ] as const;
      this.book.reportUnbooked(none, { execType: 'I', text: 'No working orders', trailer });
      return;
    }
    orders.forEach((order, i) => {
      const last = i === orders.length - 1 ? 'Y' : 'N';
      const trailer = [
        [AppTag.MassStatusReqID, reqId],
        [AppTag.TotNumReports, total],
        [AppTag.LastRptRequested, last],
      ] as const;
      this.book.report(order, { execType: 'I', trailer });
    });
  }

  /** A message type the venue does not serve: j with BusinessRejectReason 3. */
  unsupported(owner: string, m: FixMessage): void {
    this.#businessReject(
      owner,
      m,
      BusinessRejectReason.UnsupportedMessageType,
      `Unsupported MsgType ${m.msgType}`,
    );
  }

  #submit(order: FixOrderState, id: string, quantity: Decimal): void {
    this.engine.submit({
      clOrdId: id,
      parentId: order.orderId,
      symbol: order.symbol,
      side: order.side === '1' ? 'buy' : 'sell',
      quantity,
      ...(order.price === undefined || order.ordType === '1'
        ? {}
        : { limitPrice: new Decimal(order.price) }),
      timeInForce: ENGINE_TIF[order.tif]!,
    });
  }

  /** The order a G or F may change, or undefined after answering it with a 9. */
  #changeable(owner: string, m: FixMessage, responseTo: '1' | '2'): FixOrderState | undefined {
    if (this.#lacks(owner, m, [AppTag.OrigClOrdID, AppTag.ClOrdID])) return undefined;
    const orig = m.get(AppTag.OrigClOrdID)!;
    const order = this.book.byClOrdId(owner, orig);
    const refuse = (o: FixOrderState | undefined, reason: string, text: string): undefined => {
      this.#cancelReject(owner, o, m, responseTo, reason, text);
      return undefined;
    };
    if (order === undefined)
      return refuse(undefined, CxlRejReason.UnknownOrder, `Unknown order ${orig}`);
    if (this.book.byClOrdId(owner, m.get(AppTag.ClOrdID)!) !== undefined)
      return refuse(
        order,
        CxlRejReason.DuplicateClOrdID,
        `Duplicate ClOrdID ${m.get(AppTag.ClOrdID)}`,
      );
    if (!isWorking(order))
      return refuse(
        order,
        CxlRejReason.TooLateToCancel,
        `Order is already done (OrdStatus ${order.status})`,
      );
    if (order.pending !== undefined || this.book.engineOf(order) === undefined)
      return refuse(
        order,
        CxlRejReason.PendingCancelOrReplace,
        `A ${order.pending?.kind ?? 'new'} is pending`,
      );
    return order;
  }

  #cancelReject(
    owner: string,
    order: FixOrderState | undefined,
    m: FixMessage,
    responseTo: '1' | '2',
    reason: string,
    text: string,
  ): void {
    const body = cancelReject({
      orderId: order?.orderId ?? 'NONE',
      clOrdId: m.get(AppTag.ClOrdID) ?? 'NONE',
      origClOrdId: m.get(AppTag.OrigClOrdID) ?? 'NONE',
      status: order?.status ?? '8',
      responseTo,
      reason,
      text,
    });
    this.book.sendTo(owner, AppMsgType.OrderCancelReject, body);
  }

  /** Answers a message lacking one of `tags` with j reason 5; true when it did. */
  #lacks(owner: string, m: FixMessage, tags: readonly number[]): boolean {
    const missing = missingTag(m, tags);
    if (missing === undefined) return false;
    this.#businessReject(
      owner,
      m,
      BusinessRejectReason.ConditionallyRequiredFieldMissing,
      `Required tag missing: ${missing}`,
    );
    return true;
  }

  #businessReject(owner: string, m: FixMessage, reason: string, text: string): void {
    const body = businessReject(m.get(Tag.MsgSeqNum) ?? '0', m.msgType, reason, text);
    this.book.sendTo(owner, AppMsgType.BusinessMessageReject, body);
  }

  /** A stand-in order for answering about one the book does not know. */
  #unknown(owner: string, clOrdId: string, m: FixMessage): FixOrderState {
    return {
      orderId: 'NONE',
      owner,
      clOrdId: clOrdId || 'NONE',
      clOrdIds: [],
      symbol: m.get(AppTag.Symbol) ?? 'NONE',
      side: m.get(AppTag.Side) ?? '1',
      ordType: '2',
      tif: '0',
      qty: '0',
      cumQty: '0',
      notional: '0',
      status: '8',
    };
  }
}
