import type { Logger } from 'pino';
import type { EngineError } from '../core/errors.js';
import {
  type RecordTakeover,
  registerLeaseMetrics,
  registerTakeoverMetrics,
} from '../engine/lease-metrics.js';
import { recoverySummary } from '../engine/recovery-events.js';
import { JournalFileError, JournalSchemaError } from '../journal/journal-errors.js';
import { PostgresJournal } from '../journal/postgres/postgres-journal.js';
import { createLogger } from '../server/logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { withoutCredentials } from '../util/without-credentials.js';
import { runVenueMain } from '../venues/standalone/venue-main.js';
import { banner } from './banner.js';
import { levelOf } from './binance-engine.js';
import { binanceVenueLine } from './binance-options.js';
import { type BuiltEngine, buildEngine } from './build-engine.js';
import { type ExoConfig, parseCommand } from './config.js';
import { runGatewayCommand } from './gateway-command.js';
import { HELP } from './help.js';
import { runJournalCommand } from './journal-command.js';
import { reloadLimits, warnWithoutLimits } from './limits-reload.js';
import { journalNotice, type OpenedJournal, openJournal } from './open-journal.js';
import { ConfigError } from './options.js';
import { runRecordCommand } from './record-command.js';
import { runReplayCommand } from './replay-command.js';
import { Standby } from './standby.js';
import { runTickCommand } from './tick-commands.js';
import { runTradingCommand } from './trading-command.js';

/** What the command talks to: arguments, environment, output, and how to learn of signals. */
export interface CommandIO {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Calls `handler` once on SIGINT or SIGTERM. */
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
  /** Calls `handler` on each SIGHUP (the limits file is read again), until the returned stop. */
  onReload?(handler: () => void): () => void;
}

/**
 * Exit statuses: 0 after a clean stop, 1 when startup fails otherwise (a port in use, say), 2 for
 * a bad command line or configuration (a flag or variable, or options that cannot work together)
 * or a journal that cannot be used (failing integrity, newer schema): nothing has reached a venue
 * then. Each failure is one line on stderr.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, journal: 2 } as const;

/** How often completed orders' rows older than the retention are pruned. */
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * The `exo` command: prints help, or starts the engine and server, prints where to find them,
 * and resolves with the exit status once a signal has stopped everything gracefully. The signal
 * handlers go in before anything starts: a signal during startup or recovery stops cleanly too.
 */
export async function main(io: CommandIO): Promise<number> {
  if (io.argv[0] === 'venue') return runVenueMain(io.argv.slice(1), io);
  if (io.argv[0] === 'journal') return runJournalCommand(io.argv.slice(1), io);
  if (io.argv[0] === 'gateway') return runGatewayCommand(io.argv.slice(1), io);
  if (io.argv[0] === 'record') return runRecordCommand(io.argv.slice(1), io);
  if (io.argv[0] === 'cat' || io.argv[0] === 'info') {
    return runTickCommand(io.argv[0], io.argv.slice(1), io);
  }
  if (io.argv[0] === 'replay') return runReplayCommand(io.argv.slice(1), io);
  if (io.argv[0] === 'halt' || io.argv[0] === 'resume') {
    return runTradingCommand(io.argv[0], io.argv.slice(1), io);
  }
  let config: ExoConfig;
  try {
    const command = parseCommand(io.argv, io.env);
    if (command.kind === 'help') {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    config = command.config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`exo: ${error.message} (exo --help lists the options)\n`);
    return EXIT.usage;
  }
  const stop = new Promise<NodeJS.Signals>((resolve) => io.onSignal(resolve));
  const logger = await createLogger({ level: config.logLevel, pretty: io.stdout.isTTY === true });
  /** The venue as logs name it: never its credentials. */
  const shownVenue =
    config.binance !== undefined
      ? binanceVenueLine(config.binance)
      : config.venueUrl === undefined
        ? 'paper (in process)'
        : withoutCredentials(config.venueUrl);
  const standby = config.standby ? new Standby(logger, stop) : undefined;
  let opened: OpenedJournal;
  try {
    opened = await openJournal(config, standby?.journalOptions());
  } catch (error) {
    if (standby?.stopped) {
      logger.info('exo stopped while standing by');
      return EXIT.ok;
    }
    if (!(error instanceof JournalFileError || error instanceof JournalSchemaError)) throw error;
    logger.fatal({ err: error }, 'exo could not open its journal');
    io.stderr.write(`exo: ${error.message}\n`);
    return EXIT.journal;
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
        onJournalUnavailable: (error) =>
          logger.error({ err: error, journal: journal.path }, `intake stopped: ${error.message}`),
        onVenueProblem: (problem) =>
          logger.warn({ venue: shownVenue }, withoutCredentials(problem)),
        feedLogger: logger,
        onVenueEvent: ({ kind, message }) =>
          logger[levelOf(kind)]({ venue: 'binance', kind }, message),
      },
      journal,
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
    io.stderr.write(`exo: ${message}\n`);
    await opened.discard();
    built?.discard();
    return EXIT.failed;
  }
  io.stderr.write(journalNotice(config, journal));
  if (config.binance !== undefined) io.stderr.write(`Venue: ${shownVenue}\n`);
  // Recovery may wait for the venue: the log says when the link comes and goes.
  server.engine.venue.onConnection?.((up) =>
    logger.info({ venue: shownVenue }, up ? 'venue connected' : 'venue disconnected'),
  );
  logger.info({ journal: journal.path }, 'exo recovering');
  try {
    const recovery = server.engine.recover();
    const first = await Promise.race([recovery, stop]);
    if (typeof first === 'string') {
      // Stopping mid-recovery: the server and engine close, and recovery is left unfinished; the
      // next start recovers again from the journal (recovery's row is written only once it is done).
      recovery.catch(() => undefined);
      logger.info({ signal: first, phase: 'recovery' }, 'exo stopping');
      await server.close();
      logger.info({ cleanedUp: server.engine.cleanedUp }, 'exo stopped');
      return EXIT.ok;
    }
    logger.info({ ...recoverySummary(first), journal: journal.path }, 'recovery completed');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.fatal({ err: error, journal: journal.path }, 'exo could not recover');
    io.stderr.write(`exo: ${message}\n`);
    await server.close();
    return EXIT.journal;
  }
  if (config.limits !== undefined) {
    // The file given at start wins over limits a PUT journaled before the restart.
    await server.engine.changeLimits(config.limits.limits, 'start', config.limits.file);
  }
  server.engine.ready();
  if (standby !== undefined && recordTakeover !== undefined && journal instanceof PostgresJournal)
    standby.served(journal, recordTakeover);
  const stopWarning = config.noRiskLimits ? warnWithoutLimits(logger) : undefined;
  const stopReloads = io.onReload?.(() => {
    void reloadLimits(server.engine, config.limits?.file, logger);
  });
  const prune = (): void => {
    journal.prune({ retentionMs: config.journalRetentionMs }).catch((error: unknown) => {
      logger.warn({ err: error }, 'journal pruning failed');
    });
  };
  prune();
  const pruning = setInterval(prune, PRUNE_INTERVAL_MS).unref();
  logger.info(
    {
      url: server.url,
      feed: config.feed,
      symbols: server.engine.symbols,
      auth: config.token !== undefined,
      journal: journal.path,
      venue: shownVenue,
    },
    'exo listening',
  );
  io.stderr.write(banner(server.url, config.tokenFrom));
  const signal = await stop;
  clearInterval(pruning);
  stopWarning?.();
  stopReloads?.();
  logger.info({ signal, liveOrders: server.engine.dispatcher.size }, 'exo stopping');
  await server.close();
  logger.info({ cleanedUp: server.engine.cleanedUp }, 'exo stopped');
  return EXIT.ok;
}

function logEngineError(logger: Logger, error: EngineError): void {
  const { source, orderId, symbol, message } = error;
  logger.warn({ source, orderId, symbol, err: error.error }, message);
}
