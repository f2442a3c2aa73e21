import { createLogger } from '../server/logger.js';
import { runVenueMain } from '../venues/standalone/venue-main.js';
import { banner } from './banner.js';
import { type ExoConfig, parseCommand } from './config.js';
import { startEngine } from './engine-start.js';
import { EXIT } from './exit-status.js';
import { runGatewayCommand } from './gateway-command.js';
import { HELP } from './help.js';
import { runJournalCommand } from './journal-command.js';
import { reloadLimits, warnWithoutLimits } from './limits-reload.js';
import { ConfigError } from './options.js';
import { runRecordCommand } from './record-command.js';
import { runReplayCommand } from './replay-command.js';
import { Standby } from './standby.js';
import { runTickCommand } from './tick-commands.js';
import { runTradingCommand } from './trading-command.js';
import { runWorkerCommand } from './worker-command.js';

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
 * The `exo` command: prints help, or starts the engine and server, prints where to find them,
 * and resolves with the exit status once a signal has stopped everything gracefully. The signal
 * handlers go in before anything starts: a signal during startup or recovery stops cleanly too.
 */
export async function main(io: CommandIO): Promise<number> {
  if (io.argv[0] === 'venue') return runVenueMain(io.argv.slice(1), io);
  if (io.argv[0] === 'journal') return runJournalCommand(io.argv.slice(1), io);
  if (io.argv[0] === 'gateway') return runGatewayCommand(io.argv.slice(1), io);
  if (io.argv[0] === 'worker') return runWorkerCommand(io.argv.slice(1), io);
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
  const standby = config.standby ? new Standby(logger, stop) : undefined;
  const started = await startEngine({
    config,
    logger,
    stderr: io.stderr,
    label: 'exo',
    stop,
    ...(standby === undefined ? {} : { standby }),
  });
  if (started.kind === 'ended') return started.status;
  const { server, journal, shownVenue } = started;
  const stopWarning = config.noRiskLimits ? warnWithoutLimits(logger) : undefined;
  const stopReloads = io.onReload?.(() => {
    void reloadLimits(server.engine, config.limits?.file, logger);
  });
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
  stopWarning?.();
  stopReloads?.();
  logger.info({ signal, liveOrders: server.engine.dispatcher.size }, 'exo stopping');
  await started.close();
  logger.info({ cleanedUp: server.engine.cleanedUp }, 'exo stopped');
  return EXIT.ok;
}
