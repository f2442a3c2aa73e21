import { VirtualClock } from '../../src/core/clock.js';
import type { Journal } from '../../src/journal/journal.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import type { OrdStatus } from '../../src/market/ord-status.js';
import type { Report } from '../../src/market/report.js';
import type { Side } from '../../src/market/side.js';
import type { TimeInForce } from '../../src/market/time-in-force.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { type RecoveryOutcome, recover } from '../../src/recovery/recover.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';
import { JournaledParent } from '../recovery/contract-writer.js';
import { harness, SYMBOL, settle } from './harness.js';

/** When an order's first life starts, in virtual ms: far from 0, so that "from 0" shows. */
export const START_MS = 1_000_000;

/** The parent's ID in every crash test. */
export const ORDER_ID = 'exo-r1';

/** The fake venue's name: the journal records each child's venue, and reconciliation asks it. */
const VENUE = 'fake';

/** What the venue held of a child across the restart (see FakeVenue.holds). */
export interface Held {
  readonly clOrdId: string;
  readonly status?: OrdStatus;
  readonly cumQty?: string;
}

const journals: Journal[] = [];

/** Closes the journals the crash tests opened (call from afterEach). */
export async function closeJournals(): Promise<void> {
  await Promise.all(journals.splice(0).map((journal) => journal.close()));
}

/**
 * One order's two lives around a crash. In the first, the test plays the algorithm: a
 * JournaledParent journals its decisions and the venue's answers as the service's write path
 * does, on a virtual clock from START_MS. Then exo dies, and `restart` recovers the order as the
 * service does (`recover`: rebuild from the journal, reconcile with the venue, Dispatcher.restore)
 * into a fresh harness on the same clock, whose fake venue holds what the venue held meanwhile.
 */
export function crashTest(terms: {
  quantity: string;
  limitPrice?: string;
  side?: Side;
  algo: string;
  params?: Record<string, unknown>;
}) {
  const clock = new VirtualClock(START_MS);
  const journal = SqliteJournal.open(':memory:', { clock });
  journals.push(journal);
  const order: ParentOrder = {
    orderId: ORDER_ID,
    msgType: 'new',
    side: terms.side ?? 'buy',
    symbol: SYMBOL,
    quantity: decimal(terms.quantity),
    ...(terms.limitPrice === undefined ? {} : { limitPrice: decimal(terms.limitPrice) }),
    algo: terms.algo,
    params: terms.params ?? {},
  };
  const parent = new JournaledParent(order, journal, clock, VENUE);
  const requests = new Map<string, ChildOrderRequest>();
  let execs = 0;

  const report = (clOrdId: string, fields: Omit<Report, 'orderId' | 'clOrdId' | 'transactTime'>) =>
    parent.report({ orderId: ORDER_ID, clOrdId, transactTime: clock.now(), ...fields });

  return {
    clock,
    journal,
    order,
    parent,
    /** Sends (journals) a child; returns its clOrdId. */
    send(quantity: string, limitPrice: string, timeInForce: TimeInForce): string {
      const request = parent.sendChild({
        quantity: decimal(quantity),
        limitPrice: decimal(limitPrice),
        timeInForce,
      });
      requests.set(request.clOrdId, request);
      return request.clOrdId;
    },
    ack(clOrdId: string): void {
      report(clOrdId, { execType: 'new', status: 'new', venueOrderId: `fake-${clOrdId}` });
    },
    fill(clOrdId: string, qty: string, px: string): void {
      const child = parent.state.child(clOrdId);
      if (child === undefined) throw new Error(`no child ${clOrdId} was sent`);
      const filled = child.cumQty.plus(qty).gte(child.quantity);
      report(clOrdId, {
        execType: 'trade',
        status: filled ? 'filled' : 'partially_filled',
        execId: `${clOrdId}-first-${++execs}`,
        lastQty: decimal(qty),
        lastPx: decimal(px),
      });
    },
    /** The venue refused the child. */
    rejected(clOrdId: string, text: string): void {
      report(clOrdId, { execType: 'rejected', status: 'rejected', text });
    },
    /** The venue ended the child (an IOC's unfilled rest, a cancel it confirmed). */
    canceled(clOrdId: string): void {
      report(clOrdId, { execType: 'canceled', status: 'canceled' });
    },
    /**
     * exo starts again on the same clock and journal: the venue holds `held` (each child as it
     * stands there now; any other child it never heard of), recovery runs, and the restored
     * delegate's first update has been handled when this resolves.
     */
    async restart(held: readonly Held[] = []) {
      await journal.committed();
      const h = harness({ clock });
      for (const { clOrdId, ...now } of held) {
        const request = requests.get(clOrdId);
        if (request === undefined) throw new Error(`no child ${clOrdId} was sent`);
        h.venue.holds(request, now);
      }
      const outcome: RecoveryOutcome = await recover({
        journal,
        venue: h.venue,
        dispatcher: h.dispatcher,
        clock,
        statusTries: 1,
      });
      await settle();
      return { ...h, outcome };
    },
  };
}
