import { isTerminal } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import {
  type SequencedFill,
  type SequencedPage,
  sequenceCursor,
  sequenceOf,
} from '../sequence-cursor.js';
import type { VenueOrderStatus } from '../venue-queries.js';
import type { SequencedReport } from './report-sequence.js';

/** The queries a catch-up without a replay asks of the venue. */
export interface CatchUpQueries {
  fillsSince(cursor: string): Promise<SequencedPage>;
  /** Where a child stands, without the client starting to follow it. */
  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined>;
}

/** A child the client follows, whose missed reports are rebuilt. */
export interface FollowedChild {
  readonly clOrdId: string;
  readonly parentId: string;
}

/** Reports rebuilt from queries: fills with their sequences, then the ends of finished children. */
export interface RebuiltReports {
  readonly fills: readonly SequencedReport[];
  readonly ends: readonly Report[];
}

/**
 * The reports about `children` made after `sinceSeq`, rebuilt from the venue's queries for when it
 * cannot replay them (it forgot them, or predates replay): each missed fill as a trade report with
 * its own sequence, and for a child that ended, a report of its end (a fill that completed it
 * says so itself). Statuses are asked before fills, so every fill of a child found ended is among
 * those returned; what happens later comes live. Lost: acknowledgements (a fill or end implies
 * one), replaces and refused requests; a child whose fills the venue also forgot ends with a bare
 * `status` report.
 */
export async function rebuildMissed(
  queries: CatchUpQueries,
  sinceSeq: number,
  children: readonly FollowedChild[],
  now: () => number,
): Promise<RebuiltReports> {
  const statuses = await Promise.all(children.map((child) => queries.orderStatus(child.clOrdId)));
  const followed = new Set(children.map((child) => child.clOrdId));
  const fills = (await fillsSince(queries, sinceSeq)).filter((fill) => followed.has(fill.clOrdId));
  const lastFill = new Map(fills.map((fill) => [fill.clOrdId, fill]));
  const ended = new Map<string, VenueOrderStatus>();
  for (const status of statuses) {
    if (status !== undefined && isTerminal(status.status)) ended.set(status.clOrdId, status);
  }
  const completes = (fill: SequencedFill) =>
    lastFill.get(fill.clOrdId) === fill && ended.get(fill.clOrdId)?.status === 'filled';
  return {
    fills: fills.map((fill) => ({
      venueSeq: fill.venueSeq,
      report: fillReport(fill, completes(fill) ? 'filled' : 'partially_filled'),
    })),
    ends: [...ended.values()]
      .filter((order) => order.status !== 'filled' || !lastFill.has(order.clOrdId))
      .map((order) => endReport(order, now())),
  };
}

/** Every fill after sequence `after`, page by page. */
async function fillsSince(queries: CatchUpQueries, after: number): Promise<SequencedFill[]> {
  const fills: SequencedFill[] = [];
  for (let from = after; ; ) {
    const page = await queries.fillsSince(sequenceCursor(from));
    fills.push(...page.fills);
    const next = sequenceOf(page.cursor);
    if (page.fills.length === 0 || next <= from) return fills;
    from = next;
  }
}

function fillReport(fill: SequencedFill, status: 'filled' | 'partially_filled'): Report {
  return {
    orderId: fill.parentId,
    venueOrderId: fill.venueOrderId,
    clOrdId: fill.clOrdId,
    execId: fill.execId,
    execType: 'trade',
    status,
    lastQty: fill.qty,
    lastPx: fill.px,
    transactTime: fill.time,
  };
}

function endReport(order: VenueOrderStatus, now: number): Report {
  const { status } = order;
  return {
    orderId: order.parentId,
    venueOrderId: order.venueOrderId,
    clOrdId: order.clOrdId,
    execType:
      status === 'canceled' || status === 'rejected' || status === 'expired' ? status : 'status',
    status,
    cumQty: order.cumQty,
    leavesQty: order.leavesQty,
    ...(order.avgPx === undefined ? {} : { avgPx: order.avgPx }),
    ...(order.text === undefined ? {} : { text: order.text }),
    transactTime: now,
  };
}
