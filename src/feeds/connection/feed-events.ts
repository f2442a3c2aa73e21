import type { FeedState } from './feed-state.js';

/** The exchanges exo has feeds for. */
export type FeedExchange = 'coinbase' | 'binance';

/** What kind of thing went wrong; each kind has its own counter in FeedStats. */
export type FeedProblemKind =
  | 'malformed'
  | 'unknown'
  | 'exchange_error'
  | 'connection'
  | 'stall'
  | 'sink'
  | 'listener';

/** Something a feed met and carried on from: reported with the exchange's own text where it has one. */
export interface FeedProblem {
  readonly exchange: FeedExchange;
  readonly kind: FeedProblemKind;
  /** What happened, in the exchange's words for exchange errors, naming the field for malformed data. */
  readonly text: string;
  /** The start of the offending frame, when there is one. */
  readonly frame?: string;
}

/** A period in which subscribed symbols had no live connection: their data may be missing. */
export interface FeedGap {
  readonly exchange: FeedExchange;
  /** The exo symbols subscribed when the connection was lost. */
  readonly symbols: readonly string[];
  /** When the live connection was lost (ms since the epoch, on the feed's clock). */
  readonly from: number;
  /** When a connection was live again. */
  readonly to: number;
}

/** What a feed reports to whoever follows it (the service's metrics, logs, dashboard). */
export interface FeedEvents {
  state(state: FeedState): void;
  problem(problem: FeedProblem): void;
  gap(gap: FeedGap): void;
}
