import { Counter, Gauge, type Registry } from 'prom-client';
import { FEED_STATES, type FeedState, type FeedStats } from '../feeds/index.js';

/** What the feed metrics read: a feed's exchange, where its connection stands, and its counters. */
export interface ObservableFeed {
  readonly exchange: string;
  readonly state: FeedState;
  readonly stats: FeedStats;
}

/**
 * Adds a live feed's health to the service's metrics, read when scraped: `exo_feed_state` (1 for
 * the state the connection is in, 0 for the others) and `exo_feed_events_total` by kind (frames,
 * duplicates, malformed frames, exchange errors, reconnects, stalls, gaps, ...), so an operator sees
 * a feed that drops, stalls or sends junk without reading logs.
 */
export function registerFeedMetrics(registry: Registry, feed: ObservableFeed): void {
  const exchange = feed.exchange;
  new Gauge({
    name: 'exo_feed_state',
    help: "The market-data feed's connection state: 1 for the current one.",
    labelNames: ['exchange', 'state'],
    registers: [registry],
    collect() {
      for (const state of FEED_STATES) this.set({ exchange, state }, feed.state === state ? 1 : 0);
    },
  });
  const reported = new Map<string, number>();
  new Counter({
    name: 'exo_feed_events_total',
    help: 'What the market-data feed has seen and done, by kind (see FeedStats).',
    labelNames: ['exchange', 'kind'],
    registers: [registry],
    collect() {
      for (const [kind, value] of Object.entries(feed.stats)) {
        const before = reported.get(kind) ?? 0;
        if (value > before) this.inc({ exchange, kind }, value - before);
        else if (!reported.has(kind)) this.inc({ exchange, kind }, 0);
        reported.set(kind, value);
      }
    },
  });
}
