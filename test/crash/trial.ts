import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { checkJournal } from '../../src/journal/check-journal.js';
import type { CrashPoint } from '../../src/testing/crash-point.js';
import { RemoteVenue } from '../../src/venues/remote/remote-venue.js';
import { type Answer, call, callUntilAnswered } from './client.js';
import { type ClientRecord, checkInvariants, type OrderWire } from './invariants.js';
import { kill9, type Running, startProcess, stop } from './processes.js';

/** One kill -9 trial's settings. */
export interface TrialOptions {
  readonly seed: number;
  /** How many times exo is SIGKILLed during the trial. */
  readonly kills: number;
  /** Concurrent clients sending instructions. */
  readonly clients?: number;
  /** A named moment at which the first exo kills itself (EXO_CRASH_AT), before the random kills. */
  readonly crashAt?: CrashPoint;
}

/** What one trial found: every invariant it broke, and what it did. */
export interface TrialResult {
  readonly seed: number;
  readonly violations: readonly string[];
  readonly orders: number;
  readonly instructions: number;
  readonly kills: number;
}

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'] as const;
const QUANTITIES = { 'BTC-USD': '0.002', 'ETH-USD': '0.03', 'SOL-USD': '0.5' } as const;
const DEADLINE_MS = 60_000;
/** How long the first exo may take to reach its crash point under the clients' load. */
const CRASH_WAIT_MS = 15_000;

/**
 * Runs exo against a standalone paper venue in its own process, sends random new, replace and
 * cancel instructions (each retried with its Idempotency-Key until answered, as a real client
 * would), SIGKILLs exo at random moments and restarts it on the same journal, then lets every
 * order finish and checks what exo says against what the venue did.
 */
export async function runTrial(options: TrialOptions): Promise<TrialResult> {
  const random = new SeededRandom(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'exo-crash-'));
  const journal = join(dir, 'journal.db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + DEADLINE_MS;
  const venue = await startProcess(
    'venues/server/venue-process.js',
    ['--port', '0', '--seed', String(options.seed), '--tick-rate', '200', '--latency', '1'],
    /listening on (ws:\/\/\S+)/,
  );
  const records = new Map<string, ClientRecord>();
  let instructions = 0;
  let exo: Running | undefined;
  const startExo = async (env: NodeJS.ProcessEnv = {}): Promise<Running> =>
    startProcess(
      'cli/exo.js',
      ['--port', String(port), '--venue', venue.url, '--journal', journal, '--log-level', 'warn'],
      /Dashboard: (http:\/\/\S+)\//,
      env,
    );
  const violations: string[] = [];
  try {
    exo = await startExo(
      options.crashAt === undefined
        ? {}
        : { EXO_CRASH_AT: options.crashAt, EXO_SNAPSHOT_EVERY: '20' },
    );
    let running = true;
    const client = async (id: number): Promise<void> => {
      let n = 0;
      while (running && Date.now() < deadline) {
        instructions++;
        await instructOnce(base, random, records, `c${id}-${n++}-${options.seed}`, deadline);
      }
    };
    const clients = Array.from({ length: options.clients ?? 3 }, (_, i) => client(i));
    if (options.crashAt !== undefined) {
      if (await exitsWithin(exo, CRASH_WAIT_MS)) exo = await startExo();
      else violations.push(`exo never reached its crash point ${options.crashAt}`);
    }
    for (let k = 0; k < options.kills; k++) {
      await sleep(random.integer(150, 900));
      await kill9(exo);
      exo = await startExo();
    }
    await sleep(random.integer(100, 400));
    running = false;
    await Promise.all(clients);
    await cancelEverythingLive(base, records, deadline);
    const orders = await waitUntilAllTerminal(base, records, deadline);
    const remote = new RemoteVenue({ url: venue.url });
    const ledger = await remote.ledger();
    const open = await remote.openOrders('exo-');
    await remote.close();
    await stop(exo);
    exo = undefined;
    violations.push(
      ...checkInvariants({
        records,
        orders,
        ledger,
        openAtVenue: open,
        journalProblem: journalProblem(journal),
      }),
    );
    return {
      seed: options.seed,
      violations,
      orders: records.size,
      instructions,
      kills: options.kills,
    };
  } finally {
    if (exo !== undefined) await kill9(exo);
    await stop(venue);
    // EXO_CRASH_KEEP=1 keeps the journal for `exo journal export` when a trial needs explaining.
    if (process.env.EXO_CRASH_KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends one random instruction (retried until answered) and records what exo acknowledged. */
async function instructOnce(
  base: string,
  random: SeededRandom,
  records: Map<string, ClientRecord>,
  key: string,
  deadline: number,
): Promise<void> {
  const live = [...records.values()].filter((r) => !r.cancelAcked && !r.busy);
  const roll = random.next();
  if (live.length === 0 || roll < 0.45) {
    const symbol = SYMBOLS[random.integer(0, SYMBOLS.length - 1)]!;
    const algo = (['take', 'twap', 'peg'] as const)[random.integer(0, 2)]!;
    const body = {
      side: random.chance(0.5) ? 'buy' : 'sell',
      symbol,
      quantity: QUANTITIES[symbol],
      algo,
      ...(algo === 'twap' ? { params: { durationMs: random.integer(300, 1500), slices: 3 } } : {}),
    };
    const answer = await callUntilAnswered(base, 'POST', '/v1/orders', body, key, deadline);
    if (answer.status === 201) {
      const orderId = (answer.body as OrderWire).orderId;
      if (!records.has(orderId)) {
        records.set(orderId, {
          orderId,
          quantity: body.quantity,
          replaces: [],
          cancelAcked: false,
          busy: false,
        });
      }
    }
    return;
  }
  const record = live[random.integer(0, live.length - 1)]!;
  record.busy = true;
  try {
    if (roll < 0.75) {
      // Replaces only grow the order: shrinking one below what a child in flight fills is a
      // trading race (the fill is real and the order ends over its new size), not a crash fault.
      const quantity = scale(record.quantity, record.replaces.length + 2);
      const answer = await callUntilAnswered(
        base,
        'PATCH',
        `/v1/orders/${record.orderId}`,
        { quantity },
        key,
        deadline,
      );
      if (answer.status === 202) record.replaces.push(quantity);
    } else {
      const answer: Answer = await callUntilAnswered(
        base,
        'DELETE',
        `/v1/orders/${record.orderId}`,
        undefined,
        key,
        deadline,
      );
      if (answer.status === 202) record.cancelAcked = true;
    }
  } finally {
    record.busy = false;
  }
}

/** Cancels every order still working, so the trial ends with every parent terminal. */
async function cancelEverythingLive(
  base: string,
  records: Map<string, ClientRecord>,
  deadline: number,
): Promise<void> {
  for (const record of records.values()) {
    const answer = await callUntilAnswered(
      base,
      'GET',
      `/v1/orders/${record.orderId}`,
      undefined,
      undefined,
      deadline,
    );
    const order = answer.body as OrderWire;
    if (answer.status === 200 && !TERMINAL.has(order.status) && order.status !== 'pending_cancel') {
      await callUntilAnswered(
        base,
        'DELETE',
        `/v1/orders/${record.orderId}`,
        undefined,
        `final-${record.orderId}`,
        deadline,
      );
    }
  }
}

const TERMINAL = new Set(['filled', 'canceled', 'rejected', 'expired']);

/** Polls until every order the client knows is terminal; returns their final states. */
async function waitUntilAllTerminal(
  base: string,
  records: Map<string, ClientRecord>,
  deadline: number,
): Promise<Map<string, OrderWire | undefined>> {
  for (;;) {
    const orders = new Map<string, OrderWire | undefined>();
    let working = 0;
    for (const record of records.values()) {
      const answer = await call(base, 'GET', `/v1/orders/${record.orderId}`).catch(() => undefined);
      const order = answer?.status === 200 ? (answer.body as OrderWire) : undefined;
      orders.set(record.orderId, order);
      if (order === undefined || !TERMINAL.has(order.status)) working++;
    }
    if (working === 0 || Date.now() > deadline) return orders;
    await sleep(100);
  }
}

/** Why the journal file fails `exo journal check` (integrity, schema), if it does. */
function journalProblem(path: string): string | undefined {
  try {
    checkJournal(path);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function scale(quantity: string, factor: number): string {
  const [whole, fraction = ''] = quantity.split('.');
  const digits = fraction.length;
  const units = BigInt(`${whole}${fraction}`) * BigInt(factor);
  const text = units.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Whether the process exits (by itself) within `ms`. */
function exitsWithin(running: Running, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), ms);
    running.child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
