import { Decimal } from '../../src/market/decimal.js';
import type { VenueTruth } from './venue-truth.js';

/** What the client was told about one order: it was created, replaced to these sizes, cancelled. */
export interface ClientRecord {
  readonly orderId: string;
  readonly quantity: string;
  /** Quantities of replaces exo acknowledged (202), in order. */
  readonly replaces: string[];
  cancelAcked: boolean;
  /** True while the client has an instruction in flight for it: one at a time per order. */
  busy: boolean;
}

/** A parent order as `GET /v1/orders/:id` shows it. */
export interface OrderWire {
  readonly orderId: string;
  readonly status: string;
  readonly quantity: string;
  readonly cumQty: string;
  readonly children: ReadonlyArray<{
    readonly clOrdId: string;
    readonly quantity: string;
    readonly cumQty: string;
    readonly status: string;
  }>;
  readonly fills: ReadonlyArray<{
    readonly execId: string;
    readonly clOrdId: string;
    readonly qty: string;
  }>;
}

/** Everything the end of a trial is checked against. */
export interface TrialEnd {
  readonly records: ReadonlyMap<string, ClientRecord>;
  readonly orders: ReadonlyMap<string, OrderWire | undefined>;
  /** What the venue did. */
  readonly venue: VenueTruth;
  /** What checking the journal file threw, if it did (integrity, schema). */
  readonly journalProblem: string | undefined;
}

/** The statuses an order ends in. */
export const TERMINAL: ReadonlySet<string> = new Set(['filled', 'canceled', 'rejected', 'expired']);

/**
 * The promises of issue 6 after kill -9: every acknowledged instruction is reflected; per parent,
 * cumQty equals the venue's fills on its children; each exec ID counts once; nothing overfills;
 * every parent ends terminal; no exo order is left open at the venue, and every order at the venue
 * is one exo sent; the journal is intact.
 */
export function checkInvariants(end: TrialEnd): string[] {
  const violations: string[] = [];
  const venueFills = end.venue.filledByParent;
  for (const record of end.records.values()) {
    const order = end.orders.get(record.orderId);
    const id = record.orderId;
    if (order === undefined) {
      violations.push(`${id}: acknowledged with 201 but unknown to exo`);
      continue;
    }
    if (!TERMINAL.has(order.status)) violations.push(`${id}: still ${order.status} at the end`);
    const cumQty = new Decimal(order.cumQty);
    const quantity = new Decimal(order.quantity);
    const asked = new Decimal(record.replaces.at(-1) ?? record.quantity);
    if (!quantity.eq(asked) && !(cumQty.gt(asked) && quantity.eq(cumQty))) {
      violations.push(`${id}: quantity ${order.quantity}, but the last acknowledged was ${asked}`);
    }
    if (record.cancelAcked && order.status !== 'canceled' && order.status !== 'filled') {
      violations.push(`${id}: cancel acknowledged, but it ended ${order.status}`);
    }
    const atVenue = venueFills.get(id) ?? new Decimal(0);
    if (!cumQty.eq(atVenue)) {
      violations.push(
        `${id}: cumQty ${order.cumQty}, but the venue filled ${atVenue} on its children`,
      );
    }
    if (cumQty.gt(quantity)) violations.push(`${id}: filled ${order.cumQty} of ${order.quantity}`);
    const execIds = new Set<string>();
    let fromFills = new Decimal(0);
    for (const fill of order.fills) {
      if (execIds.has(fill.execId)) violations.push(`${id}: exec ID ${fill.execId} counted twice`);
      execIds.add(fill.execId);
      fromFills = fromFills.plus(fill.qty);
    }
    if (!fromFills.eq(cumQty))
      violations.push(`${id}: fills add up to ${fromFills}, cumQty ${cumQty}`);
    for (const child of order.children) {
      if (new Decimal(child.cumQty).gt(child.quantity)) {
        violations.push(
          `${id}: child ${child.clOrdId} filled ${child.cumQty} of ${child.quantity}`,
        );
      }
    }
  }
  for (const open of end.venue.open) violations.push(`venue still has exo order ${open} open`);
  for (const order of end.venue.unclaimed) {
    violations.push(`venue has order ${order} that no exo parent sent`);
  }
  if (end.journalProblem !== undefined)
    violations.push(`journal check failed: ${end.journalProblem}`);
  return violations;
}
