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
import { addFill, type Cumulative, NOTHING_FILLED } from '../market/fills.js';
import type { Report } from '../market/report.js';
import { ChildOrder } from '../orders/child-order.js';
import { ChildReportError, IllegalTransitionError } from '../orders/child-order-errors.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { ChildRestore, ParentRestore } from '../orders/parent-restore.js';
import { replacedQuantity } from '../orders/replaced-quantity.js';
import { fillsByClOrdId, restoreChild } from '../orders/restore-child.js';
import type { ChildOrderRequest } from '../venues/venue.js';
import type { JournalCounts, RecoveredOrder } from './recovered-order.js';

/** One child as the fold holds it: the state machine, its venue, and what the journal adds. */
interface FoldedChild {
  readonly child: ChildOrder;
  readonly venue: string;
  readonly execIds: Set<string>;
  replaceTo: { readonly quantity: Decimal; readonly limitPrice?: Decimal } | undefined;
  replaces: number;
}

/**
 * One live parent order folded from its journal rows, the way its ParentState lived them:
 * instructions change its terms, children go through their own state machine (ChildOrder), and a
 * fill counts once per child and exec ID, with exact figures. A row the live order would have
 * refused (an illegal transition, an unknown child) changes nothing here either.
 */
export class OrderFold {
  readonly orderId: string;
  readonly createdAt: number;
  #order: ParentOrder;
  #cancelRequested = false;
  readonly #children = new Map<string, FoldedChild>();
  readonly #fills: FillRecord[] = [];
  #cum: Cumulative = NOTHING_FILLED;
  #updatedAt: number;
  #checkpoint: JsonValue | undefined;
  #instructions = 1;
  #checkpoints = 0;

  private constructor(order: ParentOrder, createdAt: number) {
    this.orderId = order.orderId;
    this.createdAt = createdAt;
    this.#updatedAt = createdAt;
    this.#order = order;
  }

  /** A fold starting at the order's `new` instruction. */
  static begin(orderId: string, instruction: InstructionBody, time: number): OrderFold {
    const { side, symbol, quantity, limitPrice, algo, params } = instruction;
    const order: ParentOrder = {
      orderId,
      msgType: 'new',
      side,
      symbol,
      quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      algo,
      params,
    };
    return new OrderFold(order, time);
  }

  /** A fold picking up where a snapshot left the order. */
  static from(saved: RecoveredOrder): OrderFold {
    const fold = new OrderFold(saved.parent.order, saved.parent.createdAt);
    fold.#load(saved);
    return fold;
  }

  get cumQty(): Decimal {
    return this.#cum.cumQty;
  }

  /** The order's quantity as now instructed. */
  get quantity(): Decimal {
    return this.#order.quantity;
  }

  /** The child with this clOrdId, if the order sent it. */
  child(clOrdId: string): ChildOrder | undefined {
    return this.#children.get(clOrdId)?.child;
  }

  /** The venue a child was sent to. */
  venueOf(clOrdId: string): string | undefined {
    return this.#children.get(clOrdId)?.venue;
  }

  /** The terms a child's pending replace asks for, while one is pending. */
  replaceTo(clOrdId: string): FoldedChild['replaceTo'] {
    return this.#children.get(clOrdId)?.replaceTo;
  }

  /** Whether the child already counted this execution. */
  hasFill(clOrdId: string, execId: string): boolean {
    return this.#children.get(clOrdId)?.execIds.has(execId) ?? false;
  }

  /** The children still working, oldest first. */
  workingChildren(): ChildOrder[] {
    const working: ChildOrder[] = [];
    for (const { child } of this.#children.values()) if (!child.terminal) working.push(child);
    return working;
  }

  /** A replace or cancel instruction (a repeated `new` changes nothing). */
  instruct(instruction: InstructionBody, time: number): void {
    this.#instructions++;
    if (instruction.msgType === 'cancel') {
      this.#cancelRequested = true;
    } else if (instruction.msgType === 'replace' && !this.#cancelRequested) {
      const { quantity, limitPrice } = instruction;
      this.#order = {
        ...this.#order,
        quantity: replacedQuantity(quantity, this.#cum.cumQty),
        ...(limitPrice === undefined ? {} : { limitPrice }),
      };
    } else {
      return;
    }
    this.#updatedAt = time;
  }

  /**
   * A replace or cancel the engine refused after journaling it: a refused cancel is no longer
   * pending; a refused replace gives back the terms the order keeps, when the refusal says them.
   */
  refuse(refusal: RefusalBody, time: number): void {
    if (refusal.msgType === 'cancel') {
      this.#cancelRequested = false;
    } else if (refusal.terms !== undefined) {
      const { quantity, limitPrice } = refusal.terms;
      const { limitPrice: _dropped, ...rest } = this.#order;
      this.#order = { ...rest, quantity, ...(limitPrice === undefined ? {} : { limitPrice }) };
    } else {
      return;
    }
    this.#updatedAt = time;
  }

  /** A child about to be sent; a second intent for the same clOrdId changes nothing. */
  intend(intent: IntentBody, time: number): void {
    if (this.#children.has(intent.clOrdId)) return;
    const { clOrdId, symbol, side, quantity, limitPrice, timeInForce } = intent;
    const request: ChildOrderRequest = {
      clOrdId,
      parentId: this.orderId,
      symbol,
      side,
      quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      timeInForce,
    };
    this.#children.set(clOrdId, {
      child: new ChildOrder(request, time),
      venue: intent.venue,
      execIds: new Set(),
      replaceTo: undefined,
      replaces: 0,
    });
    this.#updatedAt = time;
  }

  /** A replace about to be sent for a child. */
  replaceChild(replace: ReplaceBody, time: number): void {
    const folded = this.#children.get(replace.clOrdId);
    if (folded === undefined) return;
    folded.replaces++;
    const change = {
      ...(replace.quantity === undefined ? {} : { quantity: replace.quantity }),
      ...(replace.limitPrice === undefined ? {} : { limitPrice: replace.limitPrice }),
    };
    const { child } = folded;
    if (!this.#tolerate(() => child.requestReplace(change, time))) return;
    const limitPrice = change.limitPrice ?? child.limitPrice;
    folded.replaceTo = {
      quantity: change.quantity ?? child.quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
    };
    this.#updatedAt = time;
  }

  /** A cancel about to be sent for a child. */
  cancelChild(clOrdId: string, time: number): void {
    const child = this.#children.get(clOrdId)?.child;
    if (child !== undefined && this.#tolerate(() => child.requestCancel(time))) {
      this.#updatedAt = time;
    }
  }

  /**
   * A venue's report on a child. A trade report's fill is counted from its `fill` row instead; the
   * report itself only notes the venue's order ID and time, once its fill has counted.
   */
  report(body: ReportBody, time: number): void {
    const folded = this.#children.get(body.clOrdId);
    if (folded === undefined) return;
    const trade = body.execType === 'trade';
    if (trade && (body.execId === undefined || !folded.execIds.has(body.execId))) return;
    const report: Report = {
      orderId: this.orderId,
      clOrdId: body.clOrdId,
      status: body.status,
      transactTime: body.transactTime,
      ...(body.venueOrderId === undefined ? {} : { venueOrderId: body.venueOrderId }),
      ...(body.execId === undefined ? {} : { execId: body.execId }),
      execType: body.execType === undefined || trade ? 'status' : body.execType,
      ...(body.text === undefined ? {} : { text: body.text }),
    };
    if (this.#tolerate(() => folded.child.apply(report))) this.#settled(folded, time);
  }

  /** A fill on a child, counted once per child and exec ID; returns whether it counted. */
  fill(body: FillBody, time: number): boolean {
    const folded = this.#children.get(body.clOrdId);
    if (folded === undefined || body.unmatched || folded.execIds.has(body.execId)) return false;
    const report: Report = {
      orderId: this.orderId,
      clOrdId: body.clOrdId,
      execType: 'trade',
      status: folded.child.status,
      execId: body.execId,
      lastQty: body.qty,
      lastPx: body.px,
      transactTime: body.time,
      ...(body.synthetic ? { synthetic: true } : {}),
    };
    let fill: FillRecord | undefined;
    if (!this.#tolerate(() => (fill = folded.child.apply(report).fill)) || fill === undefined) {
      return false;
    }
    folded.execIds.add(body.execId);
    this.#fills.push(fill);
    this.#cum = addFill(this.#cum, fill.qty, fill.px);
    this.#settled(folded, time);
    return true;
  }

  /** A delegate's saved state: the latest one wins. */
  checkpoint(state: JsonValue): void {
    this.#checkpoint = state;
    this.#checkpoints++;
  }

  /** The order as recovered: what a restore, a snapshot and reconciliation start from. */
  recovered(): RecoveredOrder {
    const children: ChildRestore[] = [];
    const venues: Record<string, string> = {};
    const replaces: Record<string, number> = {};
    for (const [clOrdId, folded] of this.#children) {
      children.push(saveChild(folded));
      venues[clOrdId] = folded.venue;
      if (folded.replaces > 0) replaces[clOrdId] = folded.replaces;
    }
    const parent: ParentRestore = {
      order: this.#order,
      cancelRequested: this.#cancelRequested,
      children,
      fills: this.#fills.slice(),
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
    };
    const counts: JournalCounts = {
      instructions: this.#instructions,
      checkpoints: this.#checkpoints,
      replaces,
    };
    return {
      parent,
      venues,
      counts,
      ...(this.#checkpoint === undefined ? {} : { checkpoint: this.#checkpoint }),
    };
  }

  #load(saved: RecoveredOrder): void {
    const { parent } = saved;
    this.#order = parent.order;
    this.#cancelRequested = parent.cancelRequested;
    this.#updatedAt = parent.updatedAt;
    this.#instructions = saved.counts.instructions;
    this.#checkpoints = saved.counts.checkpoints;
    this.#checkpoint = saved.checkpoint;
    const fillsByChild = fillsByClOrdId(parent.fills);
    for (const restore of parent.children) {
      const { clOrdId } = restore.request;
      const fills = fillsByChild.get(clOrdId) ?? [];
      this.#children.set(clOrdId, {
        child: restoreChild(restore, fills),
        venue: saved.venues[clOrdId] ?? '',
        execIds: new Set(fills.map((fill) => fill.execId)),
        replaceTo: restore.replaceTo,
        replaces: saved.counts.replaces[clOrdId] ?? 0,
      });
    }
    for (const fill of parent.fills) {
      this.#fills.push(fill);
      this.#cum = addFill(this.#cum, fill.qty, fill.px);
    }
  }

  #settled(folded: FoldedChild, time: number): void {
    if (folded.child.pending !== 'replace') folded.replaceTo = undefined;
    this.#updatedAt = time;
  }

  /** Runs a transition, swallowing the refusals the live order would have reported and carried past. */
  #tolerate(transition: () => unknown): boolean {
    try {
      transition();
      return true;
    } catch (error) {
      if (error instanceof IllegalTransitionError || error instanceof ChildReportError)
        return false;
      throw error;
    }
  }
}

function saveChild(folded: FoldedChild): ChildRestore {
  const { child } = folded;
  const snapshot = child.snapshot();
  return {
    request: {
      clOrdId: child.clOrdId,
      parentId: child.parentId,
      symbol: child.symbol,
      side: child.side,
      quantity: child.quantity,
      ...(child.limitPrice === undefined ? {} : { limitPrice: child.limitPrice }),
      timeInForce: child.timeInForce,
    },
    status: child.status,
    ...(snapshot.venueOrderId === undefined ? {} : { venueOrderId: snapshot.venueOrderId }),
    ...(folded.replaceTo === undefined ? {} : { replaceTo: folded.replaceTo }),
    cancelRejections: child.cancelRejections,
    replaceRejections: child.replaceRejections,
    ...(snapshot.text === undefined ? {} : { text: snapshot.text }),
    createdAt: child.createdAt,
    updatedAt: snapshot.updatedAt,
  };
}
