import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError, InstructionError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import type { PreparedInstruction } from '../../src/engine/intake.js';
import { decimal } from '../../src/market/decimal.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { SYMBOL, startSimulated } from './simulated-start.js';

const QUANTITY = '0.01';

/**
 * The race of a client's change with the fill that completes the order: the change is prepared
 * while the order works, and its row is appended (by `commit`) the moment the order takes its last
 * fill, so it is journaled before the completion but reaches the dispatcher after it.
 */
async function raceWithFill(
  engine: Engine,
  clock: VirtualClock,
  prepareChange: (orderId: string) => PreparedInstruction,
  commit: (change: PreparedInstruction) => Promise<InstructionError | undefined>,
): Promise<{ orderId: string; refusal: InstructionError | undefined }> {
  const placed = engine.intake.prepareNew({
    side: 'buy',
    symbol: SYMBOL,
    quantity: decimal(QUANTITY),
    algo: 'take',
    params: {},
  });
  await drive(clock, engine.intake.commit(placed));
  const { orderId } = placed.order;
  const change = prepareChange(orderId);
  let committing: Promise<InstructionError | undefined> | undefined;
  const record = engine.store.record.bind(engine.store);
  engine.store.record = (event, order) => {
    record(event, order);
    if (event.kind === 'fill' && event.orderId === orderId) committing ??= commit(change);
  };
  for (let ms = 0; ms < 10_000 && committing === undefined; ms++) await advance(clock, 1);
  expect(committing).toBeDefined();
  return { orderId, refusal: await drive(clock, committing!) };
}

/** What the order list shows of an order's terms and progress. */
function shown(order: ParentSnapshot) {
  return {
    status: order.status,
    quantity: order.quantity.toString(),
    leavesQty: order.leavesQty.toString(),
    cumQty: order.cumQty.toString(),
    limitPrice: order.limitPrice?.toString(),
  };
}

const ANSWER = { status: 202, response: { accepted: true } };
const REFUSED = { status: 409, response: { error: 'order_completed' } };

describe('a replace or cancel the engine refuses after journaling it', () => {
  const tempDir = useTempDir();

  it.each([
    [
      'replace',
      (e: Engine, id: string) => e.intake.prepareReplace(id, { quantity: decimal('0.02') }),
    ],
    ['cancel', (e: Engine, id: string) => e.intake.prepareCancel(id)],
  ] as const)(
    'a %s that lost the race with the last fill is refused, and stays refused after a restart',
    async (name, prepareChange) => {
      const path = join(tempDir(), 'journal.db');
      const errors: EngineError[] = [];
      const clock = new VirtualClock(1_700_000_000_000);
      let engine = await startSimulated(path, clock, errors);
      const key = `client-${name}`;
      const { orderId, refusal } = await raceWithFill(
        engine,
        clock,
        (id) => prepareChange(engine, id),
        (change) =>
          engine.intake.commit(change, { key, requestHash: 'h', ...ANSWER }, () => REFUSED),
      );
      expect(refusal?.code).toBe('order_completed');
      const live = engine.store.get(orderId)!;
      expect(live.quantity.toString()).toBe(QUANTITY);
      await drive(clock, engine.stop());

      engine = await startSimulated(path, clock, errors);
      const restored = engine.store.get(orderId)!;
      expect(shown(restored)).toEqual(shown(live));
      expect(shown(restored)).toMatchObject({ status: 'filled', quantity: QUANTITY });
      const retry = engine.intake.idempotency.claim(key, 'h');
      expect(retry.kind).toBe('replay');
      if (retry.kind === 'replay') {
        expect(await retry.response).toEqual({ status: REFUSED.status, body: REFUSED.response });
      }
      await drive(clock, engine.stop());
      expect(errors).toEqual([]);
    },
  );
});
