/**
 * How a block's MessagePack array lays events out, flat, one after another (no array per event):
 *
 *     quote   0, sym, dRecv, venue, bidPx, bidQty, askPx, askQty
 *     trade   1 (no side) | 2 (buy) | 3 (sell), sym, dRecv, venue, px, qty, tradeId
 *     symbol  4, sym, dRecv, tickSize, lotSize
 *     gap     5, dRecv, n, sym × n, fromUs, toUs
 *
 * `sym` is the symbol's name the first time a block uses it, then its index in the order of first
 * use. `dRecv` is recvUs minus the previous event's (the first event's is absolute). `venue` is
 * recvUs minus venueUs, or nil when the venue gave no time. A decimal is its string as the venue
 * wrote it, or 0 when it is the same string as the same field of the same symbol last had in the
 * block (sizes and prices often repeat; deflate folds the rest, and strings read fast). A trade ID is nil (none), its string, or for numeric IDs the change since the
 * symbol's last. tickSize and lotSize are strings or nil. Every block starts afresh, so a block
 * decodes alone.
 */
export const KIND_QUOTE = 0;
/** A trade without a side; 2 and 3 are trades by a buyer and by a seller. */
export const KIND_TRADE = 1;
export const KIND_TRADE_BUY = 2;
export const KIND_TRADE_SELL = 3;
export const KIND_SYMBOL = 4;
export const KIND_GAP = 5;

/** A symbol's state within a block: the last value of each decimal field, and of its trade ID. */
export interface SymbolState {
  readonly name: string;
  /** The last text of bidPx, bidQty, askPx, askQty, px, qty. */
  readonly decimals: (string | undefined)[];
  tradeId: number | undefined;
}

/** The decimal fields by slot. */
export const DECIMAL_FIELDS = ['bidPx', 'bidQty', 'askPx', 'askQty', 'px', 'qty'] as const;

/** A fresh state for a symbol first used in a block. */
export function symbolState(name: string): SymbolState {
  return {
    name,
    decimals: [undefined, undefined, undefined, undefined, undefined, undefined],
    tradeId: undefined,
  };
}

/** Trade IDs sent as integer changes: plain whole numbers of at most 15 digits. */
export const NUMERIC_ID = /^(0|[1-9]\d{0,14})$/;
