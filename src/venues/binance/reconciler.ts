import type { Report } from '../../market/report.js';
import type { BinanceChild } from './binance-child.js';
import type { BinanceChildren, BinanceTradeJSON } from './binance-children.js';
import type { BinanceRest } from './binance-rest.js';
import { BINANCE_STATUS } from './execution-report.js';
import type { BinanceOrderJSON } from './order-status-json.js';

/** The most trades one myTrades page lists. */
export const TRADES_PAGE = 1000;

/** What reconciling needs of the adapter. */
export interface ReconcileHost {
  readonly rest: BinanceRest;
  readonly children: BinanceChildren;
  /** The next trade ID to ask for, per Binance symbol (moved as trades are seen). */
  readonly tradeIds: Map<string, number>;
  /** Passes a report on; a trade's with its trade ID. */
  emit(report: Report, trade?: { symbol: string; id: number }): void;
  /** The time reports carry. */
  now(): number;
  /** Counts REST weight spent. */
  charge(weight: number): void;
}

/** What one reconciliation found. */
export interface Reconciled {
  readonly fills: number;
  readonly statuses: number;
}

/**
 * After a gap in the user data stream: every trade since the cursor of each symbol the children
 * trade (`GET /api/v3/myTrades?fromId=`) is applied once (a trade the stream had delivered is a
 * counted duplicate), then each child still live is asked where it stands (`GET /api/v3/order`)
 * and an ack, cancel or expiry it missed is reported. Fills come first, so ends follow them.
 */
export async function reconcile(host: ReconcileHost): Promise<Reconciled> {
  const live = host.children.live();
  const symbols = new Set([...live.map((child) => child.symbol), ...host.tradeIds.keys()]);
  let fills = 0;
  for (const symbol of symbols) {
    for (;;) {
      const fromId = host.tradeIds.get(symbol) ?? 0;
      host.charge(20);
      const trades = await host.rest.signedGet<BinanceTradeJSON[]>('/api/v3/myTrades', {
        symbol,
        fromId,
        limit: TRADES_PAGE,
      });
      for (const trade of trades) {
        const reports = host.children.trade(trade);
        if (reports.length > 0) fills++;
        for (const report of reports) {
          host.emit(report, report.execType === 'trade' ? { symbol, id: trade.id } : undefined);
        }
        if ((host.tradeIds.get(symbol) ?? 0) <= trade.id) host.tradeIds.set(symbol, trade.id + 1);
      }
      if (trades.length < TRADES_PAGE) break;
    }
  }
  let statuses = 0;
  for (const child of live) {
    if (child.terminal) continue;
    host.charge(4);
    const order = await host.rest
      .signedGet<BinanceOrderJSON>('/api/v3/order', {
        symbol: child.symbol,
        origClientOrderId: child.currentId,
      })
      .catch(() => undefined);
    if (order !== undefined) statuses += settle(host, child, order).length;
  }
  return { fills, statuses };
}

/** The reports a child's status at Binance implies, applied and emitted. */
function settle(host: ReconcileHost, child: BinanceChild, order: BinanceOrderJSON): Report[] {
  const status = BINANCE_STATUS[order.status];
  const reports: Report[] = [];
  const time = host.now();
  if (status === undefined) return reports;
  if (child.status === 'pending_new' && status !== 'rejected') {
    host.children.order(child, order.orderId);
    child.settle('new');
    reports.push(child.report(child.currentId, 'new', time));
  }
  if (status === 'canceled' || status === 'expired' || status === 'rejected') {
    child.settle(status);
    reports.push(child.report(child.currentId, status, time, { text: `Binance ${order.status}` }));
  }
  for (const report of reports) host.emit(report);
  return reports;
}
