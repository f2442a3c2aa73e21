import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FixField } from '../../src/fix/message.js';
import type { OrderLogRecord } from '../../src/venues/fix/order-log.js';
import { AppTag } from '../../src/venues/fix-venue/app-tags.js';
import { callUntilAnswered } from './client.js';
import { cancelEverythingLive, waitUntilAllTerminal } from './instructions.js';
import { type ClientRecord, checkInvariants, type OrderWire } from './invariants.js';
import { freePort, kill9, type Running, startProcess, stop } from './processes.js';
import { repairedFills } from './repaired-fills.js';
import { exoArgs, venueSide } from './venue-modes.js';

/** What a freeze trial found, and how many reports piled up while exo was frozen. */
export interface FreezeResult {
  readonly violations: readonly string[];
  readonly orders: number;
  /** Reports the venue journaled for exo while exo was stopped (SIGSTOP) and then killed. */
  readonly piledUp: number;
  readonly keptAt?: string;
}

const SYMBOLS = { 'BTC-USD': '0.002', 'ETH-USD': '0.03', 'SOL-USD': '0.5' } as const;
const POSTING = 50;
const DEADLINE_MS = 120_000;
/**
 * The venue's market and latency: each request and each report travel 1.5 s, so the Ds exo sent
 * in its last 3 s are all in flight when it is frozen, and their acks and fills pile up at the
 * venue meanwhile; quotes slow enough that pegs re-pegging at each move of the touch do not swamp
 * exo's fsync-per-append FIX store.
 */
const PACE = { tickRate: 50, latencyMs: 1500 } as const;

/**
 * Issue 14's exo crash over FIX: `orders` peg parents (one resting child each, at the venue's
 * near price) sent to `exo venue --protocol fix`; exo frozen with SIGSTOP the moment its last D
 * is out, while the venue acknowledges, fills and reports (its session stores what exo cannot
 * read), then SIGKILL
 * and a restart on the same journal and FIX store. The Logon must continue both sequences and the
 * venue's resend bring every report missed: each child then reaches its final state (after a
 * cancel of what still works), the crash harness's invariants hold, and every ExecID the venue
 * journaled for exo is applied by exo's adapter exactly once. When one breaks, the trial's dir
 * is kept (journal, both FIX stores and logs, violations.txt).
 */
export async function runFreezeTrial(options: {
  readonly seed: number;
  readonly orders: number;
  readonly frozenMs: number;
}): Promise<FreezeResult> {
  const dir = mkdtempSync(join(tmpdir(), `exo-freeze-seed${options.seed}-`));
  const side = venueSide('fix', dir, options.seed, PACE);
  const started: Running[] = [];
  const violations: string[] = [];
  const records = new Map<string, ClientRecord>();
  let piledUp = 0;
  const deadline = Date.now() + DEADLINE_MS;
  try {
    const venue = await startProcess(side.entry, side.args, side.announces, join(dir, 'venue.log'));
    started.push(venue);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const journal = join(dir, 'journal.db');
    const startExo = async (n: number): Promise<Running> => {
      const exo = await startProcess(
        'cli/exo.js',
        exoArgs(port, side, venue.url, journal, 'info'),
        /Dashboard: (http:\/\/\S+)\//,
        join(dir, `exo-${n}.log`),
      );
      started.push(exo);
      return exo;
    };
    let exo = await startExo(1);
    await post(base, options.orders, records, deadline);
    // Frozen the moment exo has sent its last D: many are still unanswered, in flight.
    await until(() => sentOrders(dir) >= options.orders, deadline, 'a D for every order');
    exo.signal('SIGSTOP');
    const before = venueReports(dir).length;
    await sleep(options.frozenMs);
    piledUp = venueReports(dir).length - before;
    await kill9(exo);
    exo = await startExo(2);
    await cancelEverythingLive(base, records, deadline);
    const orders = await waitUntilAllTerminal(base, records, deadline);
    const truth = await side.truth(venue.url);
    await stop(exo);
    violations.push(
      ...checkInvariants({ records, orders, venue: truth, journalProblem: undefined }),
      ...appliedOnce(dir),
      ...repairedFills(dir, ['exo-1.log', 'exo-2.log']),
    );
    if (piledUp === 0) violations.push('no report piled up while exo was frozen');
  } catch (error) {
    violations.push(`the trial broke off: ${error instanceof Error ? error.stack : error}`);
  } finally {
    for (const process of started.reverse()) await kill9(process);
  }
  const result = { violations, orders: records.size, piledUp };
  if (violations.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return result;
  }
  writeFileSync(join(dir, 'violations.txt'), violations.map((v) => `${v}\n`).join(''));
  return { ...result, keptAt: dir };
}

/** Posts `count` peg orders, `POSTING` at a time, each retried under its key until answered. */
async function post(
  base: string,
  count: number,
  records: Map<string, ClientRecord>,
  deadline: number,
): Promise<void> {
  const symbols = Object.entries(SYMBOLS);
  let next = 0;
  const poster = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      const [symbol, quantity] = symbols[n % symbols.length]!;
      const body = { side: n % 2 === 0 ? 'buy' : 'sell', symbol, quantity, algo: 'peg' };
      const answer = await callUntilAnswered(base, 'POST', '/v1/orders', body, `f-${n}`, deadline);
      if (answer.status !== 201) throw new Error(`order ${n}: ${answer.status}`);
      const { orderId } = answer.body as OrderWire;
      records.set(orderId, { orderId, quantity, replaces: [], cancelAcked: false, busy: false });
    }
  };
  await Promise.all(Array.from({ length: POSTING }, poster));
}

/** Polls `done` every 20 ms until it holds; throws naming `what` at the deadline. */
async function until(done: () => boolean, deadline: number, what: string): Promise<void> {
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`never reached: ${what}`);
    await sleep(20);
  }
}

/** The venue's order journal, whole lines only (the venue may be appending). */
function venueLines(dir: string): Array<{ o?: { orderId: string }; r?: { body: FixField[] } }> {
  const lines = readFileSync(join(dir, 'fix-venue', 'orders.jsonl'), 'utf8').split('\n');
  lines.pop();
  return lines.filter((line) => line !== '').map((line) => JSON.parse(line));
}

/** The NewOrderSingles exo's adapter has logged (each just before it leaves). */
function sentOrders(dir: string): number {
  return readFileSync(join(dir, 'exo-fix', 'orders.log'), 'utf8').split('"t":"order"').length - 1;
}

/**
 * The ExecIDs (17) of the reports the venue journaled, in order, but for status reports
 * (ExecType I, answers to exo's H and AF): those answer a query and change no order.
 */
function venueReports(dir: string): string[] {
  const ids: string[] = [];
  for (const { r } of venueLines(dir)) {
    const field = (tag: number) => r?.body.find(([t]) => t === tag)?.[1];
    const execId = field(AppTag.ExecID);
    if (execId !== undefined && field(AppTag.ExecType) !== 'I') ids.push(execId);
  }
  return ids;
}

/** Every ExecID the venue journaled, applied by exo's adapter (its order log) exactly once. */
function appliedOnce(dir: string): string[] {
  const text = readFileSync(join(dir, 'exo-fix', 'orders.log'), 'utf8');
  const applied = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as OrderLogRecord;
    if (record.t === 'exec') applied.set(record.e, (applied.get(record.e) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const execId of venueReports(dir)) {
    const times = applied.get(execId) ?? 0;
    if (times !== 1) problems.push(`ExecID ${execId} applied ${times} times by exo's adapter`);
  }
  return problems;
}
