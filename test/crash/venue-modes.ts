import { join } from 'node:path';
import { fixVenueTruth } from './fix-venue-truth.js';
import { paperVenueTruth, type VenueTruth } from './venue-truth.js';

/** The venues a trial can run exo against: the paper venue over exo's protocol, or over FIX 4.4. */
export const VENUE_MODES = ['paper', 'fix'] as const;
export type VenueMode = (typeof VENUE_MODES)[number];

/** How a trial starts its venue, points exo at it and reads what the venue did. */
export interface VenueSide {
  /** The venue's compiled entry point, under dist/. */
  readonly entry: string;
  readonly args: readonly string[];
  /** Matches the venue's banner; its first group is the address exo is given. */
  readonly announces: RegExp;
  /** exo's flags for the venue at `address`. */
  exoArgs(address: string): string[];
  /** What the venue did, once every order is terminal. */
  truth(address: string): Promise<VenueTruth>;
}

/**
 * The venue side of `mode` for a trial working in `dir`: the same simulated market (seed, 200
 * ticks/s, 1 ms latency) either way. In FIX mode both FIX ends keep their stores in the trial's
 * dir with their default fsync policy (on), so a kept trial holds both sessions' messages.
 */
export function venueSide(mode: VenueMode, dir: string, seed: number): VenueSide {
  const market = ['--port', '0', '--seed', String(seed), '--tick-rate', '200', '--latency', '1'];
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
  const venueStore = join(dir, 'fix-venue');
  const exoStore = join(dir, 'exo-fix');
  return {
    entry,
    args: ['--protocol', 'fix', ...market, '--store', venueStore],
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
