import { type Decimal, decimal, ZERO } from '../../market/decimal.js';
import { isTerminal, type OrdStatus } from '../../market/ord-status.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import { type SequencedFill, sequenceCursor } from '../sequence-cursor.js';
import type { ChildOrderRequest } from '../venue.js';
import type { OrderLog, OrderLogRecord } from './order-log.js';

/** One order as the adapter knows it: its terms now, the venue's OrderID and last status. */
export interface FixOrder {
  /** exo's client ID for each wire ClOrdID of the order. */
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  qty: string;
  px: string | undefined;
  readonly tif: TimeInForce;
  /** The wire ClOrdID the venue knows the order by now (41 of the next G or F). */
  wire: string;
  orderId: string | undefined;
  status: OrdStatus;
  /** What has filled, from the fills applied. */
  cumQty: Decimal;
  /** The ExecIDs applied to it. */
  readonly execIds: Set<string>;
}

/** What an applied ExecutionReport changes, for `applied`. */
export interface Applied {
  readonly execId: string;
  readonly wire: string;
  /** The order's status after the report. */
  readonly status: OrdStatus;
  readonly orderId?: string;
  readonly qty?: string;
  readonly px?: string;
  readonly fill?: { readonly qty: string; readonly px: string; readonly time: number };
}

/**
 * The adapter's durable memory, over its OrderLog: the short wire ClOrdIDs it made (exo's child
 * IDs run to 36 characters, FIX counterparties often take 20) and the exo ID each stands for, each
 * order's terms (a G or F must repeat them), every ExecID applied, and the fills in the order they
 * were applied, numbered: that number is the fills cursor. Wire IDs are `<incarnation>-<n>` in
 * base 36; the incarnation grows on every open, so IDs stay unique across restarts even if a
 * crash lost the log's tail.
 */
export class FixOrders {
  readonly #byWire = new Map<string, { readonly id: string; readonly order: FixOrder }>();
  readonly #byId = new Map<string, FixOrder>();
  /** Each wire ID's place in the order they were made: a report never moves an order to an older one. */
  readonly #rank = new Map<string, number>();
  readonly #fills: SequencedFill[] = [];
  readonly #incarnation: number;
  #made = 0;
  #applied = 0;

  constructor(
    readonly log: OrderLog,
    readonly maxLength: number,
  ) {
    let incarnation = 0;
    for (const record of log.records) {
      if (record.t === 'inc') incarnation = Math.max(incarnation, record.n);
      else this.#apply(record);
    }
    this.#incarnation = incarnation + 1;
    log.append({ t: 'inc', n: this.#incarnation });
  }

  /** How many reports were applied: the cursor of the last one. */
  get lastSeq(): number {
    return this.#applied;
  }

  /** How many orders sent have a last known status that is not final. */
  working(): number {
    let n = 0;
    for (const order of new Set(this.#byId.values())) if (!isTerminal(order.status)) n++;
    return n;
  }

  /** exo's current ID of each order whose last known status is not final. */
  workingIds(): string[] {
    const ids: string[] = [];
    for (const order of new Set(this.#byId.values())) {
      const named = this.#byWire.get(order.wire);
      if (!isTerminal(order.status) && named !== undefined) ids.push(named.id);
    }
    return ids;
  }

  /** A fresh wire ClOrdID; throws RangeError if it would exceed `maxLength`. */
  nextWire(): string {
    const wire = `${this.#incarnation.toString(36)}-${(++this.#made).toString(36)}`;
    if (wire.length > this.maxLength) {
      throw new RangeError(`wire ClOrdID ${wire} is beyond ${this.maxLength} characters`);
    }
    return wire;
  }

  /** Journals a new order under a fresh wire ID before it is sent, and returns that ID. */
  add(request: ChildOrderRequest): string {
    const w = this.nextWire();
    const record: OrderLogRecord = {
      t: 'order',
      w,
      id: request.clOrdId,
      parent: request.parentId,
      symbol: request.symbol,
      side: request.side,
      qty: request.quantity.toString(),
      ...(request.limitPrice === undefined ? {} : { px: request.limitPrice.toString() }),
      tif: request.timeInForce,
    };
    this.log.append(record);
    this.#apply(record);
    return w;
  }

  /** Journals a later wire ID (a G's or an F's) naming exo's `id`, for the order known as `of`. */
  rename(of: string, id: string): string {
    const record: OrderLogRecord = { t: 'name', w: this.nextWire(), id, of };
    this.log.append(record);
    this.#apply(record);
    return record.w;
  }

  /** The order exo calls `id`, if the adapter sent it. */
  order(id: string): FixOrder | undefined {
    return this.#byId.get(id);
  }

  /** exo's ID and the order a wire ClOrdID names, if the adapter made it. */
  byWire(wire: string): { readonly id: string; readonly order: FixOrder } | undefined {
    return this.#byWire.get(wire);
  }

  /**
   * Whether a report with this ExecID was applied to `order` already. Kept per order, so that a
   * venue whose ExecIDs restart (after losing its state) never has a fill of another order dropped.
   */
  seen(order: FixOrder, execId: string): boolean {
    return order.execIds.has(execId);
  }

  /** Journals an applied report and returns its cursor number. */
  applied(change: Applied): number {
    const n = this.#applied + 1;
    const { execId, wire, status, orderId, qty, px, fill } = change;
    const record: OrderLogRecord = {
      t: 'exec',
      e: execId,
      n,
      w: wire,
      st: status,
      ...(orderId === undefined ? {} : { oid: orderId }),
      ...(qty === undefined ? {} : { qty }),
      ...(px === undefined ? {} : { px }),
      ...(fill === undefined ? {} : { fill }),
    };
    this.log.append(record);
    this.#apply(record);
    return n;
  }

  /** The fills applied after cursor number `after`, oldest first. */
  fillsAfter(after: number): SequencedFill[] {
    return this.#fills.filter((fill) => fill.venueSeq > after);
  }

  /** Every fill of the order exo calls `id`. */
  fillsOf(id: string): SequencedFill[] {
    return this.#fills.filter((fill) => fill.clOrdId === id);
  }

  #apply(record: OrderLogRecord): void {
    if (record.t === 'order' || record.t === 'name') this.#rank.set(record.w, this.#rank.size);
    if (record.t === 'order') {
      const order: FixOrder = {
        parentId: record.parent,
        symbol: record.symbol,
        side: record.side,
        qty: record.qty,
        px: record.px,
        tif: record.tif as TimeInForce,
        wire: record.w,
        orderId: undefined,
        status: 'pending_new',
        cumQty: ZERO,
        execIds: new Set(),
      };
      this.#byWire.set(record.w, { id: record.id, order });
      this.#byId.set(record.id, order);
    } else if (record.t === 'name') {
      const order = this.#byWire.get(record.of)?.order;
      if (order === undefined) return;
      this.#byWire.set(record.w, { id: record.id, order });
      this.#byId.set(record.id, order);
    } else if (record.t === 'exec') {
      this.#applied = Math.max(this.#applied, record.n);
      const named = this.#byWire.get(record.w);
      if (named === undefined) return;
      const { id, order } = named;
      order.execIds.add(record.e);
      if ((this.#rank.get(record.w) ?? 0) > (this.#rank.get(order.wire) ?? 0))
        order.wire = record.w;
      order.status = record.st as OrdStatus;
      if (record.oid !== undefined) order.orderId = record.oid;
      if (record.qty !== undefined) order.qty = record.qty;
      if (record.px !== undefined) order.px = record.px;
      if (record.fill !== undefined) {
        order.cumQty = order.cumQty.plus(record.fill.qty);
        this.#fills.push({
          execId: record.e,
          clOrdId: id,
          qty: decimal(record.fill.qty),
          px: decimal(record.fill.px),
          time: record.fill.time,
          cursor: sequenceCursor(record.n),
          venueSeq: record.n,
          parentId: order.parentId,
          venueOrderId: order.orderId ?? '',
          symbol: order.symbol,
          side: order.side,
        });
      }
    }
  }
}
