import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { RealClock } from '../src/core/clock.js';
import { tcpDial } from '../src/fix/connector.js';
import { FixSession } from '../src/fix/session.js';
import { FixStore } from '../src/fix/store.js';
import { orderFields } from './fix-messages.js';
import type { BenchResult } from './report.js';

const PEER = fileURLToPath(new URL('./fix-roundtrip-peer.ts', import.meta.url));
const SEQUENTIAL = 3_000;
const PIPELINED = 20_000;
const IN_FLIGHT = 500;

/** Sends one order (by ClOrdID) and calls back with the ClOrdID of each report. */
interface Link {
  send(clOrdId: string): void;
  onReport: (clOrdId: string) => void;
  close(): void;
}

/**
 * The session layer's round trip: D → 8 (new) between exo's FIX session and a FIX session in
 * another process on loopback, stores on (the answering side fsyncs each received chunk, 'batch';
 * then again with no fsync anywhere); sequential p50/p99 and orders/s with 500 in
 * flight, against the same content as JSON over ws between two processes in the same run.
 * (Not yet the adapter ↔ FIX venue figure: neither exists yet.)
 */
export async function fixRoundtrip(): Promise<BenchResult[]> {
  const fix = await measure('fix', 29_891, fixLink, 'batch');
  const fixNoFsync = await measure('fix', 29_893, fixLink, 'never');
  const ws = await measure('ws', 29_892, wsLink);
  return [
    {
      bench: 'fix-roundtrip',
      fix_p50_us: fix.p50,
      fix_p99_us: fix.p99,
      fix_orders_per_s: fix.rate,
      fix_no_fsync_p50_us: fixNoFsync.p50,
      fix_no_fsync_p99_us: fixNoFsync.p99,
      fix_no_fsync_orders_per_s: fixNoFsync.rate,
      ws_p50_us: ws.p50,
      ws_p99_us: ws.p99,
      ws_orders_per_s: ws.rate,
      throughput_ratio: fix.rate / ws.rate,
      p50_ratio: fix.p50 / ws.p50,
    },
  ];
}

async function measure(
  mode: 'fix' | 'ws',
  port: number,
  open: (port: number) => Promise<Link>,
  fsync = 'batch',
) {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-fix-rt-'));
  const peer = await startPeer(mode, port, join(dir, 'venue.store'), fsync);
  try {
    const link = await open(port);
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const start = process.hrtime.bigint();
      await new Promise<void>((resolve) => {
        link.onReport = () => resolve();
        link.send(`S${i}`);
      });
      latencies.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    latencies.sort((a, b) => a - b);
    const start = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      let sent = 0;
      let done = 0;
      link.onReport = () => {
        done++;
        if (sent < PIPELINED) link.send(`P${sent++}`);
        if (done === PIPELINED) resolve();
      };
      while (sent < IN_FLIGHT) link.send(`P${sent++}`);
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    link.close();
    return {
      p50: latencies[Math.floor(latencies.length / 2)]!,
      p99: latencies[Math.floor(latencies.length * 0.99)]!,
      rate: PIPELINED / seconds,
    };
  } finally {
    peer.kill('SIGKILL');
  }
}

function startPeer(
  mode: string,
  port: number,
  storeFile: string,
  fsync: string,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', PEER, mode, String(port), storeFile, fsync],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`fix-roundtrip peer exited with ${code}`)));
  });
}

async function fixLink(port: number): Promise<Link> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-fix-rt-'));
  const link: Link = { send: () => {}, onReport: () => {}, close: () => {} };
  const session = new FixSession(
    {
      role: 'initiator',
      senderCompId: 'EXO',
      targetCompId: 'VENUE',
      heartBtIntSeconds: 30,
      store: FixStore.open(join(dir, 'exo.store'), 'never'),
      clock: new RealClock(),
    },
    { message: (m) => link.onReport(m.get(11) ?? '') },
  );
  const loggedOn = new Promise<void>((resolve) =>
    session.watch((state) => state === 'active' && resolve()),
  );
  session.connect(await tcpDial('127.0.0.1', port)());
  await loggedOn;
  link.send = (clOrdId) => session.send('D', orderFields(clOrdId));
  link.close = () => session.disconnect();
  return link;
}

async function wsLink(port: number): Promise<Link> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const link: Link = {
    send: (clOrdId) =>
      socket.send(
        JSON.stringify(Object.fromEntries(orderFields(clOrdId).map(([t, v]) => [String(t), v]))),
      ),
    onReport: () => {},
    close: () => socket.close(),
  };
  socket.on('message', (data: Buffer) =>
    link.onReport((JSON.parse(data.toString()) as Record<string, string>)['11'] ?? ''),
  );
  return link;
}
