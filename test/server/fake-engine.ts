import { VirtualClock } from '../../src/core/clock.js';
import type { Delegate, DelegateFactory } from '../../src/core/delegate.js';
import { Engine } from '../../src/engine/engine.js';
import type { EngineParts } from '../../src/engine/engine-parts.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { addFill, NOTHING_FILLED } from '../../src/market/fills.js';
import type { Report } from '../../src/market/report.js';
import type { OrderEventListener } from '../../src/orders/order-event.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { ParentState } from '../../src/orders/parent-state.js';
import { viewOf } from '../../src/orders/parent-view.js';
import type { ReportSink, Venue, VenueLink } from '../../src/venues/venue.js';

/** A venue that accepts everything and sends only the reports a test gives it (`report`). */
export interface ScriptedVenue extends Venue {
  closed: boolean;
  /** Sends a report to the engine as the venue would: journaled, then delivered. */
  report(report: Report): void;
}

/**
 * A scripted venue: the fake algorithm never sends children, so it answers none on its own. With
 * `link`, it is a venue reached over a connection (see Venue.link) whose link the test sets.
 */
export function scriptedVenue(link?: () => VenueLink): ScriptedVenue {
  let sink: ReportSink | undefined;
  return {
    name: 'scripted',
    ...(link === undefined ? {} : { link }),
    closed: false,
    onReport: (reports) => {
      sink = reports;
    },
    report: (report) => sink?.(report),
    submit: () => {},
    replace: () => {},
    cancel: () => {},
    openOrders: async () => [],
    orderStatus: async () => undefined,
    fillsSince: async (cursor = '0') => ({ fills: [], cursor }),
    async close() {
      this.closed = true;
    },
  };
}

/**
 * A tiny algorithm for testing the service around it: fills are fed in as reports, a replace
 * changes the quantity or limit, a cancel waits for a `canceled` report (as if from the venue);
 * `params.refuse` makes the factory refuse the order, as real algorithms do with bad parameters.
 */
export function fakeAlgos(listener: OrderEventListener): DelegateFactory<ParentOrder> {
  return {
    create(order): Delegate<ParentOrder> {
      if (order.params.refuse !== undefined) {
        throw new Error(`params.refuse: ${String(order.params.refuse)}`);
      }
      let snapshot: ParentSnapshot = ParentState.accepted(order, 0).snapshot();
      let cum = NOTHING_FILLED;
      const emitDone = (status: 'filled' | 'canceled', time: number): true => {
        snapshot = { ...snapshot, status, updatedAt: time };
        listener({ kind: 'done', orderId: order.orderId, time, status }, viewOf(snapshot));
        return true;
      };
      const applyFill = (report: Report): boolean => {
        if (report.lastQty === undefined || report.lastPx === undefined) return false;
        cum = addFill(cum, report.lastQty, report.lastPx);
        const fill = {
          execId: report.execId ?? `x${snapshot.fills.length}`,
          clOrdId: report.clOrdId ?? `${order.orderId}-1`,
          qty: report.lastQty,
          px: report.lastPx,
          time: report.transactTime,
        };
        const leavesQty = snapshot.quantity.minus(cum.cumQty);
        snapshot = {
          ...snapshot,
          cumQty: cum.cumQty,
          avgPx: cum.avgPx,
          leavesQty,
          status: 'partially_filled',
          fills: [...snapshot.fills, fill],
          updatedAt: report.transactTime,
        };
        listener({ kind: 'fill', orderId: order.orderId, time: fill.time, fill }, viewOf(snapshot));
        return leavesQty.lte(0) && emitDone('filled', report.transactTime);
      };
      return {
        action(update) {
          for (const instruction of update.instructions) {
            if (instruction.msgType === 'cancel') {
              listener(
                { kind: 'cancel_requested', orderId: order.orderId, time: 0 },
                viewOf(snapshot),
              );
            }
            if (instruction.msgType === 'replace') {
              snapshot = {
                ...snapshot,
                quantity: instruction.quantity,
                limitPrice: instruction.limitPrice,
                leavesQty: instruction.quantity.minus(cum.cumQty),
              };
              listener(
                {
                  kind: 'replaced',
                  orderId: order.orderId,
                  time: 0,
                  quantity: instruction.quantity,
                  ...(instruction.limitPrice === undefined
                    ? {}
                    : { limitPrice: instruction.limitPrice }),
                },
                viewOf(snapshot),
              );
            }
          }
          for (const report of update.reports) {
            if (report.status === 'canceled') return emitDone('canceled', report.transactTime);
            if (applyFill(report)) return true;
          }
          return false;
        },
      };
    },
  };
}

/**
 * An engine over the fake algorithm, a scripted market and a scripted venue, on virtual time,
 * journaling to an in-memory journal as every engine journals. Intake is closed until
 * `openIntake`, as after any start.
 */
export function fakeEngine(
  overrides: Partial<Omit<EngineParts, 'venue' | 'journal'>> = {},
  link?: () => VenueLink,
): {
  engine: Engine;
  venue: ScriptedVenue;
} {
  const clock = overrides.clock ?? new VirtualClock(1_700_000_000_000);
  const venue = scriptedVenue(link);
  const engine = new Engine({
    clock,
    marketData: new ScriptedMarket(),
    venue,
    journal: SqliteJournal.inMemory({ clock }),
    createFactory: fakeAlgos,
    algos: ['take', 'peg', 'twap'],
    symbols: ['BTC-USD', 'ETH-USD', 'SOL-USD'],
    ...overrides,
  });
  return { engine, venue };
}

/** Opens intake as `exo` does once it started: recovery from the journal first, then ready. */
export async function openIntake(engine: Engine): Promise<void> {
  await engine.recover();
  engine.ready();
}

/** A fill report for an order, as a venue would send it. */
export function fillReport(orderId: string, qty: string, px: string, execId: string): Report {
  return {
    orderId,
    clOrdId: `${orderId}-1`,
    execId,
    execType: 'trade',
    status: 'partially_filled',
    lastQty: decimal(qty),
    lastPx: decimal(px),
    transactTime: 1_700_000_000_000,
  };
}

/** The venue's confirmation that an order's working child is cancelled. */
export function canceledReport(orderId: string): Report {
  return { orderId, clOrdId: `${orderId}-1`, status: 'canceled', transactTime: 1_700_000_000_000 };
}
