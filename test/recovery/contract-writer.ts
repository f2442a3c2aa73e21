import type { Clock } from '../../src/core/clock.js';
import type { Journal } from '../../src/journal/journal.js';
import {
  type ChildIntentRecord,
  type FillJournalRecord,
  type InstructionRecord,
  journalKeys,
  type VenueReportRecord,
} from '../../src/journal/journal-records.js';
import type { JournalEntry } from '../../src/journal/journal-row.js';
import type { Decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { FinalStatus } from '../../src/orders/parent-event.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { type ChildTerms, ParentState } from '../../src/orders/parent-state.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';

/**
 * A live ParentState whose every change is journaled as the service's write path does, per
 * journal-records.ts: the test's stand-in for the engine, so a rebuild can be compared with it.
 * `legacyCursors` writes fills cursors as the code did before they were opaque: the venue's report
 * sequence as a number in `venueSeq`.
 */
export class JournaledParent {
  readonly state: ParentState;
  readonly #journal: Journal;
  readonly #venue: string;
  #instructions = 0;
  #checkpoints = 0;
  readonly #replaces = new Map<string, number>();
  readonly #cancels = new Map<string, number>();

  readonly #legacyCursors: boolean;

  constructor(
    order: ParentOrder,
    journal: Journal,
    clock: Clock,
    venue = 'paper',
    options: { readonly legacyCursors?: boolean } = {},
  ) {
    this.#legacyCursors = options.legacyCursors ?? false;
    this.#journal = journal;
    this.#venue = venue;
    this.state = new ParentState(order, { listener: () => {}, clock });
    this.state.accept();
    this.#instruction(order);
  }

  replace(quantity: Decimal, limitPrice?: Decimal): void {
    const order = this.#terms('replace', quantity, limitPrice);
    // The engine refuses a replace while a cancel is pending, before journaling it.
    if (this.state.cancelRequested) return;
    this.state.instruct(order);
    this.#instruction(order);
  }

  cancel(): void {
    if (this.state.cancelRequested) return;
    const order = this.#terms('cancel', this.state.quantity, this.state.limitPrice);
    this.state.instruct(order);
    this.#instruction(order);
  }

  sendChild(terms: ChildTerms): ChildOrderRequest {
    const request = this.state.sendChild(terms);
    const body: ChildIntentRecord = {
      clOrdId: request.clOrdId,
      parentId: request.parentId,
      venue: this.#venue,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity.toFixed(),
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice.toFixed() }),
      timeInForce: request.timeInForce,
    };
    this.#append('child_intent', journalKeys.intent(request.clOrdId), body);
    return request;
  }

  /** Asks to replace a child; false (nothing journaled) when the child cannot take one now. */
  replaceChild(clOrdId: string, change: { quantity?: Decimal; limitPrice?: Decimal }): boolean {
    const child = this.state.child(clOrdId);
    if (child === undefined || child.pending !== undefined || child.terminal) return false;
    this.state.replaceChild(child, change);
    const n = (this.#replaces.get(clOrdId) ?? 0) + 1;
    this.#replaces.set(clOrdId, n);
    this.#append('child_replace', journalKeys.replace(clOrdId, n), {
      clOrdId,
      venue: this.#venue,
      ...(change.quantity === undefined ? {} : { quantity: change.quantity.toFixed() }),
      ...(change.limitPrice === undefined ? {} : { limitPrice: change.limitPrice.toFixed() }),
    });
    return true;
  }

  cancelChild(clOrdId: string): boolean {
    const child = this.state.child(clOrdId);
    if (child === undefined || child.pending !== undefined || child.terminal) return false;
    this.state.cancelChild(child);
    const n = (this.#cancels.get(clOrdId) ?? 0) + 1;
    this.#cancels.set(clOrdId, n);
    this.#append('child_cancel', journalKeys.cancel(clOrdId, n), { clOrdId, venue: this.#venue });
    return true;
  }

  /** Applies a venue report and journals it as received (and its fill, once per exec ID). */
  report(report: Report, cursor?: string): void {
    this.state.applyReport(report);
    const clOrdId = report.clOrdId ?? '';
    const id = report.execId ?? `${report.execType ?? report.status}-${report.transactTime}`;
    const body: VenueReportRecord = {
      venue: this.#venue,
      clOrdId,
      ...(report.venueOrderId === undefined ? {} : { venueOrderId: report.venueOrderId }),
      ...(report.execId === undefined ? {} : { execId: report.execId }),
      ...(report.execType === undefined ? {} : { execType: report.execType }),
      status: report.status,
      ...(report.text === undefined ? {} : { text: report.text }),
      transactTime: report.transactTime,
      ...this.#cursorField(cursor),
    };
    this.#append('venue_report', journalKeys.report(this.#venue, clOrdId, id), body);
    if (report.execType === 'trade' && report.execId !== undefined) {
      const fill: FillJournalRecord = {
        venue: this.#venue,
        clOrdId,
        execId: report.execId,
        qty: report.lastQty!.toFixed(),
        px: report.lastPx!.toFixed(),
        time: report.transactTime,
        ...this.#cursorField(cursor),
      };
      this.#append('fill', journalKeys.fill(this.#venue, report.execId), fill);
    }
  }

  checkpoint(state: unknown): void {
    this.#append('checkpoint', journalKeys.checkpoint(this.state.orderId, ++this.#checkpoints), {
      state,
    });
  }

  /** Ends the order and journals its completion, with its reason as the engine does. */
  complete(status: FinalStatus = 'canceled', text?: string): void {
    this.state.finish(status, text);
    this.#append('order_completed', journalKeys.completed(this.state.orderId), {
      status,
      ...(text === undefined ? {} : { text }),
    });
  }

  #terms(msgType: 'replace' | 'cancel', quantity: Decimal, limitPrice?: Decimal): ParentOrder {
    const { orderId, side, symbol, algo, params } = this.state;
    return {
      orderId,
      msgType,
      side,
      symbol,
      quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      algo,
      params,
    };
  }

  #instruction(order: ParentOrder): void {
    const body: InstructionRecord = {
      msgType: order.msgType,
      orderId: order.orderId,
      side: order.side,
      symbol: order.symbol,
      quantity: order.quantity.toFixed(),
      ...(order.limitPrice === undefined ? {} : { limitPrice: order.limitPrice.toFixed() }),
      algo: order.algo,
      params: order.params as InstructionRecord['params'],
    };
    const key = journalKeys.instruction(order.orderId, ++this.#instructions);
    this.#append('instruction_accepted', key, body);
  }

  /** A body's cursor field: `cursor`, or an old journal's numeric `venueSeq`. */
  #cursorField(cursor: string | undefined): { cursor?: string; venueSeq?: number } {
    if (cursor === undefined) return {};
    return this.#legacyCursors ? { venueSeq: Number(cursor) } : { cursor };
  }

  #append(kind: JournalEntry['kind'], idempotencyKey: string, body: unknown): void {
    void this.#journal.append({ orderId: this.state.orderId, kind, idempotencyKey, body });
  }
}
