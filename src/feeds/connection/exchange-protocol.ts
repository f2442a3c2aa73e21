import type { Decimal } from '../../market/decimal.js';
import type { ParseError } from '../../market/parse-error.js';
import type { FeedExchange } from './feed-events.js';

/**
 * What an exchange parser finds in a frame, called as it reads: a parser allocates no intermediate
 * objects, and the connection decides (duplicates, ordering, symbols) what reaches the engine.
 */
export interface FrameHandler {
  /** A best bid and offer; `order` is the exchange's sequence or update ID, or its time. */
  quote(
    exchangeSymbol: string,
    order: number,
    bidPx: Decimal,
    bidQty: Decimal,
    askPx: Decimal,
    askQty: Decimal,
    time: number,
  ): void;
  /** A print with the exchange's trade ID. */
  trade(exchangeSymbol: string, tradeId: string, px: Decimal, qty: Decimal, time: number): void;
  /** A past print the exchange lists as history (a snapshot): remembered, never delivered. */
  pastTrade(exchangeSymbol: string, tradeId: string): void;
  /** A keep-alive: a heartbeat message or a pong. */
  heartbeat(): void;
  /** The exchange confirmed a subscription or unsubscription. */
  acknowledged(): void;
  /** The exchange reported an error, in its own words. */
  exchangeError(text: string): void;
  /** A well-formed message of a kind the parser does not know. */
  unknown(description: string): void;
  /** One bad part of a frame (a row of a table) that the parser skipped, carrying on with the rest. */
  malformed(error: ParseError): void;
}

/** Reads one text frame, calling the handler; throws only ParseError, for a frame it cannot read at all. */
export type FrameParser = (frame: string, handler: FrameHandler) => void;

/** How an exchange keeps a quiet connection provably alive: a websocket ping frame, answered by its pong. */
export type Keepalive = { readonly kind: 'ping-frame' };

/** The documented limits and timings of an exchange's market data websocket. */
export interface ExchangeLimits {
  /** Control messages per second a connection may send, and the burst allowed at once. */
  readonly controlPerSecond: number;
  readonly controlBurst: number;
  /** Symbols named in one subscribe or unsubscribe message. */
  readonly symbolsPerMessage: number;
  /** Symbols one connection may carry. */
  readonly symbolsPerConnection: number;
  /** How long the exchange keeps a connection open, if it cuts them (Binance: 24 h). */
  readonly lifetimeMs: number | undefined;
}

/** Everything exchange-specific about a feed: messages out, frames in, limits. */
export interface ExchangeProtocol {
  readonly exchange: FeedExchange;
  readonly defaultUrl: string;
  readonly limits: ExchangeLimits;
  /** How to prove a quiet connection alive, if the exchange does not send heartbeats by itself. */
  readonly keepalive: Keepalive | undefined;
  /** The exchange's symbol for an exo symbol not in the configured map. */
  defaultExchangeSymbol(exoSymbol: string): string;
  /** Configured pairs every feed of this exchange starts from (overridable). */
  readonly defaultSymbols: Readonly<Record<string, string>>;
  /** The message subscribing quotes and trades of these exchange symbols. */
  subscribeMessage(exchangeSymbols: readonly string[], requestId: number): string;
  /** The message unsubscribing them. */
  unsubscribeMessage(exchangeSymbols: readonly string[], requestId: number): string;
  /** A parser for one connection (stateful protocols keep per-connection tables). */
  newParser(): FrameParser;
}
