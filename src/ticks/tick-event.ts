/**
 * One event of a recording, as the feed adapter emitted it (before any conflation). Times are
 * integer microseconds since the epoch: `venueUs` as the venue stamped it (0 when it gave none),
 * `recvUs` when exo received it (a monotonic clock anchored once to wall time, so it never goes
 * backwards within a recording). Decimals are kept as the venue's own strings: a recording never
 * rounds, and replay parses a figure only where something reads it.
 */
export type TickEvent = QuoteTick | TradeTick | SymbolTick | GapTick;

/** A top of book. */
export interface QuoteTick {
  readonly kind: 'quote';
  readonly symbol: string;
  readonly venueUs: number;
  readonly recvUs: number;
  readonly bidPx: string;
  readonly bidQty: string;
  readonly askPx: string;
  readonly askQty: string;
}

/** A print on the tape. */
export interface TradeTick {
  readonly kind: 'trade';
  readonly symbol: string;
  readonly venueUs: number;
  readonly recvUs: number;
  readonly px: string;
  readonly qty: string;
  /** The aggressor's side, where the venue gives it. */
  readonly side?: 'buy' | 'sell';
  /** The venue's identifier of the print, where it gives one. */
  readonly tradeId?: string;
}

/**
 * A symbol's definition: its grids, where known. Symbols may appear mid-file (a recording that
 * subscribed one later); replay lists a symbol from its first definition on.
 */
export interface SymbolTick {
  readonly kind: 'symbol';
  readonly symbol: string;
  readonly recvUs: number;
  /** Price increment, as the venue writes it. */
  readonly tickSize?: string;
  /** Quantity increment, as the venue writes it. */
  readonly lotSize?: string;
}

/** A period in which the feed had no live connection for these symbols: their data may be missing. */
export interface GapTick {
  readonly kind: 'gap';
  readonly recvUs: number;
  readonly symbols: readonly string[];
  readonly fromUs: number;
  readonly toUs: number;
}
