import type { InflightOptions } from '../algos/inflight-watch.js';
import type { EngineError } from '../core/errors.js';
import type { Journal } from '../journal/journal.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import type { EngineParts } from './engine.js';

/** What every kind of engine takes about errors, its journal and recovery. */
export interface DurabilityConfig {
  readonly onError?: (error: EngineError) => void;
  /** Where the engine writes ahead; every engine has one (in memory where nothing must last). */
  readonly journal: Journal;
  readonly onJournalUnavailable?: (error: JournalUnavailableError) => void;
  readonly snapshotEveryRows?: number;
}

/** The engine parts that a config's error hook, journal and snapshot interval become. */
export function durabilityParts(
  config: DurabilityConfig,
): Pick<EngineParts, 'onError' | 'journal' | 'onJournalUnavailable' | 'snapshotEveryRows'> {
  return {
    onError: config.onError,
    journal: config.journal,
    onJournalUnavailable: config.onJournalUnavailable,
    snapshotEveryRows: config.snapshotEveryRows,
  };
}

/** The algorithms' in-flight watch for a timeout, or their default without one. */
export function inflightOptions(timeoutMs: number | undefined): InflightOptions | undefined {
  return timeoutMs === undefined ? undefined : { timeoutMs };
}
