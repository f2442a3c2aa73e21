import type { InflightOptions } from '../algos/inflight-watch.js';
import type { EngineError } from '../core/errors.js';
import type { ObserverErrorHandler } from '../feeds/market-observers.js';
import type { Journal } from '../journal/journal.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import type { EngineParts } from './engine-parts.js';

/** What every kind of engine takes about errors, its journal and recovery. */
export interface DurabilityConfig {
  readonly onError?: (error: EngineError) => void;
  /** Where the engine writes ahead; every engine has one (in memory where nothing must last). */
  readonly journal: Journal;
  readonly onJournalUnavailable?: (error: JournalUnavailableError) => void;
  readonly snapshotEveryRows?: number;
  /** See EngineParts.orphanSweepMs. */
  readonly orphanSweepMs?: number;
  /** See EngineParts.leaseHeld. */
  readonly leaseHeld?: () => boolean;
}

/** The engine parts that a config's error hook, journal, snapshot and orphan sweep intervals become. */
export function durabilityParts(
  config: DurabilityConfig,
): Pick<
  EngineParts,
  | 'onError'
  | 'journal'
  | 'onJournalUnavailable'
  | 'snapshotEveryRows'
  | 'orphanSweepMs'
  | 'leaseHeld'
> {
  return {
    onError: config.onError,
    journal: config.journal,
    onJournalUnavailable: config.onJournalUnavailable,
    snapshotEveryRows: config.snapshotEveryRows,
    ...(config.orphanSweepMs === undefined ? {} : { orphanSweepMs: config.orphanSweepMs }),
    ...(config.leaseHeld === undefined ? {} : { leaseHeld: config.leaseHeld }),
  };
}

/**
 * Where an engine's market reports an observer that threw (the paper venue matching a tick, say):
 * to the config's error hook, as an engine error, like every other error the engine carries past.
 */
export function marketObserverErrors(config: DurabilityConfig): ObserverErrorHandler {
  return (error, event) =>
    config.onError?.({
      source: 'observer',
      error,
      message: `market observer of ${event} threw: ${String(error)}`,
    });
}

/** The algorithms' in-flight watch for a timeout, or their default without one. */
export function inflightOptions(timeoutMs: number | undefined): InflightOptions | undefined {
  return timeoutMs === undefined ? undefined : { timeoutMs };
}
