import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { binanceVenueTruth } from './binance-venue-truth.js';
import { fixVenueTruth } from './fix-venue-truth.js';
import { paperVenueTruth, type VenueTruth } from './venue-truth.js';

/**
 * The venues a trial can run exo against: the paper venue over exo's protocol, over FIX 4.4, or
 * behind the local Binance (Binance spot's APIs).
 */
export const VENUE_MODES = ['paper', 'fix', 'binance'] as const;
export type VenueMode = (typeof VENUE_MODES)[number];

const DEFAULT_PACE = { tickRate: 200, latencyMs: 1 } as const;

/** How a trial starts its venue, points exo at it and reads what the venue did. */
export interface VenueSide {
  /** The venue's compiled entry point, under dist/. */
  readonly entry: string;
  readonly args: readonly string[];
  /** Environment of the venue and of every exo (such as the account's key), beside the harness's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Matches the venue's banner; its first group is the address exo is given. */
  readonly announces: RegExp;
  /** exo's flags for the venue at `address`. */
  exoArgs(address: string): string[];
  /** What the venue did, once every order is terminal. */
  truth(address: string): Promise<VenueTruth>;
}

/**
 * The venue side of `mode` for a trial working in `dir`: the same simulated market (seed, and
 * 200 ticks/s with 1 ms latency each way unless `pace` says otherwise) either way. In FIX mode both FIX ends keep their stores in the trial's
 * dir (exo's with its default fsync policy, on), so a kept trial holds both sessions' messages.
 */
export function venueSide(
  mode: VenueMode,
  dir: string,
  seed: number,
  pace: { readonly tickRate: number; readonly latencyMs: number } = DEFAULT_PACE,
): VenueSide {
  const market = ['--port', '0', '--seed', String(seed), '--tick-rate', String(pace.tickRate)];
  market.push('--latency', String(pace.latencyMs));
  const entry = 'venues/standalone/venue-process.js';
  if (mode === 'paper') {
    return {
      entry,
      args: market,
      announces: /listening on (ws:\/\/\S+)/,
      exoArgs: (url) => ['--venue', url],
      truth: paperVenueTruth,
    };
  }
  if (mode === 'binance') return binanceSide(entry, market);
  const venueStore = join(dir, 'fix-venue');
  const exoStore = join(dir, 'exo-fix');
  return {
    entry,
    // The venue is never killed here (its own kill -9 tests are test/venues/fix-venue/restart and
    // the e2e venue crash): it syncs nothing, so that only exo's fsyncs set the pace.
    args: ['--protocol', 'fix', ...market, '--store', venueStore, '--fsync', 'off'],
    announces: /listening on (\S+:\d+)/,
    exoArgs: (address) => [
      ...['--venue', `fix://${address}`, '--fix-store', exoStore],
      ...['--fix-sender-comp-id', 'EXO', '--fix-target-comp-id', 'PAPER'],
    ],
    truth: async () => fixVenueTruth(venueStore, exoStore),
  };
}

/** exo's command line in a trial: HTTP on `port`, the venue of `side` at `address`, no risk limits. */
export function exoArgs(
  port: number,
  side: VenueSide,
  address: string,
  journal: string,
  logLevel: string,
): string[] {
  return [
    ...['--port', String(port), ...side.exoArgs(address), '--journal', journal],
    '--no-risk-limits',
    ...['--log-level', logLevel],
  ];
}

/**
 * The local Binance (`exo venue --protocol binance`) and exo on it (`--venue binance`, its prices
 * from the local Binance's streams): one HMAC key, fresh for the trial, given to both through the
 * environment (never on a command line). Order limits are raised far above Binance's 50 per 10 s,
 * so that the clients' pace tests recovery, not rate limiting.
 */
function binanceSide(entry: string, market: readonly string[]): VenueSide {
  const key = {
    apiKey: randomBytes(16).toString('hex'),
    secretKey: randomBytes(24).toString('hex'),
  };
  return {
    entry,
    args: [
      '--protocol',
      'binance',
      ...market,
      '--order-limit',
      '100000',
      '--weight-limit',
      '100000',
    ],
    env: { EXO_BINANCE_API_KEY: key.apiKey, EXO_BINANCE_SECRET_KEY: key.secretKey },
    announces: /listening on (http:\/\/\S+)/,
    exoArgs: (url) => [
      ...['--venue', 'binance', '--venue-url', `${url.replace(/^http/, 'ws')}/ws-api/v3`],
      ...['--feed', 'binance', '--feed-url', `${url.replace(/^http/, 'ws')}/stream`],
    ],
    truth: (url) => binanceVenueTruth(url, key),
  };
}
