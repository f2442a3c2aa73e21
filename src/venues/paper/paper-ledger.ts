import type { SequencedFill } from '../sequence-cursor.js';
import type { PaperOrderRecord } from './paper-order.js';

/** Whether a fill took liquidity from the market (on arrival or replace) or was resting when it came. */
export type Liquidity = 'taker' | 'maker';

/** One execution the paper venue made, with whether it took or made liquidity. */
export interface PaperFill extends SequencedFill {
  readonly liquidity: Liquidity;
}

/** Everything the paper venue has seen and done: every order (rejected ones too) and every fill. */
export interface PaperLedger {
  readonly orders: readonly PaperOrderRecord[];
  readonly fills: readonly PaperFill[];
}
