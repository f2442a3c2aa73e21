import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock } from '../src/core/clock.js';
import { tcpDial } from '../src/fix/connector.js';
import type { FixField, FixMessage } from '../src/fix/message.js';
import { FixSession } from '../src/fix/session.js';
import { FixStore, type FsyncPolicy } from '../src/fix/store.js';
import { socketTransport } from '../src/fix/transport.js';
import { decimal } from '../src/market/decimal.js';
import { FixVenue } from '../src/venues/fix/index.js';
import type { BenchResult } from './report.js';

/** Reports outstanding when exo restarts, as the issue asks. */
const REPORTS = 10_000;

/**
 * `fix-recovery`: exo's FIX adapter restarts with REPORTS ExecutionReports sent while it was down
 * (one fill per order it had sent); the Logon's ResendRequest replays them PossDup and the adapter
 * applies each (journaled, then to exo's sink). Reports replayed and applied per second, from the
 * new adapter's construction to the last applied, against the same reports delivered live in the
 * same run (the baseline), with the adapter's order log and session store fsync off, per chunk
 * ('batch') and 'always' (what --fix-fsync on does: each received chunk committed with one fsync of
 * each before its reports reach exo). The venue's store never fsyncs: its disk is not exo's.
 */
export async function fixRecovery(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  await run('never', true, 2_000); // warm-up: JIT and file system, not reported
  for (const fsync of ['never', 'batch', 'always'] as const) {
    const live = await run(fsync, false);
    const recovered = await run(fsync, true);
    results.push({
      bench: 'fix-recovery',
      fsync,
      reports: REPORTS,
      recovery_per_s: Math.round(recovered),
      live_per_s: Math.round(live),
      ratio: recovered / live,
      goal_per_s: 5_000,
    });
  }
  return results;
}

/** Applied reports per second, live or replayed after a restart. */
async function run(fsync: FsyncPolicy, restart: boolean, reports = REPORTS): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-fix-recovery-'));
  const clock = new RealClock();
  const orders: FixMessage[] = [];
  const counterparty = new FixSession(
    {
      role: 'acceptor',
      senderCompId: 'VENUE',
      targetCompId: 'EXO',
      heartBtIntSeconds: 30,
      store: FixStore.open(join(dir, 'venue.store'), 'never'),
      clock,
    },
    { message: (m) => orders.push(m) },
  );
  const server: Server = createServer((socket) => counterparty.connect(socketTransport(socket)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  let applied = 0;
  const adapter = (): FixVenue => {
    const venue = new FixVenue({
      dial: tcpDial('127.0.0.1', port),
      senderCompId: 'EXO',
      targetCompId: 'VENUE',
      storeDir: join(dir, 'exo'),
      fsync,
      clock,
    });
    // Fills only: closing the first adapter reports its unanswered orders `unknown`.
    venue.onReport((report) => {
      if (report.execType === 'trade') applied++;
    });
    return venue;
  };
  let venue = adapter();
  await until(() => venue.connected);
  for (let n = 1; n <= reports; n++) {
    venue.submit({
      clOrdId: `exo-bench-${n}`,
      parentId: 'exo-bench',
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: decimal('1'),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
    });
  }
  await until(() => orders.length === reports);
  if (restart) await venue.close();
  // Restart: the reports are stored by the venue while exo is down, and the clock starts with the
  // new adapter. Live: it starts as the venue begins sending.
  let start = process.hrtime.bigint();
  for (const [i, d] of orders.entries()) counterparty.send('8', fill(d, i));
  if (restart) {
    start = process.hrtime.bigint();
    venue = adapter();
  }
  await until(() => applied === reports);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await venue.close();
  counterparty.options.store.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true });
  return reports / seconds;
}

/** A full fill of the order `d`. */
function fill(d: FixMessage, i: number): FixField[] {
  return [
    [37, `V${i}`],
    [11, d.get(11)!],
    [17, `E${i}`],
    [150, 'F'],
    [39, '2'],
    [55, 'BTC-USD'],
    [54, '1'],
    [38, '1'],
    [44, '100'],
    [32, '1'],
    [31, '100'],
    [151, '0'],
    [14, '1'],
    [6, '100'],
  ];
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('fix-recovery: timed out');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
