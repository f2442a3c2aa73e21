import { type Decimal, decimal } from '../../market/decimal.js';
import type { ExecType } from '../../market/exec-type.js';
import type { OrdStatus } from '../../market/ord-status.js';

/** The fields of a user data stream `executionReport` the adapter reads. */
export interface ExecutionReport {
  readonly symbol: string;
  /** The client ID the order had before this event (`C` when non-empty), else its own (`c`). */
  readonly clientId: string;
  /** The client ID the order has now (`c`). */
  readonly currentId: string;
  readonly orderId: number;
  /** Binance's execution type (`x`). */
  readonly x: string;
  /** The order's status (`X`). */
  readonly status: OrdStatus;
  readonly rejectReason: string;
  readonly origQty: Decimal;
  readonly lastQty: Decimal;
  readonly lastPx: Decimal;
  /** The order's own executed quantity (`z`). */
  readonly executedQty: Decimal;
  /** The order's cumulative quote quantity (`Z`). */
  readonly quoteQty: Decimal;
  /** The trade ID of a TRADE (`t`), -1 otherwise. */
  readonly tradeId: number;
  /** The execution ID (`I`): unique per event of a symbol, so a report seen twice is known. */
  readonly executionId: number;
  readonly time: number;
}

/** Binance's order statuses (X) as exo's. */
export const BINANCE_STATUS: Readonly<Record<string, OrdStatus>> = {
  NEW: 'new',
  PENDING_NEW: 'pending_new',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'canceled',
  PENDING_CANCEL: 'pending_cancel',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
};

/**
 * Binance's execution types (x) as exo's: a self-trade prevention (TRADE_PREVENTION) ends or
 * shrinks the order as an expiry does; REPLACED is the keep-priority amend.
 */
export const BINANCE_EXEC_TYPE: Readonly<Record<string, ExecType>> = {
  NEW: 'new',
  CANCELED: 'canceled',
  REPLACED: 'replaced',
  REJECTED: 'rejected',
  TRADE: 'trade',
  EXPIRED: 'expired',
  TRADE_PREVENTION: 'expired',
};

/** Reads an executionReport event; undefined for another event or one missing a field. */
export function readExecutionReport(event: Record<string, unknown>): ExecutionReport | undefined {
  if (event.e !== 'executionReport') return undefined;
  const text = (name: string) => (typeof event[name] === 'string' ? (event[name] as string) : '');
  const number = (name: string) => (typeof event[name] === 'number' ? (event[name] as number) : -1);
  const amount = (name: string) => decimal(text(name) === '' ? '0' : text(name));
  const status = BINANCE_STATUS[text('X')];
  if (status === undefined || text('s') === '' || text('c') === '') return undefined;
  try {
    return {
      symbol: text('s'),
      clientId: text('C') === '' ? text('c') : text('C'),
      currentId: text('c'),
      orderId: number('i'),
      x: text('x'),
      status,
      rejectReason: text('r'),
      origQty: amount('q'),
      lastQty: amount('l'),
      lastPx: amount('L'),
      executedQty: amount('z'),
      quoteQty: amount('Z'),
      tradeId: number('t'),
      executionId: number('I'),
      time: number('T') >= 0 ? number('T') : number('E'),
    };
  } catch {
    return undefined;
  }
}
