import { FIX_OPTIONS } from './fix-option-names.js';

/** A flag or environment variable that cannot be used, named with what is wrong, in one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Each option of `exo`: its flag, its environment variable, and its default. */
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
  'allowed-hosts': { env: 'EXO_ALLOWED_HOSTS', fallback: undefined },
  journal: { env: 'EXO_JOURNAL', fallback: '.exo/journal.db' },
  'journal-sync': { env: 'EXO_JOURNAL_SYNC', fallback: 'full' },
  'journal-retention': { env: 'EXO_JOURNAL_RETENTION', fallback: '7d' },
  'inflight-timeout': { env: 'EXO_INFLIGHT_TIMEOUT', fallback: '5s' },
  'snapshot-every': { env: 'EXO_SNAPSHOT_EVERY', fallback: '100000' },
  'orphan-sweep': { env: 'EXO_ORPHAN_SWEEP', fallback: '30s' },
  venue: { env: 'EXO_VENUE', fallback: undefined },
  'venue-url': { env: 'EXO_VENUE_URL', fallback: undefined },
  'binance-key-file': { env: 'EXO_BINANCE_KEY_FILE', fallback: undefined },
  'binance-recv-window': { env: 'EXO_BINANCE_RECV_WINDOW', fallback: '5000' },
  'cancel-on-disconnect': { env: 'EXO_CANCEL_ON_DISCONNECT', fallback: 'off' },
  limits: { env: 'EXO_LIMITS', fallback: undefined },
  record: { env: 'EXO_RECORD', fallback: undefined },
  ...FIX_OPTIONS,
} as const satisfies Record<string, { env: string; fallback: string | undefined }>;

/**
 * The flag that runs without risk limits against a live feed or a standalone venue, knowingly: it
 * takes no value and has no environment variable, so it is never set by accident.
 */
export const NO_RISK_LIMITS = 'no-risk-limits';

/** The flag that lets `--venue binance` trade on Binance's live endpoint: no value, no variable. */
export const LIVE = 'live';

/**
 * The flag that starts exo as a warm standby for a PostgreSQL journal whose lease another exo
 * holds: it waits for the lease instead of refusing. No value, no variable.
 */
export const STANDBY = 'standby';

/** The name of an option, as its flag is spelt without the dashes. */
export type OptionName = keyof typeof OPTIONS;

/** Throws the ConfigError for a bad option: `--name (ENV): problem`. */
export function optionError(name: OptionName, problem: string): never {
  throw new ConfigError(`--${name} (${OPTIONS[name].env}): ${problem}`);
}
