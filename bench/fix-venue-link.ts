import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tcpDial } from '../src/fix/connector.js';
import type { FsyncPolicy } from '../src/fix/store.js';
import { decimal } from '../src/market/decimal.js';
import { FixVenue } from '../src/venues/fix/index.js';

const VENUE_PROCESS = fileURLToPath(
  new URL('../src/venues/standalone/venue-process.ts', import.meta.url),
);

/** Sends one order (by its exo child ID) and calls back with the child ID of each `new` report. */
export interface RoundtripLink {
  send(clOrdId: string): void;
  onReport: (clOrdId: string) => void;
  close(): Promise<void>;
}

/**
 * exo's FIX adapter (the real FixVenue: its session store and order log in a fresh directory,
 * fsync `fsync`) logged on to `exo venue --protocol fix` in another process on loopback (from
 * source through tsx, one-way latency 0, its own fsync `venueFsync`). `send` submits a child
 * buying BTC-USD far below the market, so it rests: the report timed is the venue's new-ack (8,
 * ExecType 0) as it reaches exo's report sink.
 */
export async function fixVenueLink(
  fsync: FsyncPolicy,
  venueFsync: 'on' | 'off',
): Promise<RoundtripLink> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-fix-rt-'));
  const { child, port } = await startVenue(join(dir, 'venue'), venueFsync);
  const venue = new FixVenue({
    dial: tcpDial('127.0.0.1', port),
    senderCompId: 'EXO',
    targetCompId: 'PAPER',
    storeDir: join(dir, 'exo'),
    fsync,
  });
  const link: RoundtripLink = {
    send: (clOrdId) =>
      venue.submit({
        clOrdId,
        parentId: 'bench',
        symbol: 'BTC-USD',
        side: 'buy',
        quantity: decimal('0.0001'),
        limitPrice: decimal('1000.00'),
        timeInForce: 'gtc',
      }),
    onReport: () => {},
    close: async () => {
      await venue.close();
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
  venue.onReport((report) => {
    if (report.execType === 'new') link.onReport(report.clOrdId ?? '');
  });
  const deadline = Date.now() + 30_000;
  while (!venue.connected) {
    if (Date.now() > deadline) throw new Error('fix-roundtrip: the adapter never logged on');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return link;
}

/** Starts the FIX venue on a free port; resolves with the process and the port its banner names. */
function startVenue(
  storeDir: string,
  fsync: 'on' | 'off',
): Promise<{ child: ChildProcess; port: number }> {
  const args = ['--protocol', 'fix', '--port', '0', '--latency', '0', '--store', storeDir];
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/fp/venue'] : []),
      '--import',
      'tsx',
      VENUE_PROCESS,
      ...args,
      '--fsync',
      fsync,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const banner = /listening on \S+:(\d+)/.exec(output);
      if (banner !== null) resolve({ child, port: Number(banner[1]) });
    });
    child.once('exit', (code) => reject(new Error(`fix venue exited with ${code}: ${output}`)));
  });
}
