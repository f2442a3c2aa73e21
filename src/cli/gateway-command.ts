import { setTimeout as sleep } from 'node:timers/promises';
import { JournalNotSetUpError } from '../gateway/lease-table.js';
import { startGateway } from '../gateway/start-gateway.js';
import { JournalFileError } from '../journal/journal-errors.js';
import { isPostgresUrl, pgTarget } from '../journal/postgres/pg-target.js';
import { createLogger } from '../server/logger.js';
import { readSubcommandFlags } from '../util/subcommand-flags.js';
import { argsOrExit } from './args-or-exit.js';
import { LOG_LEVELS } from './config.js';
import { token as bearerToken, hostName, integer, list, oneOf } from './option-values.js';
import { ConfigError, OPTIONS } from './options.js';

/** What `exo gateway` talks to: arguments, environment, output, and how to learn of signals. */
export interface GatewayCommandIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
}

/** How often a gateway started before any worker looks again for the journal to be set up. */
const WAIT_FOR_JOURNAL_MS = 500;
/** Waits between two log lines saying the gateway still waits for it (every 10 s). */
const WAITING_LOG_EVERY = 20;

/** How `exo gateway` is used, printed for `--help` and a bad command line. */
export const GATEWAY_USAGE = `Usage: exo gateway --journal postgres://… [--host H] [--port P] [--token T] [--allowed-hosts A,B]
Serves exo's HTTP API, event stream and dashboard in front of the workers of a sharded
PostgreSQL journal, holding no order state: it reads the journal's lease table (every 250 ms and
after a failed forward), sends each instruction to its shard's live owner (a new order by its
symbol, an order by its ID), merges the order list and the event stream over every shard, and
answers 503 shard_unavailable with Retry-After when a shard has no live owner. Started before
any worker has set the journal up, it waits for one (logging so every 10 s).
  --journal URL         EXO_JOURNAL        the workers' journal (postgres://…, with ?schema=)
  --host H              EXO_HOST           address to listen on (default ${OPTIONS.host.fallback}); anything
                                           but loopback requires a token
  --port P              EXO_PORT           port (default ${OPTIONS.port.fallback}; 0 picks a free one)
  --token T             EXO_TOKEN          bearer token clients must send, also sent to the workers
                                           for the gateway's own event streams; prefer the variable
  --allowed-hosts A,B   EXO_ALLOWED_HOSTS  host names answered besides localhost and IP addresses
  --log-level L         EXO_LOG_LEVEL      log level (default info; silent for none)
Exit 0 after SIGINT/SIGTERM, 1 when it cannot start, 2 for a bad command line or journal.
`;

const FLAGS = ['journal', 'host', 'port', 'token', 'allowed-hosts', 'log-level'] as const;
type Flag = (typeof FLAGS)[number];

/** The gateway's settings from flags and environment (a flag wins). */
interface GatewayArgs {
  readonly journal: string;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  readonly allowedHosts: readonly string[];
  readonly logLevel: string;
}

/**
 * `exo gateway`: starts the gateway, prints where it serves (the journal's password masked, the
 * token never), and resolves with the exit status once a signal has stopped it.
 */
export async function runGatewayCommand(
  argv: readonly string[],
  io: GatewayCommandIO,
): Promise<number> {
  const parsed = argsOrExit('exo gateway', GATEWAY_USAGE, io, () => parseGatewayArgs(argv, io.env));
  if ('exit' in parsed) return parsed.exit;
  const { args } = parsed;
  const stop = new Promise<NodeJS.Signals>((resolve) => io.onSignal(resolve));
  const logger = await createLogger({ level: args.logLevel, pretty: io.stdout.isTTY === true });
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  for (let waited = 0; ; waited++) {
    try {
      gateway = await startGateway(
        {
          journal: args.journal,
          host: args.host,
          port: args.port,
          ...(args.token === undefined ? {} : { token: args.token }),
          allowedHosts: args.allowedHosts,
        },
        logger,
      );
      break;
    } catch (error) {
      if (error instanceof JournalNotSetUpError && !stopped) {
        // Workers and gateway may start in any order: wait for a worker to set the journal up.
        if (waited % WAITING_LOG_EVERY === 0) logger.warn(`waiting: ${error.message}`);
        await Promise.race([sleep(WAIT_FOR_JOURNAL_MS), stop]);
        continue;
      }
      if (stopped) return 0;
      io.stderr.write(`exo gateway: ${(error as Error).message}\n`);
      return error instanceof JournalFileError ? 2 : 1;
    }
  }
  const { table } = gateway;
  io.stderr.write(
    `exo gateway: serving ${gateway.url} for ${pgTarget(args.journal).display} ` +
      `(${table.owners().length} of ${table.shardCount} shards with a live owner)\n`,
  );
  await stop;
  await gateway.close();
  return 0;
}

function parseGatewayArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GatewayArgs | 'help' {
  let values: Partial<Record<Flag, string>>;
  try {
    const flags = readSubcommandFlags(argv, FLAGS);
    if (flags.help) return 'help';
    values = flags.values;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const read = (name: Flag): string | undefined => {
    const value = values[name] ?? env[OPTIONS[name].env];
    return value === undefined || value === '' ? undefined : value;
  };
  const journal = read('journal');
  if (journal === undefined || !isPostgresUrl(journal)) {
    throw new ConfigError(
      `--journal (EXO_JOURNAL): expected the workers' postgres://… journal URL${journal === undefined ? '' : ', got another kind of journal'}`,
    );
  }
  try {
    pgTarget(journal);
  } catch (error) {
    throw new ConfigError(`--journal (EXO_JOURNAL): ${(error as Error).message}`);
  }
  const token = read('token');
  const allowed = read('allowed-hosts');
  return {
    journal,
    host: read('host') ?? OPTIONS.host.fallback,
    logLevel: oneOf('log-level', read('log-level') ?? OPTIONS['log-level'].fallback, LOG_LEVELS),
    port: integer('port', read('port') ?? OPTIONS.port.fallback, 0, 65_535),
    ...(token === undefined ? {} : { token: bearerToken('token', token) }),
    allowedHosts:
      allowed === undefined
        ? []
        : list('allowed-hosts', allowed, 'exo.example.com').map((name) =>
            hostName('allowed-hosts', name),
          ),
  };
}
