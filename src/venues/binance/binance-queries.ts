import type { Clock } from '../../core/clock.js';
import { decimal } from '../../market/decimal.js';
import { parentIdOf } from '../child-id.js';
import type { FillsPage, VenueFill, VenueOrderStatus } from '../venue-queries.js';
import { BinanceApiError, UNKNOWN_ORDER_CODE } from './binance-api-error.js';
import type { BinanceChildren, BinanceTradeJSON } from './binance-children.js';
import type { BinanceNames } from './binance-names.js';
import type { BinanceRest } from './binance-rest.js';
import { adoptedChild, type BinanceOrderJSON, venueOrderStatus } from './order-status-json.js';
import { TRADES_PAGE } from './reconciler.js';
import { cursorAfter, tradeCursor, tradeExecId, tradeIdsOf } from './trade-cursor.js';

/** How long after placing a child a -2013 on its status is taken for the database catching up. */
const FRESH_MS = 2000;
/** The wait between two status queries of a fresh child Binance does not know yet. */
const RETRY_MS = 100;

/**
 * The Binance adapter's reconciliation queries over REST: open orders, one order's status (by
 * client ID, in each symbol exo trades when the child is not followed), and the account's trades
 * after a cursor of one trade ID per symbol (see trade-cursor.ts).
 */
export class BinanceQueries {
  readonly #rest: BinanceRest;
  readonly #names: BinanceNames;
  readonly #children: BinanceChildren;
  readonly #tradeIds: Map<string, number>;
  /** Client IDs of orders not sent in this run, by `symbol:orderId`. */
  readonly #clientIds = new Map<string, string>();

  constructor(
    rest: BinanceRest,
    names: BinanceNames,
    children: BinanceChildren,
    tradeIds: Map<string, number>,
  ) {
    this.#rest = rest;
    this.#names = names;
    this.#children = children;
    this.#tradeIds = tradeIds;
  }

  /** Starts each symbol's trade cursor just after its latest trade. */
  async startCursors(): Promise<void> {
    for (const symbol of this.#names.binanceSymbols) {
      const [latest] = await this.#rest.signedGet<BinanceTradeJSON[]>('/api/v3/myTrades', {
        symbol,
        limit: 1,
      });
      this.#tradeIds.set(symbol, latest === undefined ? 0 : latest.id + 1);
    }
  }

  /** The open orders of every symbol whose client ID starts with `prefix`. */
  async openOrders(prefix: string): Promise<VenueOrderStatus[]> {
    const orders = await this.#rest.signedGet<BinanceOrderJSON[]>('/api/v3/openOrders');
    const statuses = orders
      .filter((order) => order.clientOrderId.startsWith(prefix))
      .flatMap((order) => {
        const exo = this.#names.exo(order.symbol);
        if (exo === undefined) return [];
        return [venueOrderStatus(order, exo, this.#children.get(order.clientOrderId))];
      });
    for (const order of orders) await this.#adopt(order);
    return statuses;
  }

  /**
   * Follows an order exo asked about and this run did not send (a restart's children), so the
   * stream's reports about it reach exo; the trades it has had are marked as applied.
   */
  async #adopt(order: BinanceOrderJSON): Promise<void> {
    if (this.#children.get(order.clientOrderId) !== undefined) return;
    if (this.#names.exo(order.symbol) === undefined) return;
    const trades = await this.#rest.signedGet<BinanceTradeJSON[]>('/api/v3/myTrades', {
      symbol: order.symbol,
      orderId: order.orderId,
    });
    this.#children.adopt(adoptedChild(order), order.orderId, trades);
  }

  /**
   * Where a child stands; undefined when Binance does not know the ID (-2013), asked again briefly
   * when the child was placed a moment ago (a new order moves from memory to the database). A
   * child whose new order still waits at the rate-limit gate is withdrawn and unknown.
   */
  async orderStatus(clOrdId: string, clock: Clock): Promise<VenueOrderStatus | undefined> {
    const child = this.#children.get(clOrdId);
    if (child?.placing === true || child?.placing === 'withdrawn') {
      // Still held back by the rate limits: withdrawn, so that Binance never gets it and the
      // answer (unknown to Binance) stays true.
      child.placing = 'withdrawn';
      return undefined;
    }
    const symbols = child === undefined ? this.#names.binanceSymbols : [child.symbol];
    for (;;) {
      for (const symbol of symbols) {
        const order = await this.#rest
          .signedGet<BinanceOrderJSON>('/api/v3/order', { symbol, origClientOrderId: clOrdId })
          .catch((error: unknown) => {
            if (error instanceof BinanceApiError && error.code === UNKNOWN_ORDER_CODE)
              return undefined;
            throw error;
          });
        if (order !== undefined) {
          const status = venueOrderStatus(order, this.#names.exo(symbol) ?? symbol, child);
          await this.#adopt(order);
          return status;
        }
      }
      if (child === undefined || clock.now() - child.sentAt > FRESH_MS) return undefined;
      await new Promise<void>((resolve) => clock.setTimer(clock.now() + RETRY_MS, resolve));
    }
  }

  /** Every trade after `cursor` in each symbol exo trades, a page at most per symbol. */
  async fillsSince(cursor?: string): Promise<FillsPage> {
    const ids = tradeIdsOf(cursor);
    const fills: VenueFill[] = [];
    for (const symbol of this.#names.binanceSymbols) {
      const trades = await this.#rest.signedGet<BinanceTradeJSON[]>('/api/v3/myTrades', {
        symbol,
        fromId: ids.get(symbol) ?? 0,
        limit: TRADES_PAGE,
      });
      for (const trade of trades) {
        const clOrdId = await this.#clientIdOf(symbol, trade.orderId);
        fills.push(this.#fill(trade, clOrdId, cursorAfter(ids, symbol, trade.id)));
      }
    }
    return { fills, cursor: tradeCursor(ids) };
  }

  /**
   * Every fill of one child the adapter follows, across the Binance orders it has had, in trade ID
   * order (myTrades by `orderId`); none for a child it does not follow.
   */
  async fillsOf(clOrdId: string): Promise<VenueFill[]> {
    const child = this.#children.get(clOrdId);
    if (child === undefined) return [];
    const fills: VenueFill[] = [];
    for (const orderId of child.orderIds) {
      const trades = await this.#rest.signedGet<BinanceTradeJSON[]>('/api/v3/myTrades', {
        symbol: child.symbol,
        orderId,
      });
      for (const trade of trades) {
        fills.push(
          this.#fill(trade, clOrdId, tradeCursor(new Map([[child.symbol, trade.id + 1]]))),
        );
      }
    }
    return fills;
  }

  /** One of the account's trades as a fill of child `clOrdId`, with the cursor past it. */
  #fill(trade: BinanceTradeJSON, clOrdId: string, cursor: string): VenueFill {
    return {
      execId: tradeExecId(trade.symbol, trade.id),
      clOrdId,
      parentId: this.#children.get(clOrdId)?.parentId ?? parentIdOf(clOrdId),
      venueOrderId: String(trade.orderId),
      symbol: this.#names.exo(trade.symbol) ?? trade.symbol,
      side: trade.isBuyer === false ? 'sell' : 'buy',
      qty: decimal(trade.qty),
      px: decimal(trade.price),
      time: trade.time,
      cursor,
    };
  }

  /** The client ID of a Binance order, asked once. */
  async #clientIdOf(symbol: string, orderId: number): Promise<string> {
    const key = `${symbol}:${orderId}`;
    const known = this.#clientIds.get(key);
    if (known !== undefined) return known;
    const order = await this.#rest.signedGet<BinanceOrderJSON>('/api/v3/order', {
      symbol,
      orderId,
    });
    this.#clientIds.set(key, order.clientOrderId);
    return order.clientOrderId;
  }
}
