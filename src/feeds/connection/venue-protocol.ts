import type { Decimal } from '../../market/decimal.js';
import type { ParseError } from '../../market/parse-error.js';
import type { FeedVenue } from './feed-events.js';

/**
 * What a venue parser finds in a frame, called as it reads: a parser allocates no intermediate
 * objects, and the connection decides (duplicates, ordering, symbols) what reaches the engine.
 */
export interface FrameHandler {
  /** A best bid and offer; `order` is the venue's sequence or update ID, or its time. */
  quote(
    venueSymbol: string,
    order: number,
    bidPx: Decimal,
    bidQty: Decimal,
    askPx: Decimal,
    askQty: Decimal,
    time: number,
  ): void;
  /** A print with the venue's trade ID. */
  trade(venueSymbol: string, tradeId: string, px: Decimal, qty: Decimal, time: number): void;
  /** A past print the venue lists as history (a snapshot): remembered, never delivered. */
  pastTrade(venueSymbol: string, tradeId: string): void;
  /** A keep-alive: a heartbeat message or a pong. */
  heartbeat(): void;
  /** The venue confirmed a subscription or unsubscription. */
  acknowledged(): void;
  /** The venue reported an error, in its own words. */
  venueError(text: string): void;
  /** A well-formed message of a kind the parser does not know. */
  unknown(description: string): void;
  /** One bad part of a frame (a row of a table) that the parser skipped, carrying on with the rest. */
  malformed(error: ParseError): void;
}

/** Reads one text frame, calling the handler; throws only ParseError, for a frame it cannot read at all. */
export type FrameParser = (frame: string, handler: FrameHandler) => void;

/** How a venue keeps a quiet connection provably alive. */
export type Keepalive =
  /** A text message such as BitMEX's `ping`, answered by the venue (`pong`). */
  | { readonly kind: 'text'; readonly message: string }
  /** A websocket ping frame, answered by the venue's pong frame. */
  | { readonly kind: 'ping-frame' };

/** The documented limits and timings of a venue's market data websocket. */
export interface VenueLimits {
  /** Control messages per second a connection may send, and the burst allowed at once. */
  readonly controlPerSecond: number;
  readonly controlBurst: number;
  /** Symbols named in one subscribe or unsubscribe message. */
  readonly symbolsPerMessage: number;
  /** Symbols one connection may carry. */
  readonly symbolsPerConnection: number;
  /** How long the venue keeps a connection open, if it cuts them (Binance: 24 h). */
  readonly lifetimeMs: number | undefined;
}

/** Everything venue-specific about a feed: messages out, frames in, limits. */
export interface VenueProtocol {
  readonly venue: FeedVenue;
  readonly defaultUrl: string;
  readonly limits: VenueLimits;
  /**
   * How quote order is judged: `sequence` drops a quote whose order is not above the last one
   * delivered; `time` (venues without a sequence) drops only one strictly older.
   */
  readonly quoteOrder: 'sequence' | 'time';
  /** How to prove a quiet connection alive, if the venue does not send heartbeats by itself. */
  readonly keepalive: Keepalive | undefined;
  /** The venue's symbol for an exo symbol not in the configured map. */
  defaultVenueSymbol(exoSymbol: string): string;
  /** Configured pairs every feed of this venue starts from (overridable). */
  readonly defaultSymbols: Readonly<Record<string, string>>;
  /** The message subscribing quotes and trades of these venue symbols. */
  subscribeMessage(venueSymbols: readonly string[], requestId: number): string;
  /** The message unsubscribing them. */
  unsubscribeMessage(venueSymbols: readonly string[], requestId: number): string;
  /** A parser for one connection (stateful protocols keep per-connection tables). */
  newParser(): FrameParser;
}
