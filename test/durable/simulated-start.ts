import { expect } from 'vitest';
import type { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import type { Side } from '../../src/market/side.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { advance, drive } from '../recovery/helpers.js';

/** The symbol the simulated starts trade. */
export const SYMBOL = 'BTC-USD';

/**
 * One start of exo as `exo serve` runs it by default: the paper venue in process, on the journal
 * at `path`, recovered and ready, under `limits` when given; engine errors are collected in
 * `errors`.
 */
export async function startSimulated(
  path: string,
  clock: VirtualClock,
  errors: EngineError[],
  limits?: RiskLimits,
): Promise<Engine> {
  const engine = createSimulatedEngine({
    clock,
    symbols: [SYMBOL],
    tickRate: 50,
    latencyMs: 1,
    seed: 7,
    ...(limits === undefined ? {} : { limits }),
    journal: SqliteJournal.open(path, { clock }),
    onError: (error) => errors.push(error),
  });
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  return engine;
}

/** Places an order on SYMBOL through intake; returns its ID. */
export async function placeOn(
  engine: Engine,
  terms: { side: Side; quantity: string; algo: string; params?: Record<string, unknown> },
): Promise<string> {
  const prepared = engine.intake.prepareNew({
    symbol: SYMBOL,
    ...terms,
    quantity: decimal(terms.quantity),
    params: terms.params ?? {},
  });
  expect(await engine.intake.commit(prepared)).toBeUndefined();
  return prepared.order.orderId;
}

/** Places a take order and lets it trade until it has ended; returns its ID. */
export async function trade(engine: Engine, clock: VirtualClock, side: Side, quantity: string) {
  const orderId = await placeOn(engine, { side, quantity, algo: 'take' });
  for (let ms = 0; ms < 10_000 && !isTerminal(engine.store.get(orderId)!.status); ms += 10) {
    await advance(clock, 10);
  }
  return orderId;
}
