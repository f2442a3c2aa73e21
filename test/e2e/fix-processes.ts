import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixVenueProcess } from '../venues/fix-venue/venue-process.js';

/** The CompIDs both sides use: exo is EXO, the venue PAPER. */
export const EXO_ID = 'EXO';
export const VENUE_ID = 'PAPER';

/** The CompID of a second session, for the FIX adapter driven directly by a test. */
export const DIRECT_ID = 'DIRECT';

/**
 * `exo venue --protocol fix` in its own process, on `port` (0: any free one), its store in `dir`,
 * with a session for exo and one for DIRECT.
 */
export function startFixVenue(dir: string, port = 0): Promise<FixVenueProcess> {
  return FixVenueProcess.start([
    ...['--port', String(port), '--store', dir],
    ...['--sender-comp-id', VENUE_ID, '--target-comp-id', `${EXO_ID},${DIRECT_ID}`],
  ]);
}

const EXO = fileURLToPath(new URL('../../src/cli/exo.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url));

/** A running exo process on a FIX venue: its HTTP URL, the store of its FIX session, what it printed. */
export interface ExoOnFix {
  readonly child: ChildProcess;
  readonly url: string;
  readonly fixStore: string;
  readonly output: () => string;
}

/**
 * `exo --venue fix://127.0.0.1:PORT` in its own process (from source), journal and FIX store in
 * `dir`, no risk limits, HTTP on a free port; resolves with the URL its banner prints. (Not
 * test/cli/run-exo.ts: that kills its processes after each test, and these live for a file.)
 */
export async function startExoOnFix(dir: string, venuePort: number): Promise<ExoOnFix> {
  const fixStore = join(dir, 'fix');
  const args = [
    ...['--port', '0', '--venue', `fix://127.0.0.1:${venuePort}`, '--symbols', 'BTC-USD'],
    ...['--fix-sender-comp-id', EXO_ID, '--fix-target-comp-id', VENUE_ID],
    ...['--fix-store', fixStore, '--fix-heartbeat', '1', '--no-risk-limits'],
    ...['--journal', join(dir, 'journal.db')],
  ];
  const child = spawn(process.execPath, ['--import', TSX, EXO, ...args], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const banner = /Dashboard: (http:\/\/\S+)\//;
  await until(
    () => banner.test(text) || child.exitCode !== null,
    30_000,
    'exo to print its banner',
  );
  const url = banner.exec(text)?.[1];
  if (url === undefined) throw new Error(`exo did not start: ${text}`);
  return { child, url, fixStore, output: () => text };
}

/**
 * Resolves once `check` holds, polling every 20 ms; throws naming `what` after `timeout` ms.
 * (Usable in hooks, where expect.poll is not.)
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeout: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const awaited = typeof what === 'string' ? what : what();
      throw new Error(`timed out after ${timeout} ms waiting for ${awaited}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
