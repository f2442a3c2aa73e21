import { readFileSync } from 'node:fs';
import type { FeedExchange } from '../../../src/feeds/index.js';
import type { ExchangeBehaviour } from '../exchange-server.js';

/** Everything a behaviour test needs to play one exchange: its server and its frames. */
export interface ExchangeKit {
  readonly exchange: FeedExchange;
  /** The exchange's symbol for the exo symbols the tests use. */
  exchangeSymbol(exoSymbol: string): string;
  /** Whether the adapter proves a quiet connection alive with pings. */
  readonly sendsKeepalive: boolean;
  /** Whether a trade frame also carries a quote with the trade's number as its order (Coinbase's ticker). */
  readonly tradeCarriesQuote: boolean;
  /** A fresh server behaviour. */
  behaviour(): ExchangeBehaviour;
  /** A quote frame for `exchangeSymbol` with order (sequence, update ID or time) `order`. */
  quoteFrame(exchangeSymbol: string, order: number, bidPx?: string): string;
  /** A trade frame with trade ID `id`. */
  tradeFrame(exchangeSymbol: string, id: number, px?: string): string;
  /** A heartbeat frame, on exchanges that send them. */
  heartbeatFrame(exchangeSymbol: string): string | undefined;
  /** An error message from the exchange carrying `text`. */
  errorFrame(text: string): string;
  /** A well-formed message of a kind the adapter does not know. */
  unknownFrame(): string;
  /** A data frame with a price of the wrong type. */
  wrongTypeFrame(exchangeSymbol: string): string;
  /** The exchange symbols a client message subscribes (or unsubscribes), if it is such a message. */
  subscription(
    text: string,
  ): { readonly op: 'subscribe' | 'unsubscribe'; readonly symbols: string[] } | undefined;
}

/** A fixture file (a message in the exchange's documented shape) as a parsed object. */
export function fixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
}

/** A fixture file's raw text. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8').trim();
}
