import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { createFeedEngine } from '../../src/engine/feed-engine.js';
import { registerFeedMetrics } from '../../src/engine/feed-metrics.js';
import type { FeedState } from '../../src/feeds/connection/feed-state.js';
import { newFeedStats } from '../../src/feeds/connection/feed-stats.js';
import { createFeed } from '../../src/feeds/create-feed.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';

describe('feed metrics', () => {
  it('show the connection state and every counter, as they stand at each scrape', async () => {
    const feed = { exchange: 'coinbase', state: 'live' as FeedState, stats: newFeedStats() };
    const registry = new Registry();
    registerFeedMetrics(registry, feed);
    feed.stats.malformed = 3;
    feed.stats.reconnects = 1;

    let text = await registry.metrics();
    expect(text).toContain('exo_feed_state{exchange="coinbase",state="live"} 1');
    expect(text).toContain('exo_feed_state{exchange="coinbase",state="stalled"} 0');
    expect(text).toContain('exo_feed_events_total{exchange="coinbase",kind="malformed"} 3');
    expect(text).toContain('exo_feed_events_total{exchange="coinbase",kind="reconnects"} 1');
    expect(text).toContain('exo_feed_events_total{exchange="coinbase",kind="stalls"} 0');

    feed.state = 'stalled';
    feed.stats.malformed = 5;
    feed.stats.stalls = 1;
    text = await registry.metrics();
    expect(text).toContain('exo_feed_state{exchange="coinbase",state="live"} 0');
    expect(text).toContain('exo_feed_state{exchange="coinbase",state="stalled"} 1');
    expect(text).toContain('exo_feed_events_total{exchange="coinbase",kind="malformed"} 5');
    expect(text).toContain('exo_feed_events_total{exchange="coinbase",kind="stalls"} 1');
  });

  it('are part of the metrics of an engine on a live feed', async () => {
    const clock = new VirtualClock(0);
    const feed = createFeed('binance', { url: 'ws://127.0.0.1:9', clock });
    const engine = createFeedEngine({
      clock,
      feed,
      symbols: ['BTC-USD'],
      latencyMs: 1,
      journal: SqliteJournal.inMemory({ clock }),
    });
    const text = await engine.metrics.registry.metrics();
    expect(text).toContain('exo_feed_state{exchange="binance",state="idle"} 1');
    expect(text).toContain('exo_feed_events_total{exchange="binance",kind="messages"} 0');
    await engine.stop();
  });
});
