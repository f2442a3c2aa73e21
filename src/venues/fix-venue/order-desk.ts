import type { FixMessage } from '../../fix/message.js';
import { Tag } from '../../fix/tags.js';
import { Decimal } from '../../market/decimal.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import type { PaperMarket } from '../paper/paper-market.js';
import type { PaperVenue } from '../paper/paper-venue.js';
import { AppTag, CxlRejReason, OrdRejReason } from './app-tags.js';
import { refuseLacking } from './business-rejects.js';
import { changeableOrder } from './change-checks.js';
import type { FixBook } from './fix-book.js';
import type { FixOrderState } from './fix-order.js';
import { checkNewOrder, gridProblem, isRefusal } from './order-checks.js';

const ENGINE_TIF: Readonly<Record<string, TimeInForce>> = {
  '0': 'day',
  '1': 'gtc',
  '3': 'ioc',
  '4': 'fok',
};

/**
 * Takes the order requests of every session (D, G, F) and answers them: refusals at once
 * (8 rejected, 9, j), accepted requests handed to the paper venue, whose reports come back through
 * applyEngineReport. `runTag` makes the engine's IDs of this run its own.
 */
export class OrderDesk {
  constructor(
    readonly book: FixBook,
    readonly engine: PaperVenue,
    readonly market: PaperMarket,
    readonly runTag: string,
  ) {}

  /**
   * Hands every working order of the journal to the engine (after a restart), with what is left
   * of it, and then the G or F that was pending when the venue stopped: it is answered as if
   * nothing had happened.
   */
  restore(): void {
    for (const order of this.book.working()) {
      // An order the engine had not yet acknowledged when the venue stopped gets its ack now.
      const restoring = order.status !== 'A';
      const engine = { id: `${order.orderId}.${this.runTag}`, base: order.cumQty, restoring };
      this.book.attach(order, engine);
      this.#submit(order, engine.id, new Decimal(order.qty).minus(order.cumQty));
      if (order.pending !== undefined) this.#forwardPending(order);
    }
  }

  /** NewOrderSingle (D). */
  newOrder(owner: string, m: FixMessage): void {
    if (refuseLacking(this.book.sendTo, owner, m, [AppTag.ClOrdID, AppTag.Symbol, AppTag.Side]))
      return;
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
    const known = this.book.byClOrdId(owner, clOrdId);
    if (known !== undefined && m.flag(Tag.PossDupFlag)) {
      // A D sent again after a gap (the sequence lost what it had done): its status, not a reject.
      this.book.report(known, { execType: 'I' });
      return;
    }
    if (known !== undefined) {
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
    const order = changeableOrder(this.book, owner, m, '2');
    if (order === undefined) return;
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
      const names = { clOrdId: m.get(AppTag.ClOrdID)!, origClOrdId: order.clOrdId };
      this.book.cancelReject(owner, order, names, '2', CxlRejReason.Other, problem);
      return;
    }
    const clOrdId = m.get(AppTag.ClOrdID)!;
    order.pending = { kind: 'replace', clOrdId, qty, ...(price === undefined ? {} : { price }) };
    this.book.save(order);
    this.#forwardPending(order);
  }

  /** OrderCancelRequest (F). */
  cancel(owner: string, m: FixMessage): void {
    const order = changeableOrder(this.book, owner, m, '1');
    if (order === undefined) return;
    order.pending = { kind: 'cancel', clOrdId: m.get(AppTag.ClOrdID)! };
    this.book.save(order);
    this.#forwardPending(order);
  }

  /** Hands the order's pending G or F to the engine. */
  #forwardPending(order: FixOrderState): void {
    const engine = this.book.engineOf(order)!;
    const pending = order.pending;
    if (pending?.kind === 'cancel') this.engine.cancel(engine.id);
    if (pending?.kind !== 'replace') return;
    this.engine.replace({
      clOrdId: engine.id,
      quantity: new Decimal(pending.qty ?? order.qty).minus(engine.base),
      ...(pending.price === undefined ? {} : { limitPrice: new Decimal(pending.price) }),
    });
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
}
