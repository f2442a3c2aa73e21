import type { FeedState } from './feed-state.js';

/** The exchanges exo has feeds for. */
export type FeedExchange = 'coinbase' | 'binance' | 'bitmex';

/** What kind of thing went wrong; each kind has its own counter in FeedStats. */
export type FeedProblemKind =
  | 'malformed'
  | 'unknown'
  | 'exchange_error'
  | 'connection'
  | 'stall'
  | 'sink';

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

/** The listeners of a feed's events; a listener that throws is isolated from the feed and the others. */
export class FeedListeners {
  readonly #listeners: { [K in keyof FeedEvents]: Set<FeedEvents[K]> } = {
    state: new Set(),
    problem: new Set(),
    gap: new Set(),
  };

  /** Follows one event; returns the function that stops following. */
  on<K extends keyof FeedEvents>(event: K, listener: FeedEvents[K]): () => void {
    const set = this.#listeners[event] as Set<FeedEvents[K]>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Calls every listener of `event` with `value`. */
  emit<K extends keyof FeedEvents>(event: K, value: Parameters<FeedEvents[K]>[0]): void {
    for (const listener of this.#listeners[event] as Set<(value: unknown) => void>) {
      try {
        listener(value);
      } catch {
        // A listener's own failure must not stop the feed or starve the other listeners.
      }
    }
  }
}
