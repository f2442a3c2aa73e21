import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { decimal } from '../../src/market/decimal.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { SYMBOL, startSimulated } from './simulated-start.js';

const QUANTITY = '0.01';
/** How many times exo starts on the journal; every start but the last places one order. */
const STARTS = 5;

/** Places a take order through journaled intake and waits for it to fill; returns it as shown. */
async function placeFilled(engine: Engine, clock: VirtualClock): Promise<ParentSnapshot> {
  const prepared = engine.intake.prepareNew({
    side: 'buy',
    symbol: SYMBOL,
    quantity: decimal(QUANTITY),
    algo: 'take',
    params: {},
  });
  await drive(clock, engine.intake.commit(prepared));
  const { orderId } = prepared.order;
  for (let ms = 0; ms < 10_000 && engine.store.get(orderId)?.status !== 'filled'; ms++) {
    await advance(clock, 1);
  }
  const order = engine.store.get(orderId)!;
  expect(order.status).toBe('filled');
  return order;
}

/** What must survive a restart of a filled order: its status, figures and every fill. */
function outcome(order: ParentSnapshot) {
  return {
    orderId: order.orderId,
    status: order.status,
    cumQty: order.cumQty.toString(),
    fills: order.fills.map((fill) => ({
      execId: fill.execId,
      qty: fill.qty.toString(),
      px: fill.px.toString(),
    })),
  };
}

describe('fills of the embedded paper venue across restarts', () => {
  const tempDir = useTempDir();

  it('keeps every fill of every run on one journal: a new run never reuses an exec ID', async () => {
    const path = join(tempDir(), 'journal.db');
    const errors: EngineError[] = [];
    const placed: ParentSnapshot[] = [];
    let clock = new VirtualClock(1_700_000_000_000);
    for (let run = 1; run <= STARTS; run++) {
      const engine = await startSimulated(path, clock, errors);
      // Everything earlier runs filled comes back as it was shown live, fills and all.
      const restored = placed.map((order) => engine.store.get(order.orderId));
      expect(restored.map((order) => order && outcome(order))).toEqual(placed.map(outcome));
      if (run < STARTS) placed.push(await placeFilled(engine, clock));
      await engine.stop();
      // exo is down a minute before the next start.
      clock = new VirtualClock(clock.now() + 60_000);
    }

    expect(placed).toHaveLength(STARTS - 1);
    for (const order of placed) {
      expect(order.cumQty.toString()).toBe(QUANTITY);
      expect(order.fills.length).toBeGreaterThan(0);
      const filled = order.fills.reduce((sum, fill) => sum.plus(fill.qty), decimal('0'));
      expect(filled.toString()).toBe(QUANTITY);
    }
    const execIds = placed.flatMap((order) => order.fills.map((fill) => fill.execId));
    expect(new Set(execIds).size).toBe(execIds.length);
    expect(errors).toEqual([]);
  });
});
