import { simulatedSymbols, UnknownSimulatedSymbolError } from '../engine/simulated-engine.js';
import { isPostgresUrl } from '../journal/postgres/pg-target.js';
import { LimitsFileError } from '../risk/limits-error.js';
import { readLimitsFile } from '../risk/limits-file.js';
import type { RiskLimits } from '../risk/risk-limits.js';
import { assertSafeListen, UnsafeListenError } from '../server/listen-policy.js';
import { type BinanceConfig, binanceConfig } from './binance-options.js';
import { type FixVenueConfig, venueOption } from './fix-options.js';
import {
  token as bearerToken,
  duration,
  hostName,
  integer,
  list,
  milliseconds,
  nonEmpty,
  oneOf,
  positiveNumber,
  websocketUrl,
} from './option-values.js';
import {
  ConfigError,
  NO_RISK_LIMITS,
  OPTIONS,
  type OptionName,
  optionError,
  STANDBY,
} from './options.js';
import { readFlags } from './read-flags.js';

/** Everything the `exo` command is told, from flags and environment variables. */
export interface ExoConfig {
  readonly host: string;
  readonly port: number;
  /** Symbols to list; the market's defaults when absent. */
  readonly symbols?: readonly string[];
  readonly feed: FeedName;
  readonly feedUrl?: string;
  readonly tickRate: number;
  readonly latencyMs: number;
  readonly seed: number;
  readonly logLevel: LogLevel;
  /** The bearer token the API requires, when one is set. */
  readonly token?: string;
  /** Where the token came from, so the banner can say so without printing it. */
  readonly tokenFrom?: '--token' | 'EXO_TOKEN';
  /** Host names, besides loopback names and IP addresses, the server answers to (Host header). */
  readonly allowedHosts: readonly string[];
  /** The journal file, or `:memory:` for none that survives. */
  readonly journal: string;
  readonly journalSync: JournalSync;
  /** How long completed orders' journal rows are kept, in milliseconds. */
  readonly journalRetentionMs: number;
  /** How long a child request may go unanswered before it is queried, in milliseconds. */
  readonly inflightTimeoutMs: number;
  /** Journal rows between two snapshots of the live orders: what bounds a recovery's replay. */
  readonly snapshotEveryRows: number;
  /** How often the running engine cancels orphans at the venue, in milliseconds; 0 when off. */
  readonly orphanSweepMs: number;
  /** A standalone venue (`exo venue`) to trade against instead of the in-process paper venue. */
  readonly venueUrl?: string;
  /** `--venue binance`: Binance spot, its endpoint and key (see binance-options.ts). */
  readonly binance?: BinanceConfig;
  /** With a `fix://` venueUrl: the FIX 4.4 session to trade over (fix-options.ts). */
  readonly fix?: FixVenueConfig;
  /** `--cancel-on-disconnect on`: the standalone venue cancels exo's working orders when exo's connection drops. */
  readonly cancelOnDisconnect?: true;
  /** The limits file (`--limits`) and what it holds, read and checked. */
  readonly limits?: { readonly file: string; readonly limits: RiskLimits };
  /** `--record`: the tick file the engine's market data is recorded to while it trades. */
  readonly record?: string;
  /** `--standby`: wait for the PostgreSQL journal's lease, then take over (see standby.ts). */
  readonly standby?: true;
  /** `--no-risk-limits`: run against a live feed or a standalone venue without limits, warned of. */
  readonly noRiskLimits: boolean;
}

/** How hard each journal commit pushes to the disk (see SqliteJournal). */
export type JournalSync = 'full' | 'normal';
/** The values `--journal-sync` accepts. */
export const JOURNAL_SYNCS: readonly JournalSync[] = ['full', 'normal'];

/** The values `--cancel-on-disconnect` accepts. */
export const ON_OFF = ['on', 'off'] as const;

/** The market data sources `--feed` accepts. */
export const FEED_NAMES = ['sim', 'coinbase', 'binance'] as const;
/** A market data source's name. */
export type FeedName = (typeof FEED_NAMES)[number];

/** pino's levels, for `--log-level`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the command line asks for: run with a config, or print the help. */
export type Command =
  | { readonly kind: 'run'; readonly config: ExoConfig }
  | { readonly kind: 'help' };

/**
 * The highest `--tick-rate`, so that a slip such as `1e9` is refused, naming the bound, rather
 * than pinning a core: bursts already run many times the average, and the simulated market's
 * ticker caps each millisecond's batch, so a rate far above it would silently not be met.
 */
export const MAX_TICK_RATE = 10_000;

/**
 * Reads the command line and environment into a config: a flag wins over its environment
 * variable, which wins over the default. Throws a one-line ConfigError naming the flag and what
 * is wrong, for a bad value or one that cannot work with the others.
 */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Command {
  const flags = readFlags(argv);
  if (flags.help) return { kind: 'help' };
  const read = (name: OptionName): string | undefined => {
    const flag = flags.values[name];
    if (flag !== undefined) return flag;
    const fromEnv = env[OPTIONS[name].env];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : OPTIONS[name].fallback;
  };
  const symbols = read('symbols');
  const feedUrl = read('feed-url');
  const token = read('token');
  const allowedHosts = read('allowed-hosts');
  const venueUrl = read('venue');
  const limitsFile = read('limits');
  const record = read('record');
  const config: ExoConfig = {
    host: nonEmpty('host', read('host')!),
    port: integer('port', read('port')!, 0, 65_535),
    feed: feedName(read('feed')!),
    tickRate: positiveNumber(
      'tick-rate',
      read('tick-rate')!,
      MAX_TICK_RATE,
      'events per second per symbol',
    ),
    latencyMs: milliseconds('latency', read('latency')!),
    seed: integer('seed', read('seed')!, 0, Number.MAX_SAFE_INTEGER),
    logLevel: oneOf('log-level', read('log-level')!, LOG_LEVELS),
    ...(symbols === undefined ? {} : { symbols: list('symbols', symbols, 'BTC-USD,ETH-USD') }),
    ...(feedUrl === undefined ? {} : { feedUrl: websocketUrl('feed-url', feedUrl) }),
    ...(token === undefined
      ? {}
      : {
          token: bearerToken('token', token),
          tokenFrom: flags.values.token === undefined ? 'EXO_TOKEN' : '--token',
        }),
    allowedHosts:
      allowedHosts === undefined
        ? []
        : list('allowed-hosts', allowedHosts, 'exo.example.com').map((name) =>
            hostName('allowed-hosts', name),
          ),
    journal: nonEmpty('journal', read('journal')!),
    journalSync: oneOf('journal-sync', read('journal-sync')!, JOURNAL_SYNCS),
    journalRetentionMs: duration('journal-retention', read('journal-retention')!),
    inflightTimeoutMs: duration('inflight-timeout', read('inflight-timeout')!),
    snapshotEveryRows: integer(
      'snapshot-every',
      read('snapshot-every')!,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    orphanSweepMs: orphanSweep(read('orphan-sweep')!),
    ...(venueUrl === 'binance'
      ? {
          binance: binanceConfig({
            venueUrl: read('venue-url'),
            keyFile: read('binance-key-file'),
            recvWindow: read('binance-recv-window')!,
            live: flags.live === true,
            env,
          }),
        }
      : venueOption(venueUrl, read)),
    ...(oneOf('cancel-on-disconnect', read('cancel-on-disconnect')!, ON_OFF) === 'on'
      ? { cancelOnDisconnect: true }
      : {}),
    ...(limitsFile === undefined
      ? {}
      : { limits: { file: limitsFile, limits: limitsOf(nonEmpty('limits', limitsFile)) } }),
    ...(record === undefined ? {} : { record: nonEmpty('record', record) }),
    noRiskLimits: flags.noRiskLimits,
    ...(flags.standby === true ? { standby: true } : {}),
  };
  if (venueUrl !== 'binance' && read('venue-url') !== undefined) {
    optionError('venue-url', 'only --venue binance takes it');
  }
  checkTogether(config);
  return { kind: 'run', config };
}

/** An `--orphan-sweep` value: `off` (0), or a duration such as 30s. */
function orphanSweep(text: string): number {
  if (text.trim() === 'off') return 0;
  try {
    return duration('orphan-sweep', text);
  } catch {
    return optionError(
      'orphan-sweep',
      `expected off or a duration such as 30s, got ${JSON.stringify(text)}`,
    );
  }
}

/** A `--feed` value; BitMEX, closed on 2026-09-23, is refused with that reason. */
function feedName(text: string): FeedName {
  if (text.toLowerCase() === 'bitmex') {
    return optionError(
      'feed',
      `BitMEX ceased operating on 2026-09-23 and its feed was removed: use one of ${FEED_NAMES.join(', ')}`,
    );
  }
  return oneOf('feed', text, FEED_NAMES);
}

/** The limits file's limits; a file that cannot be used is a ConfigError naming file, path, reason. */
function limitsOf(file: string): RiskLimits {
  try {
    return readLimitsFile(file);
  } catch (error) {
    if (!(error instanceof LimitsFileError)) throw error;
    optionError('limits', error.message);
  }
}

/**
 * Whether exo trades against something else than the simulated market and the in-process paper
 * venue: a live feed, or a standalone venue. It then starts only with limits or, knowingly,
 * `--no-risk-limits`.
 */
export function beyondPaper(config: Pick<ExoConfig, 'feed' | 'venueUrl' | 'binance'>): boolean {
  return config.feed !== 'sim' || config.venueUrl !== undefined || config.binance !== undefined;
}

/** Refuses options that are each valid but cannot work together, naming the one to change. */
function checkTogether(config: ExoConfig): void {
  if (config.noRiskLimits && config.limits !== undefined) {
    throw new ConfigError(`--${NO_RISK_LIMITS} and --limits contradict each other: give one`);
  }
  if (beyondPaper(config) && config.limits === undefined && !config.noRiskLimits) {
    optionError(
      'limits',
      `required against a live feed or a standalone venue: give a limits file (see limits.default.json) or --${NO_RISK_LIMITS}`,
    );
  }
  if (config.venueUrl !== undefined && config.feed !== 'sim') {
    optionError(
      'venue',
      'a standalone venue runs its own simulated market: use it with --feed sim',
    );
  }
  if (config.binance !== undefined && config.feed !== 'binance') {
    optionError(
      'feed',
      "Binance's prices come from its own feed: use --venue binance with --feed binance",
    );
  }
  if (config.cancelOnDisconnect && config.venueUrl === undefined) {
    optionError('cancel-on-disconnect', 'only a standalone venue offers it: use it with --venue');
  }
  if (config.standby && !isPostgresUrl(config.journal)) {
    throw new ConfigError(
      `--${STANDBY} waits for a PostgreSQL journal's lease: use it with --journal postgres://…`,
    );
  }
  if (config.feedUrl !== undefined && config.feed === 'sim') {
    optionError(
      'feed-url',
      'the simulated market has no URL: use it with --feed coinbase or binance',
    );
  }
  if (config.feed === 'sim') {
    try {
      simulatedSymbols(config.symbols);
    } catch (error) {
      if (!(error instanceof UnknownSimulatedSymbolError)) throw error;
      optionError('symbols', error.message);
    }
  }
  try {
    assertSafeListen(config.host, config.token);
  } catch (error) {
    if (!(error instanceof UnsafeListenError)) throw error;
    optionError('host', error.message);
  }
}
