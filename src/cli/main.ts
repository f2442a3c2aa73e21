import type { Logger } from 'pino';
import type { EngineError } from '../core/errors.js';
import { createLogger } from '../server/logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { banner } from './banner.js';
import { buildEngine } from './build-engine.js';
import { ConfigError, type ExoConfig, parseCommand } from './config.js';
import { HELP } from './help.js';

/** What the command talks to: arguments, environment, output, and how to learn of signals. */
export interface CommandIO {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** Calls `handler` once on SIGINT or SIGTERM. */
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
}

/** Exit statuses: 0 after a clean stop, 1 when startup fails, 2 for a bad command line. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The `exo` command: prints help, or starts the engine and server, prints where to find them,
 * and resolves with the exit status once a signal has stopped everything gracefully.
 */
export async function main(io: CommandIO): Promise<number> {
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
    io.stderr.write(`exo: ${error.message}\nRun exo --help for the options.\n`);
    return EXIT.usage;
  }
  const logger = await createLogger({ level: config.logLevel, pretty: io.stdout.isTTY === true });
  let server: RunningServer;
  try {
    const engine = buildEngine(config, (error) => logEngineError(logger, error));
    server = await startServer(engine, logger, {
      host: config.host,
      port: config.port,
      ...(config.token === undefined ? {} : { token: config.token }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.fatal({ err: error }, 'exo could not start');
    io.stderr.write(`exo: ${message}\n`);
    return EXIT.failed;
  }
  logger.info(
    {
      url: server.url,
      feed: config.feed,
      symbols: server.engine.symbols,
      auth: config.token !== undefined,
    },
    'exo listening',
  );
  io.stderr.write(banner(server.url, config.token !== undefined));
  const signal = await new Promise<NodeJS.Signals>((resolve) => io.onSignal(resolve));
  logger.info({ signal, liveOrders: server.engine.dispatcher.size }, 'exo stopping');
  await server.close();
  logger.info({ cleanedUp: server.engine.cleanedUp }, 'exo stopped');
  return EXIT.ok;
}

function logEngineError(logger: Logger, error: EngineError): void {
  const { source, orderId, symbol, message } = error;
  logger.warn({ source, orderId, symbol, err: error.error }, message);
}
