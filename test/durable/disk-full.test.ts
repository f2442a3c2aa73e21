import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { useTempDir } from '../journal/helpers.js';
import { durableApp, ORDER, SpyVenue, turns } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('a journal that runs out of disk', () => {
  const tempDir = useTempDir();

  it('stops intake with 503 journal_unavailable, fails /healthz, and sends nothing more', async () => {
    const journal = SqliteJournal.open(join(tempDir(), 'full.db'), { maxBytes: 96 * 1024 });
    const venue = new SpyVenue();
    const delegated: string[] = [];
    const { app, engine } = await durableApp(journal, venue, delegated);
    cleanups.push(async () => {
      await app.close();
      await engine.stop();
    });
    const padding = 'x'.repeat(12 * 1024);
    const statuses: number[] = [];
    let refused: { error: string; message: string } | undefined;
    for (let i = 0; i < 40 && refused === undefined; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        body: { ...ORDER, params: { padding } },
      });
      statuses.push(response.statusCode);
      if (response.statusCode !== 201) refused = response.json();
      await turns();
    }
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(503);
    expect(refused).toEqual({
      error: 'journal_unavailable',
      message: 'journal unavailable: database or disk is full',
    });
    const accepted = statuses.filter((status) => status === 201).length;
    const sentBefore = venue.submitted.length;
    expect(delegated.length).toBeLessThanOrEqual(accepted);
    const after = await app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    expect(after.statusCode).toBe(503);
    await turns();
    expect(venue.submitted.length).toBe(sentBefore);
    expect(engine.dispatcher.size).toBe(accepted);
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json().reason).toBe('journal unavailable: database or disk is full');
  });
});
