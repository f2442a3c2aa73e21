import type {
  FillBody,
  InstructionBody,
  IntentBody,
  RefusalBody,
  ReplaceBody,
  ReportBody,
} from '../journal/journal-bodies.js';
import type { JsonValue } from '../journal/journal-row.js';
import type { Decimal } from '../market/decimal.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { ChildOrder } from '../orders/child-order.js';
import { ChildReportError, IllegalTransitionError } from '../orders/child-order-errors.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { ParentEvent } from '../orders/parent-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { ParentState } from '../orders/parent-state.js';
import type { JournalCounts, RecoveredOrder } from './recovered-order.js';

/**
 * One live parent order replayed from its journal rows: each row, read, is the parent's event,
 * applied by its ParentState (the one parent model, silent here), so the order comes back as it
 * lived. Beside it this keeps what only the journal knows: each child's venue, the journal counts
 * a restarted writer numbers its keys after, and the delegate's last checkpoint. A row the live
 * order would have refused (an illegal transition, an unknown child) changes nothing here either.
 */
export class ReplayedOrder {
  readonly state: ParentState;
  readonly #onFill: FillListener | undefined;
  readonly #venues = new Map<string, string>();
  readonly #replaces = new Map<string, number>();
  #checkpoint: JsonValue | undefined;
  #instructions = 1;
  #checkpoints = 0;

  private constructor(state: ParentState, onFill: FillListener | undefined) {
    this.state = state;
    this.#onFill = onFill;
  }

  /** An order replayed from its `new` instruction; `onFill` hears each fill as it counts. */
  static begin(
    orderId: string,
    instruction: InstructionBody,
    time: number,
    onFill?: FillListener,
  ): ReplayedOrder {
    const state = ParentState.accepted(parentOrder(orderId, instruction), time);
    return new ReplayedOrder(state, onFill);
  }

  /** An order picking up where a snapshot left it; `onFill` hears each later fill as it counts. */
  static from(saved: RecoveredOrder, onFill?: FillListener): ReplayedOrder {
    const order = new ReplayedOrder(ParentState.restore(saved.parent), onFill);
    for (const [clOrdId, venue] of Object.entries(saved.venues)) order.#venues.set(clOrdId, venue);
    for (const [clOrdId, n] of Object.entries(saved.counts.replaces))
      order.#replaces.set(clOrdId, n);
    order.#instructions = saved.counts.instructions;
    order.#checkpoints = saved.counts.checkpoints;
    order.#checkpoint = saved.checkpoint;
    return order;
  }

  get orderId(): string {
    return this.state.orderId;
  }

  /** The venue a child was sent to. */
  venueOf(clOrdId: string): string | undefined {
    return this.#venues.get(clOrdId);
  }

  /** Whether the child already counted this execution. */
  hasFill(clOrdId: string, execId: string): boolean {
    return this.state.child(clOrdId)?.counted(execId) ?? false;
  }

  /** A replace or cancel instruction (a repeated `new` changes nothing). */
  instruct(instruction: InstructionBody, time: number): void {
    this.#instructions++;
    const { orderId } = this.state;
    this.#apply({
      kind: 'instruction_accepted',
      time,
      instruction: parentOrder(orderId, instruction),
    });
  }

  /** A replace or cancel the engine refused after journaling it. */
  refuse(refusal: RefusalBody, time: number): void {
    const { msgType, terms } = refusal;
    if (terms === undefined) {
      this.#apply({ kind: 'instruction_refused', time, msgType });
      return;
    }
    const { quantity, limitPrice } = terms;
    const kept = limitPrice === undefined ? { quantity } : { quantity, limitPrice };
    this.#apply({ kind: 'instruction_refused', time, msgType, terms: kept });
  }

  /** A child about to be sent. */
  intend(intent: IntentBody, time: number): void {
    const { clOrdId, symbol, side, quantity, limitPrice, timeInForce } = intent;
    if (this.state.child(clOrdId) === undefined) this.#venues.set(clOrdId, intent.venue);
    const request = {
      clOrdId,
      parentId: this.orderId,
      symbol,
      side,
      quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      timeInForce,
    };
    this.#apply({ kind: 'child_intent', time, request });
  }

  /** A replace about to be sent for a child. */
  replaceChild(replace: ReplaceBody, time: number): void {
    const { clOrdId, newClOrdId, quantity, limitPrice } = replace;
    if (this.state.child(clOrdId) === undefined) return;
    this.#replaces.set(clOrdId, (this.#replaces.get(clOrdId) ?? 0) + 1);
    const change = Object.assign(
      {},
      quantity === undefined ? {} : { quantity },
      limitPrice === undefined ? {} : { limitPrice },
    );
    this.#apply({
      kind: 'child_replace',
      time,
      clOrdId,
      change,
      ...(newClOrdId === undefined ? {} : { newClOrdId }),
    });
  }

  /** A cancel about to be sent for a child. */
  cancelChild(clOrdId: string, time: number): void {
    if (this.state.child(clOrdId) === undefined) return;
    this.#apply({ kind: 'child_cancel', time, clOrdId });
  }

  /**
   * A venue's report on a child. A trade is counted from its `fill` row instead: its report only
   * notes the venue's order ID and time, once its fill has counted.
   */
  report(body: ReportBody, time: number): void {
    const trade = body.execType === 'trade';
    if (trade && (body.execId === undefined || !this.hasFill(body.clOrdId, body.execId))) return;
    const report: Report = {
      orderId: this.orderId,
      clOrdId: body.clOrdId,
      ...(body.venueClOrdId === undefined ? {} : { venueClOrdId: body.venueClOrdId }),
      status: body.status,
      transactTime: body.transactTime,
      ...(body.venueOrderId === undefined ? {} : { venueOrderId: body.venueOrderId }),
      ...(body.execId === undefined ? {} : { execId: body.execId }),
      execType: body.execType === undefined || trade ? 'status' : body.execType,
      ...(body.text === undefined ? {} : { text: body.text }),
    };
    this.#apply({ kind: 'venue_report', time, report });
  }

  /** A fill on a child, counted once per child and exec ID; returns whether it counted. */
  fill(body: FillBody, time: number): boolean {
    const child = this.state.child(body.clOrdId);
    if (child === undefined || body.unmatched) return false;
    const report: Report = {
      orderId: this.orderId,
      clOrdId: body.clOrdId,
      execType: 'trade',
      status: child.status,
      execId: body.execId,
      lastQty: body.qty,
      lastPx: body.px,
      transactTime: body.time,
      ...(body.synthetic ? { synthetic: true } : {}),
    };
    return this.#apply({ kind: 'venue_report', time, report })?.fill !== undefined;
  }

  /** The order's `order_completed` row: it ends in the status (and with the text) journaled. */
  complete(status: OrdStatus, text: string | undefined, time: number): void {
    this.#apply({ kind: 'order_completed', time, status, ...(text === undefined ? {} : { text }) });
  }

  /** A delegate's saved state: the latest one wins. */
  checkpoint(state: JsonValue): void {
    this.#checkpoint = state;
    this.#checkpoints++;
  }

  /** The terms a child's pending replace asks for, while one is pending. */
  replaceTo(
    clOrdId: string,
  ): { readonly quantity: Decimal; readonly limitPrice?: Decimal } | undefined {
    return this.state.child(clOrdId)?.replaceTo;
  }

  /** The children still working, oldest first. */
  workingChildren(): ChildOrder[] {
    return this.state.workingChildren();
  }

  /** The order as recovered: what a restore, a snapshot and reconciliation start from. */
  recovered(): RecoveredOrder {
    const counts: JournalCounts = {
      instructions: this.#instructions,
      checkpoints: this.#checkpoints,
      replaces: Object.fromEntries(this.#replaces),
    };
    return {
      parent: this.state.save(),
      venues: Object.fromEntries(this.#venues),
      counts,
      ...(this.#checkpoint === undefined ? {} : { checkpoint: this.#checkpoint }),
    };
  }

  /**
   * Applies one event, as the live order did; a child request its state machine refuses is
   * skipped, as the live order never sent it.
   */
  #apply(event: ParentEvent): ReturnType<ParentState['apply']> {
    try {
      const applied = this.state.apply(event);
      if (applied?.fill !== undefined) this.#onFill?.(this.state, applied.fill);
      return applied;
    } catch (error) {
      if (error instanceof IllegalTransitionError || error instanceof ChildReportError) {
        return undefined;
      }
      throw error;
    }
  }
}

/** Hears a fill as a replayed order counts it (whoever replays it: the journal, reconciliation). */
export type FillListener = (parent: Pick<ParentState, 'symbol' | 'side'>, fill: FillRecord) => void;

/** The parent order an `instruction_accepted` body carries. */
function parentOrder(orderId: string, instruction: InstructionBody): ParentOrder {
  const { msgType, side, symbol, quantity, limitPrice, algo, params, clientOrderId } = instruction;
  return {
    orderId,
    msgType,
    side,
    symbol,
    quantity,
    ...(limitPrice === undefined ? {} : { limitPrice }),
    algo,
    params,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
  };
}
