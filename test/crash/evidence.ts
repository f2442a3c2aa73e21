import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaperLedger } from '../../src/venues/paper/paper-ledger.js';
import { RemoteVenue } from '../../src/venues/remote/remote-venue.js';
import type { VenueOrderStatus } from '../../src/venues/venue-queries.js';
import { fillToJSON, orderStatusToJSON } from '../../src/venues/wire/venue-answer-json.js';
import type { ClientRecord } from './invariants.js';

/** What the venue did and what it still has open at the end of a trial: the invariants' truth. */
export interface VenueState {
  readonly ledger: PaperLedger;
  /** The exo orders still open at the venue. */
  readonly open: readonly VenueOrderStatus[];
}

/** Reads the venue's ledger and its open exo orders over its own protocol, as exo would. */
export async function readVenueState(url: string): Promise<VenueState> {
  const remote = new RemoteVenue({ url });
  try {
    return { ledger: await remote.ledger(), open: await remote.openOrders('exo-') };
  } finally {
    await remote.close();
  }
}

/** One process a trial started: the log file (in the trial's dir) and how the process ended. */
export interface ProcessEnd {
  readonly log: string;
  readonly ended: string;
}

/** Everything a kept trial writes next to its journal and its processes' logs. */
export interface Evidence {
  /** The trial's settings: enough to run it again. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** In start order. */
  readonly processes: readonly ProcessEnd[];
  /** Absent when the trial broke off and the venue could not be read either. */
  readonly venue: VenueState | undefined;
  readonly violations: readonly string[];
  /** What the clients were told: the orders acknowledged, their replaces and cancels. */
  readonly clients: Iterable<ClientRecord>;
}

/**
 * Writes a trial's evidence into its dir, so that a rare failure can be explained afterwards:
 * `trial.json` (settings, and how each process ended), `violations.txt`, `clients.json` (what
 * exo acknowledged to the clients), and the venue's `ledger.json` and `open-orders.json` in the
 * venue's wire form (decimals as strings).
 */
export function writeEvidence(dir: string, evidence: Evidence): void {
  const trial = { ...evidence.settings, processes: evidence.processes };
  writeFileSync(join(dir, 'trial.json'), json(trial));
  const violations = evidence.violations.map((violation) => `${violation}\n`).join('');
  writeFileSync(join(dir, 'violations.txt'), violations || 'none: every invariant held\n');
  writeFileSync(join(dir, 'clients.json'), json([...evidence.clients]));
  if (evidence.venue === undefined) return;
  const { ledger, open } = evidence.venue;
  const ledgerJSON = {
    orders: ledger.orders.map(orderStatusToJSON),
    fills: ledger.fills.map(fillToJSON),
  };
  writeFileSync(join(dir, 'ledger.json'), json(ledgerJSON));
  writeFileSync(join(dir, 'open-orders.json'), json(open.map(orderStatusToJSON)));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
