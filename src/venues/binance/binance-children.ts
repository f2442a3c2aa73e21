import { type Decimal, decimal } from '../../market/decimal.js';
import type { Report } from '../../market/report.js';
import { RecentIds } from '../../util/recent-ids.js';
import type { BinanceChild } from './binance-child.js';
import type { ExecutionReport } from './execution-report.js';
import { tradeExecId } from './trade-cursor.js';

/** One of the account's trades, as myTrades lists it (the fields read). */
export interface BinanceTradeJSON {
  readonly symbol: string;
  readonly id: number;
  readonly orderId: number;
  readonly price: string;
  readonly qty: string;
  readonly time: number;
  /** Whether the account bought (absent: taken as a buy). */
  readonly isBuyer?: boolean;
}

/** How many event and trade IDs are remembered to tell a repeat. */
const REMEMBERED = 100_000;

/**
 * The children the Binance adapter sent, by every client ID and Binance order ID they had, and
 * what each user data stream event or reconciled trade means for them in exo's terms: a report
 * (or none). Each event (by symbol, order, type and execution ID) and each trade (`symbol:t`) is
 * applied once: a repeat is counted in `duplicates` and dropped, whether the stream sent it twice
 * or REST reconciliation found it again. A cancelReplace's cancel half is no end of the child:
 * the new order's NEW is its `replaced`.
 */
export class BinanceChildren {
  readonly #byId = new Map<string, BinanceChild>();
  readonly #byOrder = new Map<string, BinanceChild>();
  readonly #seen = new RecentIds(REMEMBERED);
  #duplicates = 0;

  /** Events and trades seen again and dropped. */
  get duplicates(): number {
    return this.#duplicates;
  }

  /** The child a client ID (any it had) names. */
  get(clientId: string): BinanceChild | undefined {
    return this.#byId.get(clientId);
  }

  /** Follows a child under another client ID too (the one a cancelReplace gives it). */
  add(clientId: string, child: BinanceChild): void {
    this.#byId.set(clientId, child);
  }

  /** The children not yet ended. */
  live(): BinanceChild[] {
    return [...new Set(this.#byId.values())].filter((child) => !child.terminal);
  }

  /**
   * Follows a child this run did not send (adopted after a restart) as its order `orderId`, its
   * `trades` so far taken as applied (its figures include them).
   */
  adopt(child: BinanceChild, orderId: number, trades: readonly BinanceTradeJSON[]): void {
    this.add(child.currentId, child);
    this.order(child, orderId);
    for (const trade of trades) this.#seen.add(tradeExecId(trade.symbol, trade.id));
  }

  /** Notes a Binance order ID of a child. */
  order(child: BinanceChild, orderId: number): void {
    child.orderId = orderId;
    if (!child.orderIds.includes(orderId)) child.orderIds.push(orderId);
    this.#byOrder.set(`${child.symbol}:${orderId}`, child);
  }

  /** What an executionReport means, applied: the reports to pass on (none for a repeat). */
  event(er: ExecutionReport): Report[] {
    const key =
      er.x === 'TRADE'
        ? tradeExecId(er.symbol, er.tradeId)
        : `${er.symbol}:${er.orderId}:${er.x}:${er.executionId}`;
    if (!this.#seen.add(key)) {
      this.#duplicates++;
      return [];
    }
    const child =
      this.#byId.get(er.clientId) ??
      this.#byId.get(er.currentId) ??
      this.#byOrder.get(`${er.symbol}:${er.orderId}`);
    if (child === undefined) return [];
    const current = child.orderId === undefined || child.orderId === er.orderId;
    switch (er.x) {
      case 'NEW':
        return this.#new(child, er);
      case 'TRADE':
        if (child.orderId === undefined) this.order(child, er.orderId);
        child.fill(er.lastQty, er.lastPx);
        return [
          child.report(child.currentId, 'trade', er.time, {
            execId: key,
            lastQty: er.lastQty,
            lastPx: er.lastPx,
          }),
        ];
      case 'CANCELED':
        // The cancel half of a cancelReplace, or an order this child had before: no end.
        if (!current || (child.renaming !== undefined && er.clientId === child.currentId))
          return [];
        return this.#end(child, 'canceled', er);
      case 'REPLACED': {
        child.quantity = child.amending ?? child.baseQty.plus(er.origQty);
        child.amending = undefined;
        child.settle(er.status);
        return [child.report(child.currentId, 'replaced', er.time)];
      }
      case 'REJECTED':
        return this.#end(child, 'rejected', er);
      default:
        return current ? this.#end(child, 'expired', er) : [];
    }
  }

  /**
   * What a trade REST reconciliation found means: its report (after the `new` the child missed,
   * if it did), or none when it was applied already or is no child's.
   */
  trade(trade: BinanceTradeJSON): Report[] {
    const child = this.#byOrder.get(`${trade.symbol}:${trade.orderId}`);
    if (child === undefined) return [];
    const execId = tradeExecId(trade.symbol, trade.id);
    if (!this.#seen.add(execId)) {
      this.#duplicates++;
      return [];
    }
    const reports: Report[] = [];
    if (child.status === 'pending_new') {
      child.settle('new');
      reports.push(child.report(child.currentId, 'new', trade.time));
    }
    const lastQty = decimal(trade.qty);
    const lastPx = decimal(trade.price);
    child.fill(lastQty, lastPx);
    reports.push(child.report(child.currentId, 'trade', trade.time, { execId, lastQty, lastPx }));
    return reports;
  }

  #new(child: BinanceChild, er: ExecutionReport): Report[] {
    const renaming = child.renaming;
    if (renaming !== undefined && er.currentId === renaming.newId) {
      child.baseQty = renaming.baseQty ?? child.cumQty;
      child.currentId = renaming.newId;
      child.quantity = renaming.quantity;
      child.limitPrice = renaming.limitPrice;
      child.renaming = undefined;
      this.order(child, er.orderId);
      child.settle('new');
      return [child.report(renaming.newId, 'replaced', er.time)];
    }
    if (er.currentId !== child.currentId || child.status !== 'pending_new') return [];
    this.order(child, er.orderId);
    child.settle('new');
    return [child.report(child.currentId, 'new', er.time)];
  }

  #end(child: BinanceChild, how: 'canceled' | 'rejected' | 'expired', er: ExecutionReport) {
    if (child.terminal) return [];
    if (child.orderId === undefined) this.order(child, er.orderId);
    child.settle(how);
    const why = er.rejectReason !== '' && er.rejectReason !== 'NONE' ? `: ${er.rejectReason}` : '';
    const text = er.x === 'TRADE_PREVENTION' ? 'self-trade prevention' : `Binance ${er.x}${why}`;
    return [child.report(er.clientId, how, er.time, { text })];
  }
}

/** A decimal from Binance's text, zero when absent. */
export function amountOf(text: unknown): Decimal {
  return decimal(typeof text === 'string' && text !== '' ? text : '0');
}
