import { VirtualClock } from '../core/clock.js';
import { simulatedSymbols } from '../engine/simulated-engine.js';
import {
  SimulatedMarket,
  simulatedSymbolNamed,
  simulatedSymbolsNamed,
  UnknownSimulatedSymbolError,
} from '../feeds/sim/index.js';
import { RecordingFiles, type TickGrid, TickRecorder } from '../ticks/index.js';
import type { RecordArgs } from './record-args.js';

/** Where a simulated recording's virtual clock starts: 2026-01-01T00:00:00Z, so runs are identical. */
export const SIM_RECORD_START_MS = Date.UTC(2026, 0, 1);
/** Virtual time moved per step; after this many steps the loop lets signals in. */
const STEP_MS = 1000;
const STEPS_PER_TURN = 100;

/** A simulated symbol's grids, as a recording keeps them. */
export function simulatedGrid(symbol: string): TickGrid | undefined {
  try {
    const spec = simulatedSymbolNamed(symbol);
    return { tickSize: String(spec.tick), lotSize: String(spec.lot) };
  } catch (error) {
    if (error instanceof UnknownSimulatedSymbolError) return undefined;
    throw error;
  }
}

/**
 * Records the simulated market at full speed on a virtual clock: the same arguments give the same
 * file, byte for byte (the header's `created` is the virtual start). Stops after `events` events
 * or `durationMs` of market time, or when `stopped()` says so (a signal), closing cleanly.
 */
export async function recordSimulated(
  args: RecordArgs,
  stopped: () => boolean,
): Promise<RecordingFiles> {
  const clock = new VirtualClock(SIM_RECORD_START_MS);
  const listed = simulatedSymbols(args.symbols);
  const market = new SimulatedMarket({
    clock,
    seed: args.seed,
    tickRate: args.tickRate,
    symbols: simulatedSymbolsNamed(listed),
  });
  const files = new RecordingFiles(
    args.out,
    { feed: 'sim', clock, header: { seed: args.seed, tickRate: args.tickRate } },
    args.rotation,
  );
  const limit = args.events ?? Number.POSITIVE_INFINITY;
  const end = clock.now() + (args.durationMs ?? Number.POSITIVE_INFINITY);
  const recorder = new TickRecorder({
    write: (event) => {
      if (files.events < limit) files.write(event);
    },
    nowUs: () => clock.now() * 1000,
    grid: simulatedGrid,
  });
  try {
    for (const symbol of listed) market.subscribe(symbol, recorder);
    while (files.events < limit && clock.now() < end && !stopped()) {
      for (
        let step = 0;
        step < STEPS_PER_TURN && files.events < limit && clock.now() < end;
        step++
      ) {
        clock.advanceTo(Math.min(clock.now() + STEP_MS, end));
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    market.close();
    files.close();
  }
  return files;
}
