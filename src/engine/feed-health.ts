import type { Feed, FeedState } from '../feeds/index.js';

/** What health reads of a market-data feed: its name and where its connection stands since when. */
export type WatchedFeed = Pick<Feed, 'exchange' | 'state' | 'stateSince'>;

/** A feed as `/healthz` tells it. */
export interface FeedHealth {
  readonly exchange: string;
  readonly state: FeedState;
  /** When the feed entered this state, in ms since the epoch (like every time in the API). */
  readonly since: number;
}

/**
 * The states in which a feed is doing its job: `live`, or `idle` with nothing subscribed. Any other
 * (connecting, stalled, reconnecting, closed) means orders on its symbols get no fresh data.
 */
const HEALTHY: ReadonlySet<FeedState> = new Set(['live', 'idle']);

/** Each feed's state and since when, now. */
export function feedHealth(feeds: readonly WatchedFeed[]): FeedHealth[] {
  return feeds.map((feed) => ({
    exchange: feed.exchange,
    state: feed.state,
    since: feed.stateSince,
  }));
}

/** Why the feeds make the engine degraded, in words; undefined when every feed is healthy. */
export function feedTrouble(feeds: readonly FeedHealth[]): string | undefined {
  const down = feeds.filter((feed) => !HEALTHY.has(feed.state));
  if (down.length === 0) return undefined;
  const named = down.map(
    (feed) => `${feed.exchange} ${feed.state} since ${new Date(feed.since).toISOString()}`,
  );
  return `market data feed not live: ${named.join(', ')}`;
}
