import type { Logger } from 'pino';
import type { EngineError } from '../core/errors.js';
import {
  type RecordTakeover,
  registerLeaseMetrics,
  registerTakeoverMetrics,
} from '../engine/lease-metrics.js';
import { recoverySummary } from '../engine/recovery-events.js';
import {
  JournalFencedError,
  JournalFileError,
  JournalSchemaError,
  type JournalUnavailableError,
} from '../journal/journal-errors.js';
import { PostgresJournal } from '../journal/postgres/postgres-journal.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { ONLY_SHARD, type ShardPlace } from '../shards/shard-place.js';
import { withoutCredentials } from '../util/without-credentials.js';
import { levelOf } from './binance-engine.js';
import { binanceVenueLine } from './binance-options.js';
import { type BuiltEngine, buildEngine } from './build-engine.js';
import type { ExoConfig } from './config.js';
import { EXIT } from './exit-status.js';
import { journalNotice, type OpenedJournal, openJournal } from './open-journal.js';
import type { Standby } from './standby.js';

/** How often completed orders' rows older than the retention are pruned. */
const PRUNE_INTERVAL_MS = 3_600_000;

/** What one engine's start needs besides its config. */
export interface EngineStartOptions {
  readonly config: ExoConfig;
  readonly logger: Logger;
  /** Where the one-line notices and failures go. */
  readonly stderr: NodeJS.WritableStream;
  /** What stderr lines start with: `exo`, or `exo worker: shard 3`. */
  readonly label: string;
  /** Settles on SIGINT or SIGTERM: a start waiting for the lease or recovering stops cleanly. */
  readonly stop: Promise<unknown>;
  /** Waits for the PostgreSQL journal's lease rather than refuse while another owner holds it. */
  readonly standby?: Standby;
  /** The shard of a sharded PostgreSQL journal to serve; shard 0 of 1 (plain exo) by default. */
  readonly shard?: ShardPlace;
  /**
   * Also told when the journal can no longer write (the lease lost, say): by a PostgreSQL journal
   * as soon as it knows, and by the engine when an append fails (so possibly twice).
   */
  readonly onJournalUnavailable?: (error: JournalUnavailableError) => void;
}

/** An engine serving, with the way to stop it. */
export interface ServingEngine {
  readonly kind: 'serving';
  readonly server: RunningServer;
  readonly journal: OpenedJournal['journal'];
  /** The venue as logs name it: never its credentials. */
  readonly shownVenue: string;
  /** Stops pruning and closes the server and the engine (its journal, releasing its lease). */
  close(): Promise<void>;
}

/**
 * How a start ended: serving, or not, with the exit status to end with (0 once stopped), and
 * whether it failed because the journal's lease was lost meanwhile (another owner took it).
 */
export type EngineStart =
  | ServingEngine
  | { readonly kind: 'ended'; readonly status: number; readonly leaseLost?: true };

/**
 * The one start sequence of an engine, for `exo` and for each shard of `exo worker`: open the
 * journal (a standby waiting for the lease first), build the engine, start its server, recover
 * (a signal meanwhile stops cleanly: the next start recovers again), put the `--limits` file in
 * force, open intake, and from then on prune the journal every hour. Failures are logged and
 * written to stderr in one line, and answered with the exit status: the journal's for a journal
 * that cannot be used or recovery that fails, 1 for anything else that stops the start.
 */
export async function startEngine(options: EngineStartOptions): Promise<EngineStart> {
  const { config, logger, stderr, label, standby } = options;
  const shard = options.shard ?? ONLY_SHARD;
  const shownVenue =
    config.binance !== undefined
      ? binanceVenueLine(config.binance)
      : config.venueUrl === undefined
        ? 'paper (in process)'
        : withoutCredentials(config.venueUrl);
  let opened: OpenedJournal;
  try {
    opened = await openJournal(config, {
      ...standby?.journalOptions(),
      ...(shard.count > 1 ? { shard } : {}),
      // A PostgreSQL journal tells at once when its lease is lost, even with nothing to append.
      ...(options.onJournalUnavailable === undefined
        ? {}
        : { onUnavailable: options.onJournalUnavailable }),
    });
  } catch (error) {
    if (standby?.stopped) {
      logger.info('exo stopped while standing by');
      return { kind: 'ended', status: EXIT.ok };
    }
    if (!(error instanceof JournalFileError || error instanceof JournalSchemaError)) throw error;
    logger.fatal({ err: error }, 'exo could not open its journal');
    stderr.write(`${label}: ${error.message}\n`);
    return { kind: 'ended', status: EXIT.journal };
  }
  const { journal } = opened;
  let server: RunningServer;
  let recordTakeover: RecordTakeover | undefined;
  let built: BuiltEngine | undefined;
  try {
    built = buildEngine(
      config,
      {
        onError: (error) => logEngineError(logger, error),
        onJournalUnavailable: (error) => {
          logger.error({ err: error, journal: journal.path }, `intake stopped: ${error.message}`);
          options.onJournalUnavailable?.(error);
        },
        onVenueProblem: (problem) =>
          logger.warn({ venue: shownVenue }, withoutCredentials(problem)),
        feedLogger: logger,
        onVenueEvent: ({ kind, message }) =>
          logger[levelOf(kind)]({ venue: 'binance', kind }, message),
      },
      journal,
      shard,
    );
    const { engine } = built;
    if (journal instanceof PostgresJournal) {
      registerLeaseMetrics(engine.metrics.registry, () => journal.leaseStatus());
      recordTakeover = registerTakeoverMetrics(
        engine.metrics.registry,
        journal.leaseStatus().shard,
      );
    }
    server = await startServer(engine, logger, {
      host: config.host,
      port: config.port,
      ...(config.token === undefined ? {} : { token: config.token }),
      allowedHosts: config.allowedHosts,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.fatal({ err: error }, 'exo could not start');
    stderr.write(`${label}: ${message}\n`);
    await opened.discard();
    built?.discard();
    return { kind: 'ended', status: EXIT.failed };
  }
  stderr.write(journalNotice(config, journal));
  if (config.binance !== undefined) stderr.write(`Venue: ${shownVenue}\n`);
  // Recovery may wait for the venue: the log says when the link comes and goes.
  server.engine.venue.onConnection?.((up) =>
    logger.info({ venue: shownVenue }, up ? 'venue connected' : 'venue disconnected'),
  );
  logger.info({ journal: journal.path }, 'exo recovering');
  try {
    const recovery = server.engine.recover();
    const first = await Promise.race([
      recovery.then((outcome) => ({ outcome })),
      options.stop.then((signal) => ({ signal })),
    ]);
    if (!('outcome' in first)) {
      // Stopping mid-recovery: the server and engine close, and recovery is left unfinished; the
      // next start recovers again from the journal (recovery's row is written only once it is done).
      recovery.catch(() => undefined);
      logger.info({ signal: first.signal, phase: 'recovery' }, 'exo stopping');
      await server.close();
      logger.info({ cleanedUp: server.engine.cleanedUp }, 'exo stopped');
      return { kind: 'ended', status: EXIT.ok };
    }
    logger.info({ ...recoverySummary(first.outcome), journal: journal.path }, 'recovery completed');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.fatal({ err: error, journal: journal.path }, 'exo could not recover');
    stderr.write(`${label}: ${message}\n`);
    await server.close();
    const leaseLost = journal.unavailable instanceof JournalFencedError;
    return { kind: 'ended', status: EXIT.journal, ...(leaseLost ? { leaseLost } : {}) };
  }
  if (config.limits !== undefined) {
    // The file given at start wins over limits a PUT journaled before the restart.
    await server.engine.changeLimits(config.limits.limits, 'start', config.limits.file);
  }
  server.engine.ready();
  if (standby !== undefined && recordTakeover !== undefined && journal instanceof PostgresJournal)
    standby.served(journal, recordTakeover);
  const prune = (): void => {
    journal.prune({ retentionMs: config.journalRetentionMs }).catch((error: unknown) => {
      logger.warn({ err: error }, 'journal pruning failed');
    });
  };
  prune();
  const pruning = setInterval(prune, PRUNE_INTERVAL_MS).unref();
  const running = server;
  return {
    kind: 'serving',
    server,
    journal,
    shownVenue,
    close: async () => {
      clearInterval(pruning);
      await running.close();
    },
  };
}

function logEngineError(logger: Logger, error: EngineError): void {
  const { source, orderId, symbol, message } = error;
  logger.warn({ source, orderId, symbol, err: error.error }, message);
}
