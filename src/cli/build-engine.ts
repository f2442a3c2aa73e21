import { RealClock } from '../core/clock.js';
import type { EngineError } from '../core/errors.js';
import type { Engine } from '../engine/engine.js';
import { createFeedEngine } from '../engine/feed-engine.js';
import type { FeedLogger } from '../engine/feed-log.js';
import { announceFixSession } from '../engine/fix-session-events.js';
import { registerFixVenueMetrics } from '../engine/fix-venue-metrics.js';
import { createSimulatedEngine, simulatedSymbols } from '../engine/simulated-engine.js';
import { createFeed, type FeedAdapter } from '../feeds/index.js';
import type { Journal } from '../journal/journal.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import { PostgresJournal } from '../journal/postgres/postgres-journal.js';
import { ONLY_SHARD, type ShardPlace, symbolsOf } from '../shards/shard-place.js';
import { type RecordingTap, recordingTap } from '../ticks/index.js';
import type { BinanceEvent } from '../venues/binance/index.js';
import { FixVenue } from '../venues/fix/index.js';
import { RemoteVenue } from '../venues/remote/index.js';
import { createBinanceEngine } from './binance-engine.js';
import type { ExoConfig } from './config.js';
import { fixVenue } from './fix-venue-of.js';
import { simulatedGrid } from './record-sim.js';

/** Symbols a live feed trades when `--symbols` does not say. */
const DEFAULT_FEED_SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];

/** Whom the engine tells of what goes wrong while it runs. */
export interface EngineHooks {
  readonly onError: (error: EngineError) => void;
  readonly onJournalUnavailable: (error: JournalUnavailableError) => void;
  /** What a standalone venue sent that could not be read or matched. */
  readonly onVenueProblem: (problem: string) => void;
  /** Where a live feed logs its state changes and problems. */
  readonly feedLogger: FeedLogger;
  /** Where the Binance adapter's events are logged (`--venue binance`). */
  readonly onVenueEvent?: (event: BinanceEvent) => void;
}

/** An engine built for a run, and the way to take back the files building it created. */
export interface BuiltEngine {
  readonly engine: Engine;
  /**
   * Closes the `--record` recording and removes its file when building created it: for a start
   * that fails (such as the port in use), as the journal's discard does for the journal.
   */
  discard(): void;
}

/** What `exo --record` adds to an engine's config: its recording tap, if any. */
type Recording = (live?: FeedAdapter) => { readonly marketTap?: RecordingTap };

/**
 * The engine the config asks for, journaling to `journal`: the simulated market by default (with
 * the paper venue in process, or a standalone venue or a FIX counterparty at `--venue`), or a live
 * feed. For one shard of a sharded journal (`exo worker`), only the configured symbols of that
 * shard are listed and fed. A recording opened for a build that throws is discarded.
 */
export function buildEngine(
  config: ExoConfig,
  hooks: EngineHooks,
  journal: Journal,
  shard: ShardPlace = ONLY_SHARD,
): BuiltEngine {
  const clock = new RealClock();
  let tap: RecordingTap | undefined;
  const recording: Recording = (live) => {
    if (config.record === undefined) return {};
    tap = recordingTap({
      file: config.record,
      feed: config.feed,
      clock,
      ...(config.feed === 'sim' ? { grid: simulatedGrid } : {}),
      ...(live === undefined ? {} : { gaps: live }),
    });
    return { marketTap: tap };
  };
  const discard = (): void => tap?.discard();
  try {
    return { engine: engineOf(config, hooks, journal, clock, recording, shard), discard };
  } catch (error) {
    discard();
    throw error;
  }
}

/** buildEngine's engine, its market data recorded by `recording`'s tap when `--record` asks. */
function engineOf(
  config: ExoConfig,
  hooks: EngineHooks,
  journal: Journal,
  clock: RealClock,
  recording: Recording,
  shard: ShardPlace,
): Engine {
  const { onVenueProblem, onVenueEvent, feedLogger, ...engineHooks } = hooks;
  const sharded = shard.count > 1;
  // What every kind of engine takes from the config, whatever its market and venue.
  const common = {
    clock,
    inflightTimeoutMs: config.inflightTimeoutMs,
    snapshotEveryRows: config.snapshotEveryRows,
    orphanSweepMs: config.orphanSweepMs,
    ...(journal instanceof PostgresJournal
      ? { leaseHeld: () => journal.leaseStatus().headroomMs > 0 }
      : {}),
    latencyMs: config.latencyMs,
    journal,
    ...(config.limits === undefined ? {} : { limits: config.limits.limits }),
    ...(sharded ? { shard } : {}),
    ...engineHooks,
  };
  if (config.feed === 'sim') {
    const remote =
      config.venueUrl === undefined
        ? undefined
        : config.fix !== undefined
          ? fixVenue(config.fix, clock, onVenueProblem)
          : new RemoteVenue({
              url: config.venueUrl,
              clock,
              onProblem: onVenueProblem,
              ...(config.cancelOnDisconnect ? { cancelOnDisconnect: true } : {}),
            });
    const engine = createSimulatedEngine({
      ...common,
      ...recording(),
      tickRate: config.tickRate,
      seed: config.seed,
      ...(sharded
        ? { symbols: symbolsOf(shard, simulatedSymbols(config.symbols)) }
        : config.symbols === undefined
          ? {}
          : { symbols: config.symbols }),
      ...(remote === undefined ? {} : { venue: remote, marketData: remote.marketData }),
    });
    if (remote instanceof FixVenue) {
      registerFixVenueMetrics(engine.metrics.registry, remote);
      announceFixSession(engine.events, remote);
    }
    return engine;
  }
  const feed = createFeed(config.feed, {
    clock,
    ...(config.feedUrl === undefined ? {} : { url: config.feedUrl }),
  });
  const feedConfig = {
    ...common,
    ...recording(feed),
    feed,
    logger: feedLogger,
    symbols: symbolsOf(shard, config.symbols ?? DEFAULT_FEED_SYMBOLS),
  };
  if (config.binance !== undefined) {
    return createBinanceEngine(feedConfig, config.binance, clock, onVenueEvent ?? (() => {}));
  }
  return createFeedEngine(feedConfig);
}
