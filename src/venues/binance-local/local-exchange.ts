import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Decimal } from '../../market/decimal.js';
import type { Report } from '../../market/report.js';
import type { PaperVenue } from '../paper/paper-venue.js';
import type { AccountBalances } from './account-balances.js';
import { binanceErrors } from './binance-error.js';
import { BinanceOrder, type BinanceTrade, type NewOrderTerms } from './binance-order.js';
import type { BinanceSymbol } from './binance-symbols.js';
import { type ExecutionReportJSON, type ExecutionType, executionReportJSON } from './order-json.js';
import type { TradeIds } from './trade-ids.js';

/** Binance's cancelRestrictions: cancel only an order that is still NEW, or only one partly filled. */
export type CancelRestriction = 'ONLY_NEW' | 'ONLY_PARTIALLY_FILLED';

/** Every cancel restriction, for reading the parameter. */
export const CANCEL_RESTRICTIONS: readonly CancelRestriction[] = [
  'ONLY_NEW',
  'ONLY_PARTIALLY_FILLED',
];

const RESTRICTED_TO = { ONLY_NEW: 'NEW', ONLY_PARTIALLY_FILLED: 'PARTIALLY_FILLED' } as const;
/** The same restriction as the paper venue checks it when it takes the cancel. */
const PAPER_ONLY = { ONLY_NEW: 'unfilled', ONLY_PARTIALLY_FILLED: 'partly_filled' } as const;

/** How a request names an existing order: by order ID, client order ID, or both. */
export interface OrderRef {
  readonly orderId?: number;
  readonly origClientOrderId?: string;
}

/** Hears every executionReport, in order. */
export type ExecutionListener = (report: ExecutionReportJSON) => void;

/** The most trades one myTrades answer lists, and how many by default. */
const MAX_TRADES = 1000;
const DEFAULT_TRADES = 500;

/** A random client order ID in Binance's format, for requests that send none. */
export function randomClientId(): string {
  return randomBytes(16)
    .toString('base64url')
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 22);
}

/**
 * The local Binance's account and order book: Binance orders (IDs, client IDs, statuses, trade
 * IDs, the user data stream's executionReports) on top of a paper venue that does the matching.
 * Each Binance order is one paper child; a request returns once the paper venue has answered a
 * status query sent right behind it, so every report its action caused has been applied first.
 * Client IDs are unique among open orders only (a finished order's ID may be reused), as on Binance.
 */
export class LocalExchange {
  readonly #venue: PaperVenue;
  readonly #clock: Clock;
  readonly #tradeIds: TradeIds;
  readonly #balances: AccountBalances;
  readonly #orders = new Map<number, BinanceOrder>();
  readonly #byPaperId = new Map<string, BinanceOrder>();
  /** Open orders by client order ID: what duplicates are checked against. */
  readonly #open = new Map<string, BinanceOrder>();
  /** The latest order to carry each client order ID, open or not: what queries find. */
  readonly #latest = new Map<string, BinanceOrder>();
  readonly #trades = new Map<string, BinanceTrade[]>();
  readonly #listeners = new Set<ExecutionListener>();
  #orderCount = 0;
  #executionCount = 0;

  constructor(venue: PaperVenue, clock: Clock, tradeIds: TradeIds, balances: AccountBalances) {
    this.#venue = venue;
    this.#clock = clock;
    this.#tradeIds = tradeIds;
    this.#balances = balances;
    venue.onReport((report) => this.#onReport(report));
  }

  /** Sends every executionReport to `listener` until the returned stop. */
  subscribe(listener: ExecutionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The latest execution ID handed out (amend answers carry it). */
  get executionId(): number {
    return this.#executionCount;
  }

  /**
   * Places an order: -2010 "Duplicate order sent." when an open order has its client ID; the
   * order as it stands once its immediate fills (if any) are applied.
   */
  async place(terms: NewOrderTerms): Promise<BinanceOrder> {
    if (this.#open.has(terms.clientOrderId)) {
      throw binanceErrors.orderRejected('Duplicate order sent.');
    }
    const orderId = ++this.#orderCount;
    const order = new BinanceOrder(terms, orderId, `bn${orderId}-1`, this.#clock.now());
    this.#orders.set(orderId, order);
    this.#byPaperId.set(order.paperId, order);
    this.#open.set(order.clientOrderId, order);
    this.#latest.set(order.clientOrderId, order);
    this.#venue.submit({
      clOrdId: order.paperId,
      parentId: `bn${orderId}`,
      symbol: terms.symbol.exo,
      side: terms.side === 'BUY' ? 'buy' : 'sell',
      quantity: terms.quantity,
      ...(terms.price === undefined ? {} : { limitPrice: terms.price }),
      timeInForce:
        terms.type === 'MARKET' || terms.timeInForce === 'IOC'
          ? 'ioc'
          : terms.timeInForce === 'FOK'
            ? 'fok'
            : 'gtc',
    });
    await this.#settled(order);
    if (order.status === 'REJECTED') throw binanceErrors.orderRejected('Market is closed.');
    return order;
  }

  /**
   * Cancels an open order (-2011 "Unknown order sent." when there is none, or it filled first);
   * its client ID becomes `newClientOrderId` (random when not given), freeing the old one. With a
   * `restriction` (Binance's cancelRestrictions), only an order in that status is cancelled;
   * another is refused with -2011 "Order was not canceled due to cancel restrictions.".
   */
  async cancel(
    symbol: BinanceSymbol,
    ref: OrderRef,
    newClientOrderId = randomClientId(),
    restriction?: CancelRestriction,
  ): Promise<BinanceOrder> {
    const order = this.#find(symbol, ref);
    if (order === undefined || !order.isOpen || order.cancelling !== undefined) {
      throw binanceErrors.cancelRejected();
    }
    order.cancelling = newClientOrderId;
    // A restriction is the matching's to check, as it takes the cancel, as on Binance: checked
    // here against the reports heard so far, a fill on its way could land between check and cancel.
    if (restriction === undefined) this.#venue.cancel(order.paperId);
    else this.#venue.cancelRestricted(order.paperId, PAPER_ONLY[restriction]);
    await this.#settled(order);
    if (order.status !== 'CANCELED') {
      order.cancelling = undefined;
      if (
        restriction !== undefined &&
        order.isOpen &&
        order.status !== RESTRICTED_TO[restriction]
      ) {
        throw binanceErrors.cancelRejected('Order was not canceled due to cancel restrictions.');
      }
      throw binanceErrors.cancelRejected();
    }
    return order;
  }

  /**
   * Lowers an open order's quantity keeping its priority and order ID (order.amend.keepPriority):
   * -2038 unless the new quantity lies between what has filled and the order's quantity; the
   * client ID becomes `newClientOrderId`, random when not given.
   */
  async amend(
    symbol: BinanceSymbol,
    ref: OrderRef,
    newQty: Decimal,
    newClientOrderId = randomClientId(),
  ): Promise<BinanceOrder> {
    const order = this.#find(symbol, ref);
    if (order === undefined || !order.isOpen) throw binanceErrors.cancelRejected();
    if (!newQty.lt(order.origQty)) {
      throw binanceErrors.amendFailed(
        'Order amend keep priority failed: newQty must be less than the order quantity.',
      );
    }
    if (!newQty.gt(order.executedQty)) {
      throw binanceErrors.amendFailed(
        'Order amend keep priority failed: newQty must be above the executed quantity.',
      );
    }
    const taken = this.#open.get(newClientOrderId);
    if (taken !== undefined && taken !== order) {
      throw binanceErrors.orderRejected('Duplicate order sent.');
    }
    order.amending = { clientOrderId: newClientOrderId };
    this.#venue.replace({ clOrdId: order.paperId, quantity: newQty });
    await this.#settled(order);
    const outcome = order.amending.outcome;
    order.amending = undefined;
    if (outcome !== 'replaced') {
      throw binanceErrors.amendFailed(
        `Order amend keep priority failed: ${outcome ?? 'no answer'}.`,
      );
    }
    return order;
  }

  /** Any order the account placed, by reference: -2013 "Order does not exist." otherwise. */
  order(symbol: BinanceSymbol, ref: OrderRef): BinanceOrder {
    const order = this.#find(symbol, ref);
    if (order === undefined) throw binanceErrors.noSuchOrder();
    return order;
  }

  /** Every order the account placed, open or not, oldest first. */
  allOrders(): BinanceOrder[] {
    return [...this.#orders.values()];
  }

  /** The open orders, of one symbol or all, oldest first. */
  openOrders(symbol?: BinanceSymbol): BinanceOrder[] {
    return [...this.#orders.values()].filter(
      (order) => order.isOpen && (symbol === undefined || order.terms.symbol === symbol),
    );
  }

  /**
   * The account's trades on `symbol` in ID order: from `fromId` on (IDs at or above it), or those
   * of one order, or else the most recent; at most `limit` (default 500, at most 1000).
   */
  myTrades(
    symbol: BinanceSymbol,
    query: { fromId?: number; orderId?: number; limit?: number },
  ): BinanceTrade[] {
    const limit = Math.min(query.limit ?? DEFAULT_TRADES, MAX_TRADES);
    let trades = this.#trades.get(symbol.binance) ?? [];
    if (query.orderId !== undefined) trades = trades.filter((t) => t.orderId === query.orderId);
    if (query.fromId !== undefined) {
      const from = query.fromId;
      return trades.filter((trade) => trade.id >= from).slice(0, limit);
    }
    return trades.slice(-limit);
  }

  /** Waits until the paper venue has answered everything sent about `order` so far. */
  async #settled(order: BinanceOrder): Promise<void> {
    await this.#venue.orderStatus(order.paperId);
  }

  #find(symbol: BinanceSymbol, ref: OrderRef): BinanceOrder | undefined {
    const { orderId, origClientOrderId } = ref;
    const order =
      orderId !== undefined
        ? this.#orders.get(orderId)
        : origClientOrderId === undefined
          ? undefined
          : (this.#open.get(origClientOrderId) ?? this.#latest.get(origClientOrderId));
    if (order === undefined || order.terms.symbol !== symbol) return undefined;
    if (
      orderId !== undefined &&
      origClientOrderId !== undefined &&
      order.clientOrderId !== origClientOrderId &&
      order.previousClientOrderId !== origClientOrderId
    ) {
      return undefined;
    }
    return order;
  }

  #onReport(report: Report): void {
    const order = report.clOrdId === undefined ? undefined : this.#byPaperId.get(report.clOrdId);
    if (order === undefined) return;
    const time = report.transactTime;
    switch (report.execType) {
      case 'new':
        if (order.terms.type !== 'MARKET' && order.terms.timeInForce === 'GTC') {
          order.workingTime = time;
        }
        this.#emit(order, 'NEW', time);
        return;
      case 'trade':
        this.#trade(order, report);
        return;
      case 'canceled':
        order.updateTime = time;
        if (order.cancelling !== undefined) {
          order.rename(order.cancelling);
          order.status = 'CANCELED';
          this.#remember(order);
          this.#emit(order, 'CANCELED', time);
        } else {
          order.status = 'EXPIRED';
          this.#emit(order, 'EXPIRED', time);
        }
        this.#close(order);
        return;
      case 'replaced':
        if (order.amending !== undefined) {
          order.amending.outcome = 'replaced';
          this.#open.delete(order.clientOrderId);
          order.rename(order.amending.clientOrderId);
          this.#open.set(order.clientOrderId, order);
          this.#remember(order);
        }
        order.origQty = report.cumQty!.plus(report.leavesQty!);
        order.updateTime = time;
        this.#emit(order, 'REPLACED', time);
        return;
      case 'replace_rejected':
        if (order.amending !== undefined) order.amending.outcome = report.text ?? 'refused';
        return;
      case 'rejected':
        order.status = 'REJECTED';
        this.#close(order);
        return;
      default:
    }
  }

  #trade(order: BinanceOrder, report: Report): void {
    const time = report.transactTime;
    const symbol = order.terms.symbol;
    const trade: BinanceTrade = {
      symbol,
      id: this.#tradeIds.next(symbol.binance),
      orderId: order.orderId,
      price: report.lastPx!,
      qty: report.lastQty!,
      time,
      isBuyer: order.terms.side === 'BUY',
      isMaker: this.#venue.fillByExecId(report.execId!)?.liquidity === 'maker',
    };
    order.fill(trade);
    let trades = this.#trades.get(symbol.binance);
    if (trades === undefined) {
      trades = [];
      this.#trades.set(symbol.binance, trades);
    }
    trades.push(trade);
    this.#balances.apply(trade);
    this.#emit(order, 'TRADE', time, trade);
    if (!order.isOpen) this.#close(order);
  }

  /** An order is done: its client ID is free for a new order. */
  #close(order: BinanceOrder): void {
    if (this.#open.get(order.clientOrderId) === order) this.#open.delete(order.clientOrderId);
    if (
      order.previousClientOrderId !== '' &&
      this.#open.get(order.previousClientOrderId) === order
    ) {
      this.#open.delete(order.previousClientOrderId);
    }
  }

  #remember(order: BinanceOrder): void {
    this.#latest.set(order.clientOrderId, order);
  }

  #emit(order: BinanceOrder, x: ExecutionType, time: number, trade?: BinanceTrade): void {
    const report = executionReportJSON(order, x, time, ++this.#executionCount, trade);
    for (const listener of this.#listeners) listener(report);
  }
}
