import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import type { FsyncPolicy } from '../src/fix/store.js';
import { orderFields } from './fix-messages.js';
import { fixVenueLink, type RoundtripLink } from './fix-venue-link.js';
import type { BenchResult } from './report.js';

const PEER = fileURLToPath(new URL('./fix-roundtrip-peer.ts', import.meta.url));
const SEQUENTIAL = 3_000;
const PIPELINED = 20_000;
const IN_FLIGHT = 500;
const WARM_UP = 2_000;

/** Latency percentiles (µs) of one order at a time, and orders/s with IN_FLIGHT in flight. */
interface Figures {
  readonly p50: number;
  readonly p99: number;
  readonly rate: number;
}

/**
 * `fix-roundtrip`, as issue 14 asks: D → 8 (new) between exo's FIX adapter (FixVenue.submit of
 * a child, the ack timed as it reaches the report sink; its session store and order log fsync
 * per received chunk, 'batch'; 'always', what --fix-fsync on does; and never, which leaves the disk
 * out of the figure) and `exo venue --protocol fix` in
 * another process on loopback (latency 0, its stores written but not fsynced: `--fsync off`; the
 * children rest, so what comes back is the new-ack). Sequential p50/p99 and orders/s with 500
 * in flight, against the same content as JSON over ws between two processes in the same run
 * (a bare echo: no matching, no store), and the ratios.
 */
export async function fixRoundtrip(): Promise<BenchResult[]> {
  const runs: Array<[FsyncPolicy, Figures]> = [];
  for (const fsync of ['batch', 'always', 'never'] as const)
    runs.push([fsync, await measure(() => fixVenueLink(fsync, 'off'))]);
  const ws = await measure(wsLink);
  const results: BenchResult[] = [];
  for (const [fsync, fix] of runs) {
    results.push({
      bench: 'fix-roundtrip',
      adapter_fsync: fsync,
      venue_fsync: 'off',
      fix_p50_us: fix.p50,
      fix_p99_us: fix.p99,
      fix_orders_per_s: fix.rate,
      ws_p50_us: ws.p50,
      ws_p99_us: ws.p99,
      ws_orders_per_s: ws.rate,
      throughput_ratio: fix.rate / ws.rate,
      p50_ratio: fix.p50 / ws.p50,
      p99_ratio: fix.p99 / ws.p99,
    });
  }
  return results;
}

async function measure(open: () => Promise<RoundtripLink>): Promise<Figures> {
  const link = await open();
  try {
    await pipelined(link, 'W', WARM_UP); // JIT, both sides: not reported
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const start = process.hrtime.bigint();
      await new Promise<void>((resolve) => {
        link.onReport = () => resolve();
        link.send(`bench-S${i}`);
      });
      latencies.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    latencies.sort((a, b) => a - b);
    const start = process.hrtime.bigint();
    await pipelined(link, 'P', PIPELINED);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      p50: latencies[Math.floor(latencies.length / 2)]!,
      p99: latencies[Math.floor(latencies.length * 0.99)]!,
      rate: PIPELINED / seconds,
    };
  } finally {
    await link.close();
  }
}

/** Sends `count` orders keeping IN_FLIGHT unanswered; resolves when the last is answered. */
function pipelined(link: RoundtripLink, tag: string, count: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let sent = 0;
    let done = 0;
    link.onReport = () => {
      done++;
      if (sent < count) link.send(`bench-${tag}${sent++}`);
      if (done === count) resolve();
    };
    while (sent < Math.min(IN_FLIGHT, count)) link.send(`bench-${tag}${sent++}`);
  });
}

/** The baseline: the same order content as JSON over ws to an echoing peer process. */
async function wsLink(): Promise<RoundtripLink> {
  const { child, port } = await startPeer();
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const link: RoundtripLink = {
    send: (clOrdId) =>
      socket.send(
        JSON.stringify(Object.fromEntries(orderFields(clOrdId).map(([t, v]) => [String(t), v]))),
      ),
    onReport: () => {},
    close: async () => {
      socket.close();
      child.kill('SIGKILL');
    },
  };
  socket.on('message', (data: Buffer) =>
    link.onReport((JSON.parse(data.toString()) as Record<string, string>)['11'] ?? ''),
  );
  return link;
}

function startPeer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', PEER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) =>
      resolve({ child, port: Number(/ready (\d+)/.exec(chunk.toString())?.[1]) }),
    );
    child.once('exit', (code) => reject(new Error(`fix-roundtrip ws peer exited with ${code}`)));
  });
}
