import type { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { drive } from '../recovery/helpers.js';

/** The symbol the simulated starts trade. */
export const SYMBOL = 'BTC-USD';

/**
 * One start of exo as `exo serve` runs it by default: the paper venue in process, on the journal
 * at `path`, recovered and ready; engine errors are collected in `errors`.
 */
export async function startSimulated(
  path: string,
  clock: VirtualClock,
  errors: EngineError[],
): Promise<Engine> {
  const engine = createSimulatedEngine({
    clock,
    symbols: [SYMBOL],
    tickRate: 50,
    latencyMs: 1,
    seed: 7,
    journal: SqliteJournal.open(path, { clock }),
    onError: (error) => errors.push(error),
  });
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  return engine;
}
