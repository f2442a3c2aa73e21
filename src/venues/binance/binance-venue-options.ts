import type { Clock } from '../../core/clock.js';
import type { BinanceSigner } from './binance-signer.js';

/** What the adapter tells of itself: connections, rotations, limits, bans, clock and signing. */
export interface BinanceEvent {
  readonly kind: string;
  readonly message: string;
}

/** Where and how to trade on Binance spot. */
export interface BinanceVenueOptions {
  /** The WebSocket API, `wss://ws-api.binance.com:443/ws-api/v3` or a local one. */
  readonly wsUrl: string;
  /** The REST API, `https://api.binance.com` or a local one. */
  readonly restUrl: string;
  readonly signer: BinanceSigner;
  /** exo's symbols traded (`BTC-USD`): their Binance names follow BinanceNames. */
  readonly symbols: readonly string[];
  readonly clock?: Clock;
  /** `recvWindow` of signed requests. Default 5000 ms. */
  readonly recvWindowMs?: number;
  /** How long an answer may take before its outcome is unknown. Default 5000 ms. */
  readonly replyTimeoutMs?: number;
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
  /** When a connection is rotated (tests shorten it). Default just under 24 h. */
  readonly lifetimeMs?: number;
  /** Told of every BinanceEvent. Default: nothing. */
  readonly onEvent?: (event: BinanceEvent) => void;
}
