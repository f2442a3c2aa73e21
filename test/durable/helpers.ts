import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { VirtualClock } from '../../src/core/clock.js';
import type { DelegateFactory } from '../../src/core/delegate.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import type { Journal } from '../../src/journal/journal.js';
import { JournalUnavailableError } from '../../src/journal/journal-errors.js';
import type { AppendResult, JournalEntry, JournalRow } from '../../src/journal/journal-row.js';
import type { Report } from '../../src/market/report.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { buildApp } from '../../src/server/app.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  ReportSink,
  Venue,
} from '../../src/venues/venue.js';
import { fakeAlgos } from '../server/fake-engine.js';

interface Pending {
  readonly entry: JournalEntry;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

/**
 * A journal whose commits happen only when the test says: `release()` commits everything appended
 * so far, `fail()` makes the journal unavailable. Rows are kept to be read back.
 */
export class HeldJournal implements Journal {
  readonly path = 'held';
  readonly rows: JournalRow[] = [];
  #pending: Pending[] = [];
  #waiters: { resolve(): void; reject(error: Error): void }[] = [];
  #keys = new Set<string>();
  #followers = new Set<(rows: readonly JournalRow[]) => void>();
  #failure: JournalUnavailableError | undefined;

  get unavailable(): JournalUnavailableError | undefined {
    return this.#failure;
  }

  /** How many appends wait for `release`. */
  get held(): number {
    return this.#pending.length;
  }

  append(entry: JournalEntry): Promise<AppendResult> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#pending.push({ entry, resolve, reject }));
  }

  committed(): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#pending.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Commits every append made so far. */
  release(): void {
    const pending = this.#pending;
    const waiters = this.#waiters;
    this.#pending = [];
    this.#waiters = [];
    const committedFrom = this.rows.length;
    for (const { entry, resolve } of pending) {
      const duplicate = this.#keys.has(entry.idempotencyKey);
      const sequence = this.rows.length + 1;
      if (!duplicate) {
        this.#keys.add(entry.idempotencyKey);
        this.rows.push({
          sequence,
          time: 0,
          orderId: entry.orderId,
          kind: entry.kind,
          idempotencyKey: entry.idempotencyKey,
          body: JSON.parse(JSON.stringify(entry.body)),
        });
      }
      resolve({ sequence, duplicate });
    }
    const committed = this.rows.slice(committedFrom);
    for (const follower of this.#followers) follower(committed);
    for (const waiter of waiters) waiter.resolve();
  }

  /** Fails the journal: what waits and what comes later is refused. */
  fail(reason: string): void {
    this.#failure = new JournalUnavailableError(reason);
    for (const { reject } of this.#pending) reject(this.#failure);
    for (const { reject } of this.#waiters) reject(this.#failure);
    this.#pending = [];
    this.#waiters = [];
  }

  readFrom(sequence: number): Iterable<JournalRow> {
    return this.rows.filter((row) => row.sequence >= sequence);
  }

  follow(listener: (rows: readonly JournalRow[]) => void): () => void {
    this.#followers.add(listener);
    return () => this.#followers.delete(listener);
  }

  writeSnapshot(): never {
    throw new Error('not used');
  }

  latestSnapshot(): undefined {
    return undefined;
  }

  prune(): never {
    throw new Error('not used');
  }

  async close(): Promise<void> {}
}

/** A venue that records what reached it and lets the test send reports. */
export class SpyVenue implements Venue {
  readonly name = 'spy';
  readonly submitted: ChildOrderRequest[] = [];
  readonly replaced: ChildReplaceRequest[] = [];
  readonly cancelled: string[] = [];
  #sink: ReportSink | undefined;

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }
  submit(request: ChildOrderRequest): void {
    this.submitted.push(request);
  }
  replace(request: ChildReplaceRequest): void {
    this.replaced.push(request);
  }
  cancel(clOrdId: string): void {
    this.cancelled.push(clOrdId);
  }
  async openOrders() {
    return [];
  }
  async orderStatus() {
    return undefined;
  }
  async fillsSince(cursor = '0') {
    return { fills: [], cursor };
  }
  async close(): Promise<void> {}

  /** Sends a report as the venue would, with its fills cursor. */
  report(report: Report, cursor?: string): void {
    this.#sink?.(report, cursor);
  }
}

/**
 * An algorithm that sends one child per order on its first update (so the test can see whether
 * anything reached a delegate or the venue) and otherwise behaves as the fake algorithm.
 */
export function childSendingAlgos(
  delegated: string[],
): (listener: Parameters<typeof fakeAlgos>[0], venue: Venue) => DelegateFactory<ParentOrder> {
  return (listener, venue) => {
    const fake = fakeAlgos(listener);
    return {
      create(order, context) {
        const delegate = fake.create(order, context);
        let sent = false;
        return {
          action(update) {
            delegated.push(order.orderId);
            if (!sent) {
              sent = true;
              venue.submit({
                clOrdId: `${order.orderId}-1`,
                parentId: order.orderId,
                symbol: order.symbol,
                side: order.side,
                quantity: order.quantity,
                timeInForce: 'day',
              });
            }
            return delegate.action(update);
          },
        };
      },
    };
  };
}

/** An engine journaling to `journal`, trading through `venue`, with an app over it; intake ready. */
export async function durableApp(
  journal: Journal,
  venue: Venue,
  delegated: string[] = [],
  options: { ready?: boolean } = {},
): Promise<{ app: FastifyInstance; engine: Engine }> {
  const engine = new Engine({
    clock: new VirtualClock(1_700_000_000_000),
    marketData: new ScriptedMarket(),
    venue,
    journal,
    createFactory: childSendingAlgos(delegated),
    algos: ['take'],
    symbols: ['BTC-USD'],
  });
  await engine.start();
  if (options.ready !== false) engine.ready();
  const app = await buildApp({ engine, logger: pino({ level: 'silent' }) });
  return { app, engine };
}

/** A valid new-order body. */
export const ORDER = { side: 'buy', symbol: 'BTC-USD', quantity: '1', algo: 'take' } as const;

/** Waits a few event-loop turns: long enough for anything not held to happen. */
export async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
