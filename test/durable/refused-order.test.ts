import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { type EngineError, InstructionError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { useTempDir } from '../journal/helpers.js';
import { drive } from '../recovery/helpers.js';
import { durableApp, ORDER, SpyVenue } from './helpers.js';
import { SYMBOL, startSimulated } from './simulated-start.js';

/** An app over an engine on the journal at `path`, recovered from it, intake open. */
async function openApp(path: string) {
  const { app, engine } = await durableApp(SqliteJournal.open(path), new SpyVenue(), [], {
    ready: false,
  });
  const clock = engine.clock as VirtualClock;
  await drive(clock, engine.recover());
  engine.ready();
  const listed = async (): Promise<string[]> =>
    (await app.inject({ method: 'GET', url: '/v1/orders' }))
      .json()
      .map((order: { orderId: string }) => order.orderId);
  const close = async (): Promise<void> => {
    await app.close();
    await drive(clock, engine.stop());
  };
  return { app, listed, close };
}

const ids = (engine: Engine): string[] => engine.store.list().map((order) => order.orderId);

describe('a new order the algorithm refuses', () => {
  const tempDir = useTempDir();

  it('is refused at intake for its params, before anything is journaled: no order, then or after a restart', async () => {
    const path = join(tempDir(), 'journal.db');
    const errors: EngineError[] = [];
    const clock = new VirtualClock(1_700_000_000_000);
    let engine = await startSimulated(path, clock, errors);
    const request = {
      side: 'buy',
      symbol: SYMBOL,
      quantity: decimal('0.01'),
      algo: 'twap',
      params: { slices: 0 },
    } as const;
    expect(() => engine.intake.prepareNew(request)).toThrow(InstructionError);
    expect(() => engine.intake.prepareNew(request)).toThrow(/^params\.slices: /);
    expect(ids(engine)).toEqual([]);
    await drive(clock, engine.stop());

    engine = await startSimulated(path, clock, errors);
    expect(ids(engine)).toEqual([]);
    await drive(clock, engine.stop());
    expect(errors).toEqual([]);
  });

  it('refused by its factory once journaled, is not listed, then or after a restart; its answer is kept', async () => {
    const path = join(tempDir(), 'journal.db');
    const before = await openApp(path);
    const refuse = (key: string) =>
      before.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { 'idempotency-key': key },
        body: { ...ORDER, params: { refuse: 'no' } },
      });
    const refused = await refuse('refused');
    expect(refused.statusCode).toBe(422);
    const kept = await before.app.inject({ method: 'POST', url: '/v1/orders', body: ORDER });
    expect(kept.statusCode).toBe(201);
    const keptId: string = kept.json().orderId;
    expect(await before.listed()).toEqual([keptId]);
    await before.close();

    const after = await openApp(path);
    expect(await after.listed()).toEqual([keptId]);
    const retry = await after.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { 'idempotency-key': 'refused' },
      body: { ...ORDER, params: { refuse: 'no' } },
    });
    expect(retry.statusCode).toBe(422);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(refused.body);
    await after.close();
  });
});
