import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { decimal } from '../../src/market/decimal.js';
import { useTempDir } from '../journal/helpers.js';
import { drive } from '../recovery/helpers.js';
import { SYMBOL, startSimulated } from './simulated-start.js';

const REFUSED = { status: 422, response: { error: 'invalid_instruction' } };

/**
 * Places a twap through intake as the HTTP API does, with `key` as its Idempotency-Key; resolves
 * with its ID and any refusal.
 */
async function place(
  engine: Engine,
  clock: VirtualClock,
  key: string,
  params: Record<string, unknown>,
) {
  const prepared = engine.intake.prepareNew({
    side: 'buy',
    symbol: SYMBOL,
    quantity: decimal('0.01'),
    limitPrice: decimal('1'),
    algo: 'twap',
    params,
  });
  const answer = { key, requestHash: 'h', status: 201, response: {} };
  const refusal = await drive(
    clock,
    engine.intake.commit(prepared, answer, () => REFUSED),
  );
  return { orderId: prepared.order.orderId, refusal };
}

const ids = (engine: Engine): string[] => engine.store.list().map((order) => order.orderId);

describe('a new order the algorithm refuses', () => {
  const tempDir = useTempDir();

  it('leaves no order in the list, before a restart or after it, and its answer is kept', async () => {
    const path = join(tempDir(), 'journal.db');
    const errors: EngineError[] = [];
    const clock = new VirtualClock(1_700_000_000_000);
    let engine = await startSimulated(path, clock, errors);
    const kept = await place(engine, clock, 'kept', {});
    expect(kept.refusal).toBeUndefined();
    const refused = await place(engine, clock, 'refused', { slices: 0 });
    expect(refused.refusal?.code).toBe('invalid_instruction');
    expect(ids(engine)).toEqual([kept.orderId]);
    await drive(clock, engine.stop());

    engine = await startSimulated(path, clock, errors);
    expect(ids(engine)).toEqual([kept.orderId]);
    expect(engine.store.get(refused.orderId)).toBeUndefined();
    const retry = engine.intake.idempotency.claim('refused', 'h');
    expect(retry.kind).toBe('replay');
    if (retry.kind === 'replay') {
      expect(await retry.response).toEqual({ status: 422, body: REFUSED.response });
    }
    await drive(clock, engine.stop());
    expect(errors).toEqual([]);
  });
});
