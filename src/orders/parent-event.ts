import type { Decimal } from '../market/decimal.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { ChildOrderRequest } from '../venues/venue.js';
import type { ParentOrder } from './parent-order.js';

/** The final statuses a parent can end in (`expired`: its algorithm's schedule ran out). */
export type FinalStatus = Extract<OrdStatus, 'filled' | 'canceled' | 'rejected' | 'expired'>;

/** A child's new terms as asked: either may be absent, and keeps the child's current one. */
export interface ChildChange {
  readonly quantity?: Decimal;
  readonly limitPrice?: Decimal;
}

/**
 * Something that happens to a parent order: the journal's row kinds, read. `ParentState.apply`
 * holds every parent rule once, so the live order (which applies each event as it happens) and
 * recovery (which applies the journal's rows) cannot disagree. A trade report is the fill; the
 * journal's separate `fill` and `venue_report` rows of one trade are one event here. The delegate's
 * checkpoints are its own state, not the parent's, and are not among them.
 */
export type ParentEvent =
  /** new: the order is accepted; replace: new terms; cancel: winding down is asked. */
  | {
      readonly kind: 'instruction_accepted';
      readonly time: number;
      readonly instruction: ParentOrder;
    }
  /**
   * A replace or cancel the engine refused after journaling it: a refused cancel is no longer
   * pending; a refused replace gives back the terms the order keeps, when the refusal says them.
   */
  | {
      readonly kind: 'instruction_refused';
      readonly time: number;
      readonly msgType: 'replace' | 'cancel';
      readonly terms?: { readonly quantity: Decimal; readonly limitPrice?: Decimal };
    }
  | { readonly kind: 'child_intent'; readonly time: number; readonly request: ChildOrderRequest }
  | {
      readonly kind: 'child_replace';
      readonly time: number;
      readonly clOrdId: string;
      readonly change: ChildChange;
      /** The fresh client ID offered to a venue that may rename the order. */
      readonly newClOrdId?: string;
    }
  | { readonly kind: 'child_cancel'; readonly time: number; readonly clOrdId: string }
  | { readonly kind: 'venue_report'; readonly time: number; readonly report: Report }
  | {
      readonly kind: 'order_completed';
      readonly time: number;
      readonly status: OrdStatus;
      readonly text?: string;
    };
