import { type Decimal, ZERO } from '../../market/decimal.js';
import type { BinanceSymbol } from './binance-symbols.js';

/** Binance's order statuses that the local Binance uses. */
export type BinanceOrderStatus =
  | 'NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'REJECTED'
  | 'EXPIRED';

/** The order types the local Binance takes (exchangeInfo's orderTypes). */
export type BinanceOrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
export type BinanceSide = 'BUY' | 'SELL';
export type BinanceTimeInForce = 'GTC' | 'IOC' | 'FOK';

/** One execution of the account's, as myTrades lists it and executionReport's `t` numbers it. */
export interface BinanceTrade {
  readonly symbol: BinanceSymbol;
  /** The trade ID: per symbol, increasing. */
  readonly id: number;
  readonly orderId: number;
  readonly price: Decimal;
  readonly qty: Decimal;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
}

/** What a new order asks for, checked. */
export interface NewOrderTerms {
  readonly symbol: BinanceSymbol;
  readonly side: BinanceSide;
  readonly type: BinanceOrderType;
  readonly timeInForce: BinanceTimeInForce;
  readonly quantity: Decimal;
  /** Absent for a market order. */
  readonly price?: Decimal;
  readonly clientOrderId: string;
}

/**
 * One order of the account's as Binance shows it: its IDs (the order ID never changes; the client
 * order ID may, on an amend or a cancel), terms, status and executions. The local Binance changes
 * it as the paper venue's reports about its child come in.
 */
export class BinanceOrder {
  readonly terms: NewOrderTerms;
  readonly orderId: number;
  /** The paper venue's clOrdId for this order's child. */
  readonly paperId: string;
  readonly time: number;
  clientOrderId: string;
  /** The client order ID before the latest change (an amend or a cancel), for executionReport's C. */
  previousClientOrderId = '';
  /**
   * Every client order ID the order has carried, oldest (the one it was placed under) first:
   * after a cancel renames it, Binance's queries show only the cancel's ID.
   */
  readonly clientOrderIds: string[];
  origQty: Decimal;
  status: BinanceOrderStatus = 'NEW';
  executedQty: Decimal = ZERO;
  cumulativeQuoteQty: Decimal = ZERO;
  updateTime: number;
  /** When it went on the book, if it did. */
  workingTime: number | undefined;
  /** Set while a cancel asked for by the account is on its way: what the client ID becomes. */
  cancelling: string | undefined;
  /** Set while an amend is on its way: the client ID it gives, and then whether the venue took it. */
  amending: { readonly clientOrderId: string; outcome?: 'replaced' | string } | undefined;
  readonly trades: BinanceTrade[] = [];

  constructor(terms: NewOrderTerms, orderId: number, paperId: string, time: number) {
    this.terms = terms;
    this.orderId = orderId;
    this.paperId = paperId;
    this.time = time;
    this.updateTime = time;
    this.clientOrderId = terms.clientOrderId;
    this.clientOrderIds = [terms.clientOrderId];
    this.origQty = terms.quantity;
  }

  /** Whether the order can still trade. */
  get isOpen(): boolean {
    return this.status === 'NEW' || this.status === 'PARTIALLY_FILLED';
  }

  /** Records an execution and the status it leaves the order in. */
  fill(trade: BinanceTrade): void {
    this.trades.push(trade);
    this.executedQty = this.executedQty.plus(trade.qty);
    this.cumulativeQuoteQty = this.cumulativeQuoteQty.plus(trade.qty.times(trade.price));
    this.status = this.executedQty.gte(this.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    this.updateTime = trade.time;
  }

  /** Gives the order a new client order ID, remembering the one it had. */
  rename(clientOrderId: string): void {
    this.previousClientOrderId = this.clientOrderId;
    this.clientOrderId = clientOrderId;
    if (!this.clientOrderIds.includes(clientOrderId)) this.clientOrderIds.push(clientOrderId);
  }
}
