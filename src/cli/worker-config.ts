import { isPostgresUrl } from '../journal/postgres/pg-target.js';
import { DEFAULT_SHARD_COUNT, MAX_SHARDS, parseShards } from '../shards/shard-of.js';
import { type ExoConfig, parseCommand } from './config.js';
import { ConfigError, STANDBY } from './options.js';

/** What `exo worker` is told: exo's config, the shards to serve and the journal's shard count. */
export interface WorkerConfig {
  /** exo's options, every shard's engine built from them (each on an ephemeral port). */
  readonly config: ExoConfig;
  /** The shards to serve, ascending. */
  readonly shards: readonly number[];
  /** How many shards the journal has (set up with it when new; its own count must match). */
  readonly shardCount: number;
}

/** What the worker's command line asks for: help, or a run. */
export type WorkerCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly worker: WorkerConfig };

/** The worker's own flags, taken out before the rest is read as exo's options. */
const SHARDS = 'shards';
const SHARD_COUNT = 'shard-count';

/**
 * Reads `exo worker`'s command line: `--shards all|0-7|1,3,8-11` (required), `--shard-count N`
 * (default DEFAULT_SHARD_COUNT), and every exo option but `--port` (each shard listens on a port
 * of its own, picked free) and `--standby` (a worker always waits for a shard's lease). Throws a
 * one-line ConfigError for a bad value, and for a run that cannot work: a journal other than
 * PostgreSQL (the shards' leases are there), the in-process paper venue (another worker could
 * not see its orders), or a FIX venue (each shard would need a FIX session of its own).
 */
export function parseWorkerCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): WorkerCommand {
  const own: Partial<Record<typeof SHARDS | typeof SHARD_COUNT, string>> = {};
  const rest: string[] = [];
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at]!;
    const match = /^--(shards|shard-count)(?:=(.*))?$/.exec(arg);
    if (match === null) {
      if (/^--(port|standby)(=|$)/.test(arg)) {
        throw new ConfigError(
          `${arg.split('=')[0]}: a worker serves each shard on a free port and always waits for its lease: leave it out`,
        );
      }
      rest.push(arg);
      continue;
    }
    const name = match[1] as typeof SHARDS | typeof SHARD_COUNT;
    const value = match[2] ?? argv[++at];
    if (value === undefined || value === '') throw new ConfigError(`--${name}: expected a value`);
    own[name] = value;
  }
  const command = parseCommand([...rest, '--port', '0'], env);
  if (command.kind === 'help') return command;
  const { config } = command;
  if (own.shards === undefined) {
    throw new ConfigError(`--${SHARDS}: required: all, or a list like 0-7 or 1,3,8-11`);
  }
  const countText = own[SHARD_COUNT] ?? `${DEFAULT_SHARD_COUNT}`;
  const shardCount = /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
  if (!Number.isSafeInteger(shardCount) || shardCount < 1 || shardCount > MAX_SHARDS) {
    throw new ConfigError(
      `--${SHARD_COUNT}: expected a whole number from 1 to ${MAX_SHARDS}, got ${JSON.stringify(countText)}`,
    );
  }
  let shards: number[];
  try {
    shards = parseShards(own.shards, shardCount);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ConfigError(`--${error.message}`);
  }
  checkWorker(config);
  return { kind: 'run', worker: { config, shards, shardCount } };
}

/** Refuses what a worker cannot run with, naming what to use instead. */
function checkWorker(config: ExoConfig): void {
  if (!isPostgresUrl(config.journal)) {
    throw new ConfigError(
      '--journal: a worker journals to PostgreSQL, where its shards are leased: give --journal postgres://…',
    );
  }
  if (config.fix !== undefined) {
    throw new ConfigError(
      '--venue: a worker cannot trade over FIX (each shard would need a FIX session of its own): use a standalone venue (--venue ws://…) or --venue binance',
    );
  }
  if (config.venueUrl === undefined && config.binance === undefined) {
    throw new ConfigError(
      '--venue: a worker needs a venue outside its process (another worker could not see the orders of an in-process paper venue): start `exo venue` and give its URL with --venue ws://HOST:PORT (or use --venue binance --venue-url …)',
    );
  }
  if (config.standby) throw new ConfigError(`--${STANDBY}: a worker always waits for its leases`);
}
