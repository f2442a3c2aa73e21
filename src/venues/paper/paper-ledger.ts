import type { Decimal } from '../../market/decimal.js';
import type { Side } from '../../market/side.js';
import type { PaperOrderRecord } from './paper-order.js';

/** Whether a fill took liquidity from the market (on arrival or replace) or was resting when it came. */
export type Liquidity = 'taker' | 'maker';

/** One execution the paper venue made. */
export interface PaperFill {
  readonly execId: string;
  readonly venueOrderId: string;
  readonly clOrdId: string;
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: Decimal;
  readonly px: Decimal;
  readonly time: number;
  readonly liquidity: Liquidity;
}

/** Everything the paper venue has seen and done: every order (rejected ones too) and every fill. */
export interface PaperLedger {
  readonly orders: readonly PaperOrderRecord[];
  readonly fills: readonly PaperFill[];
}
