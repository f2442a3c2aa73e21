import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { engineHealth } from '../../src/engine/engine-health.js';
import { createFeedEngine } from '../../src/engine/feed-engine.js';
import { createFeed } from '../../src/feeds/create-feed.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { buildApp } from '../../src/server/app.js';
import { deadPort } from '../feeds/dead-port.js';
import { until } from '../feeds/exchange-server.js';

describe('engine health with feeds', () => {
  const live = { exchange: 'coinbase', state: 'live', since: 5 } as const;
  const down = { exchange: 'binance', state: 'reconnecting', since: 1_700_000_000_000 } as const;

  it('is ok while every feed is live, degraded naming each feed down and since when', () => {
    expect(engineHealth({ status: 'ok' }, [live])).toEqual({ status: 'ok', feeds: [live] });
    expect(engineHealth({ status: 'ok' }, [live, down])).toEqual({
      status: 'degraded',
      reason: 'market data feed not live: binance reconnecting since 2023-11-14T22:13:20.000Z',
      feeds: [live, down],
    });
  });

  it('keeps a closed intake its status and reason, and has no feeds on the simulated market', () => {
    const recovering = {
      status: 'recovering',
      reason: 'rebuilding orders from the journal',
    } as const;
    expect(engineHealth(recovering, [down])).toEqual({ ...recovering, feeds: [down] });
    expect(engineHealth({ status: 'ok' }, [])).toEqual({ status: 'ok' });
  });

  it('a feed that cannot connect makes /healthz degraded and writes a bounded number of log lines', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const reconnectMaxMs = 1_000;
    const feed = createFeed('coinbase', {
      url: `ws://127.0.0.1:${await deadPort()}`,
      clock,
      random: () => 0.5,
      reconnectInitialMs: 100,
      reconnectMaxMs,
    });
    const engine = createFeedEngine({
      clock,
      feed,
      logger,
      symbols: ['BTC-USD'],
      latencyMs: 1,
      journal: SqliteJournal.inMemory({ clock }),
    });
    const app = await buildApp({ engine, logger: pino({ level: 'silent' }) });
    try {
      await engine.start();
      engine.ready();
      const attempts = 30;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        await until(() => feed.state === 'reconnecting', `failed attempt ${attempt}`);
        if (attempt < attempts) clock.advance(reconnectMaxMs);
      }

      const response = await app.inject({ url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: 'degraded',
        feeds: [{ exchange: 'coinbase', state: 'reconnecting', since: clock.now() }],
      });
      expect(response.json().reason).toContain('coinbase reconnecting since');

      const failures = lines.filter((line) => line.kind === 'connection');
      expect(failures[0]).toMatchObject({ level: 40, exchange: 'coinbase' });
      expect(feed.stats.connectionErrors).toBeGreaterThanOrEqual(attempts);
      const elapsed = clock.now() - 1_700_000_000_000;
      expect(failures.length).toBeLessThanOrEqual(Math.ceil(elapsed / 10_000) + 1);
      expect(lines.length).toBeLessThan(feed.stats.connectionErrors / 2);
    } finally {
      await app.close();
      await engine.stop();
    }
  });
});
