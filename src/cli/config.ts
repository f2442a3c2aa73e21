import { parseArgs } from 'node:util';

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
  readonly token?: string;
  /** The journal file, or `:memory:` for none that survives. */
  readonly journal: string;
  readonly journalSync: JournalSync;
  /** How long completed orders' journal rows are kept, in milliseconds. */
  readonly journalRetentionMs: number;
  /** How long a child request may go unanswered before it is queried, in milliseconds. */
  readonly inflightTimeoutMs: number;
  /** Journal rows between two snapshots of the live orders: what bounds a recovery's replay. */
  readonly snapshotEveryRows: number;
  /** A standalone venue (`exo venue`) to trade against instead of the in-process paper venue. */
  readonly venueUrl?: string;
}

/** How hard each journal commit pushes to the disk (see SqliteJournal). */
export type JournalSync = 'full' | 'normal';
/** The values `--journal-sync` accepts. */
export const JOURNAL_SYNCS: readonly JournalSync[] = ['full', 'normal'];

/** The market data sources `--feed` accepts. */
export const FEED_NAMES = ['sim', 'coinbase', 'binance', 'bitmex'] as const;
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

/** A flag or environment variable that cannot be used, named with what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Each option: its flag, its environment variable, and its default. */
export const OPTIONS = {
  host: { env: 'EXO_HOST', fallback: '127.0.0.1' },
  port: { env: 'EXO_PORT', fallback: '8080' },
  symbols: { env: 'EXO_SYMBOLS', fallback: undefined },
  feed: { env: 'EXO_FEED', fallback: 'sim' },
  'feed-url': { env: 'EXO_FEED_URL', fallback: undefined },
  'tick-rate': { env: 'EXO_TICK_RATE', fallback: '20' },
  latency: { env: 'EXO_LATENCY', fallback: '2' },
  seed: { env: 'EXO_SEED', fallback: '1' },
  'log-level': { env: 'EXO_LOG_LEVEL', fallback: 'info' },
  token: { env: 'EXO_TOKEN', fallback: undefined },
  journal: { env: 'EXO_JOURNAL', fallback: '.exo/journal.db' },
  'journal-sync': { env: 'EXO_JOURNAL_SYNC', fallback: 'full' },
  'journal-retention': { env: 'EXO_JOURNAL_RETENTION', fallback: '7d' },
  'inflight-timeout': { env: 'EXO_INFLIGHT_TIMEOUT', fallback: '5s' },
  'snapshot-every': { env: 'EXO_SNAPSHOT_EVERY', fallback: '100000' },
  venue: { env: 'EXO_VENUE', fallback: undefined },
} as const satisfies Record<string, { env: string; fallback: string | undefined }>;

type OptionName = keyof typeof OPTIONS;

/**
 * Reads the command line and environment into a config: a flag wins over its environment
 * variable, which wins over the default. Throws ConfigError naming the flag for a bad value.
 */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Command {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          Object.keys(OPTIONS).map((name) => [name, { type: 'string' as const }]),
        ),
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { kind: 'help' };
  const read = (name: OptionName): string | undefined => {
    const flag = values[name];
    if (typeof flag === 'string') return flag;
    const fromEnv = env[OPTIONS[name].env];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : OPTIONS[name].fallback;
  };
  const symbols = read('symbols');
  const feedUrl = read('feed-url');
  const token = read('token');
  const venueUrl = read('venue');
  const config: ExoConfig = {
    host: nonEmpty('host', read('host')!),
    port: integer('port', read('port')!, 0, 65_535),
    feed: oneOf('feed', read('feed')!, FEED_NAMES),
    tickRate: positiveNumber('tick-rate', read('tick-rate')!),
    latencyMs: nonNegativeNumber('latency', read('latency')!),
    seed: integer('seed', read('seed')!, 0, Number.MAX_SAFE_INTEGER),
    logLevel: oneOf('log-level', read('log-level')!, LOG_LEVELS),
    ...(symbols === undefined ? {} : { symbols: symbolList(symbols) }),
    ...(feedUrl === undefined ? {} : { feedUrl }),
    ...(token === undefined ? {} : { token }),
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
    ...(venueUrl === undefined ? {} : { venueUrl: websocketUrl('venue', venueUrl) }),
  };
  if (config.venueUrl !== undefined && config.feed !== 'sim') {
    fail('venue', 'a standalone venue runs its own simulated market: use it with --feed sim');
  }
  return { kind: 'run', config };
}

function fail(name: OptionName, problem: string): never {
  throw new ConfigError(`--${name} (${OPTIONS[name].env}): ${problem}`);
}

function nonEmpty(name: OptionName, text: string): string {
  return text.trim() === '' ? fail(name, 'expected a value') : text.trim();
}

function integer(name: OptionName, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    fail(name, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function positiveNumber(name: OptionName, text: string): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0) || !Number.isFinite(value)) {
    fail(name, `expected a positive number, got ${JSON.stringify(text)}`);
  }
  return value;
}

function nonNegativeNumber(name: OptionName, text: string): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    fail(name, `expected a number of milliseconds, 0 or more, got ${JSON.stringify(text)}`);
  }
  return value;
}

function oneOf<T extends string>(name: OptionName, text: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === text.toLowerCase());
  return found ?? fail(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
}

/** Milliseconds in each unit a duration may be written in. */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration such as `7d`, `12h`, `5s` or `250ms`, in milliseconds. */
function duration(name: OptionName, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  const value = match === null ? Number.NaN : Number(match[1]) * DURATION_UNITS[match[2]!]!;
  if (!Number.isFinite(value) || value <= 0) {
    fail(name, `expected a duration such as 7d, 12h, 5s or 250ms, got ${JSON.stringify(text)}`);
  }
  return value;
}

function websocketUrl(name: OptionName, text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) {
    fail(name, `expected a websocket URL such as ws://127.0.0.1:9100, got ${JSON.stringify(text)}`);
  }
  return text;
}

function symbolList(text: string): string[] {
  const symbols = text
    .split(',')
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol !== '');
  if (symbols.length === 0)
    fail('symbols', 'expected a comma-separated list such as BTC-USD,ETH-USD');
  return [...new Set(symbols)];
}
