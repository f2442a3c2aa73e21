import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientRecord } from './invariants.js';
import type { VenueTruth } from './venue-truth.js';

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
  readonly venue: VenueTruth | undefined;
  readonly violations: readonly string[];
  /** What the clients were told: the orders acknowledged, their replaces and cancels. */
  readonly clients: Iterable<ClientRecord>;
}

/**
 * Writes a trial's evidence into its dir, so that a rare failure can be explained afterwards:
 * `trial.json` (settings, and how each process ended), `violations.txt`, `clients.json` (what
 * exo acknowledged to the clients), and the venue's own files (VenueTruth.files: the paper
 * venue's ledger and open orders in its wire form, the FIX venue's orders).
 */
export function writeEvidence(dir: string, evidence: Evidence): void {
  const trial = { ...evidence.settings, processes: evidence.processes };
  writeFileSync(join(dir, 'trial.json'), json(trial));
  const violations = evidence.violations.map((violation) => `${violation}\n`).join('');
  writeFileSync(join(dir, 'violations.txt'), violations || 'none: every invariant held\n');
  writeFileSync(join(dir, 'clients.json'), json([...evidence.clients]));
  for (const [name, value] of Object.entries(evidence.venue?.files ?? {})) {
    writeFileSync(join(dir, name), json(value));
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
