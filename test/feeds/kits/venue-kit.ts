import { readFileSync } from 'node:fs';
import type { FeedVenue } from '../../../src/feeds/index.js';
import type { VenueBehaviour } from '../venue-server.js';

/** Everything a behaviour test needs to play one venue: its server and its frames. */
export interface VenueKit {
  readonly venue: FeedVenue;
  /** The venue's symbol for the exo symbols the tests use. */
  venueSymbol(exoSymbol: string): string;
  /** Whether quotes are ordered by a sequence (repeats dropped) or by time (only older dropped). */
  readonly quoteOrder: 'sequence' | 'time';
  /** Whether the adapter proves a quiet connection alive with pings. */
  readonly sendsKeepalive: boolean;
  /** Whether a trade frame also carries a quote with the trade's number as its order (Coinbase's ticker). */
  readonly tradeCarriesQuote: boolean;
  /** A fresh server behaviour. */
  behaviour(): VenueBehaviour;
  /** A quote frame for `venueSymbol` with order (sequence, update ID or time) `order`. */
  quoteFrame(venueSymbol: string, order: number, bidPx?: string): string;
  /** A trade frame with trade ID `id`. */
  tradeFrame(venueSymbol: string, id: number, px?: string): string;
  /** A heartbeat frame, on venues that send them. */
  heartbeatFrame(venueSymbol: string): string | undefined;
  /** An error message from the venue carrying `text`. */
  errorFrame(text: string): string;
  /** A well-formed message of a kind the adapter does not know. */
  unknownFrame(): string;
  /** A data frame with a price of the wrong type. */
  wrongTypeFrame(venueSymbol: string): string;
  /** The venue symbols a client message subscribes (or unsubscribes), if it is such a message. */
  subscription(
    text: string,
  ): { readonly op: 'subscribe' | 'unsubscribe'; readonly symbols: string[] } | undefined;
}

/** A fixture file (a message in the venue's documented shape) as a parsed object. */
export function fixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
}

/** A fixture file's raw text. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8').trim();
}
