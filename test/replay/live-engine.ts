import type { Clock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import { assembleEngine } from '../../src/engine/assemble-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { DEFAULT_SYMBOLS, SimulatedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import type { ReplayOptions } from '../../src/replay/run-replay.js';
import { WatchedJournal } from '../../src/replay/watched-journal.js';
import type { RecordingTap } from '../../src/ticks/index.js';
import { SYMBOLS } from '../halt/helpers.js';

/**
 * The live runs' timing. The simulated market ticks on its own whole milliseconds and reaches the
 * engine FEED_DELAY_MS later; the paper venue's one-way latency is VENUE_LATENCY_US; orders are
 * placed on whole milliseconds (so the journal, which keeps whole ms, holds their arrivals
 * exactly). So no market event shares an instant with a venue arrival or report, an order's
 * arrival, or an algorithm's wake-up (it would take hundreds of hops to land on one). That matters:
 * within one instant the replay runs timers, then instructions, then market events (its rule),
 * while a live engine on a VirtualClock runs same-instant timers in the order they were set (the
 * market's next tick was usually set before a venue arrival due at the same instant) and places an
 * order after the instant's ticks. With ties (feed delay 0, venue latency 1 ms, seed 11) a twap's
 * IOC reaching the venue in the millisecond of a tick misses live (the tick's timer, set earlier,
 * moved the quote first) and fills in replay (the venue's timer runs before the market event).
 */
const FEED_DELAY_MS = 0.25;
export const VENUE_LATENCY_US = 337;
/** The simulated market's seed in the live runs, by default. */
export const LIVE_SEED = 11;

/**
 * Replay's options as a live run with `seed` traded: the paper venue's latency both ways, its
 * default fill model (`touch`: PaperVenue's, not replay's `through`), delegates deciding at once,
 * the same seed.
 */
export function asLive(seed = LIVE_SEED): ReplayOptions {
  return {
    seed,
    decisionLatency: '0',
    entryLatency: `${VENUE_LATENCY_US}us`,
    responseLatency: `${VENUE_LATENCY_US}us`,
    fillModel: 'touch',
  };
}

/**
 * createSimulatedEngine's composition, with the market on a clock FEED_DELAY_MS behind the
 * engine's, and the journal's row times in whole milliseconds as a journal keeps them (replay's
 * own WatchedJournal floors them, as it does in a replay).
 */
export function liveEngine(
  clock: Clock,
  parts: { journal: string; tap: RecordingTap; seed: number; errors: EngineError[] },
): Engine {
  const { journal, tap, seed, errors } = parts;
  const feedClock: Clock = {
    now: () => clock.now() - FEED_DELAY_MS,
    setTimer: (time, callback) => clock.setTimer(time + FEED_DELAY_MS, callback),
  };
  const market = new SimulatedMarket({
    clock: feedClock,
    seed,
    tickRate: 50,
    symbols: DEFAULT_SYMBOLS.filter((spec) => (SYMBOLS as readonly string[]).includes(spec.symbol)),
  });
  const wholeMs: Clock = {
    now: () => Math.floor(clock.now()),
    setTimer: (time, callback) => clock.setTimer(time, callback),
  };
  return assembleEngine({
    clock,
    journal: new WatchedJournal(SqliteJournal.open(journal, { clock: wholeMs })),
    onError: (error) => errors.push(error),
    marketData: market,
    closeMarketData: () => market.close(),
    paper: { market, latencyMs: VENUE_LATENCY_US / 1000 },
    symbols: SYMBOLS,
    marketTap: tap,
  });
}
