import type { VenueFill } from '../venue-queries.js';

/** The next trade ID to ask `myTrades` from, per Binance symbol. */
export type TradeIds = ReadonlyMap<string, number>;

/**
 * The Binance adapter's fills cursor: for each symbol, the trade ID after the last one seen, as
 * `BTCUSDT:125,ETHUSDT:7` (myTrades' `fromId` returns IDs ≥ it). Opaque to exo.
 */
export function tradeCursor(ids: TradeIds): string {
  return [...ids]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, id]) => `${symbol}:${id}`)
    .join(',');
}

/** The trade IDs a cursor holds (none when absent); RangeError for text that is not one. */
export function tradeIdsOf(cursor: string | undefined): Map<string, number> {
  const ids = new Map<string, number>();
  if (cursor === undefined || cursor === '') return ids;
  for (const part of cursor.split(',')) {
    const match = /^([A-Z0-9]+):(\d+)$/.exec(part);
    const id = match === null ? Number.NaN : Number(match[2]);
    if (match === null || !Number.isSafeInteger(id)) {
      throw new RangeError(`cursor must be SYMBOL:tradeId pairs, got ${JSON.stringify(cursor)}`);
    }
    ids.set(match[1]!, id);
  }
  return ids;
}

/** The cursor after trade `tradeId` of `symbol`: `ids` moved past it where it was behind. */
export function cursorAfter(ids: Map<string, number>, symbol: string, tradeId: number): string {
  if ((ids.get(symbol) ?? 0) <= tradeId) ids.set(symbol, tradeId + 1);
  return tradeCursor(ids);
}

/** The exec ID of Binance trade `tradeId` on `symbol`: `BTCUSDT:42`, unique across symbols. */
export function tradeExecId(symbol: string, tradeId: number): string {
  return `${symbol}:${tradeId}`;
}

/** Whether `fill` (exec ID `SYMBOL:tradeId`) lies before `cursor`: see Venue.cursorCovers. */
export function tradeCursorCovers(cursor: string, fill: VenueFill): boolean {
  const match = /^([A-Z0-9]+):(\d+)$/.exec(fill.execId);
  if (match === null) return false;
  return Number(match[2]) < (tradeIdsOf(cursor).get(match[1]!) ?? 0);
}
