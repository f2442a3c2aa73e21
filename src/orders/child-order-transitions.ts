import { extended } from '../market/extended.js';
import type { OrdStatus } from '../market/ord-status.js';

/** Something exo asks of a child order: the requests a venue has not answered yet. */
export type ChildRequestEvent = 'request_replace' | 'request_cancel';

/**
 * What a venue report means for a child. A fill is `partial_fill` or `complete_fill` depending on
 * whether it brings cumQty to the child's quantity, so the table alone decides the next state.
 */
export type ChildReportEvent =
  | 'acknowledged'
  | 'partial_fill'
  | 'complete_fill'
  | 'replaced'
  | 'canceled'
  | 'rejected'
  | 'cancel_rejected'
  | 'replace_rejected'
  | 'expired'
  /** The venue cannot say whether the pending request took effect: it stays pending, unknown. */
  | 'outcome_unknown';

/** Every event a child order's state machine accepts (creating the child is the new request). */
export type ChildEvent = ChildRequestEvent | ChildReportEvent;

/**
 * A transition's target: a status, or `working`, which resolves from the child's figures to
 * `filled`, `partially_filled` or `new` (where a refused or completed request returns to).
 */
export type ChildTarget = OrdStatus | 'working';

type Row = Partial<Record<ChildEvent, ChildTarget>>;

/** Reports that may end or fill any live child, whatever it is waiting for. */
const LIVE: Row = {
  partial_fill: 'partially_filled',
  complete_fill: 'filled',
  canceled: 'canceled',
  expired: 'expired',
};

/** A working child: requests are allowed, a repeated or late ack changes nothing. */
const WORKING = (self: OrdStatus): Row =>
  extended(LIVE, {
    acknowledged: self,
    request_replace: 'pending_replace',
    request_cancel: 'pending_cancel',
  });

/**
 * A child the venue ended on its own (an IOC remainder, an expiry): a fill that crossed the end on
 * the wire still counts, and the refusal of a request that crossed it changes nothing.
 */
const LATE = (self: OrdStatus): Row => ({
  partial_fill: self,
  complete_fill: 'filled',
  cancel_rejected: self,
  replace_rejected: self,
});

/**
 * The whole lifecycle of a child order on one screen: `(state, event) → next state`.
 * A pending request stays pending through partial fills (the venue has not answered yet), and
 * through an unknown outcome (ChildOrder.unknown) until a report or a status query resolves it; a fill
 * that completes the child ends the request too, and the venue's late refusal then changes nothing.
 * A fill that crossed a cancel on the wire still counts, so canceled and expired children take fills.
 * Anything not listed is illegal, including a second request while one is pending.
 */
export const CHILD_TRANSITIONS: Readonly<Record<OrdStatus, Row>> = {
  pending_new: extended(LIVE, {
    acknowledged: 'new',
    rejected: 'rejected',
    outcome_unknown: 'pending_new',
  }),
  new: WORKING('new'),
  partially_filled: WORKING('partially_filled'),
  pending_cancel: extended(LIVE, {
    acknowledged: 'pending_cancel',
    partial_fill: 'pending_cancel',
    cancel_rejected: 'working',
    outcome_unknown: 'pending_cancel',
  }),
  pending_replace: extended(LIVE, {
    acknowledged: 'pending_replace',
    partial_fill: 'pending_replace',
    replaced: 'working',
    replace_rejected: 'working',
    outcome_unknown: 'pending_replace',
  }),
  filled: {
    acknowledged: 'filled',
    complete_fill: 'filled',
    cancel_rejected: 'filled',
    replace_rejected: 'filled',
  },
  canceled: LATE('canceled'),
  expired: LATE('expired'),
  rejected: {},
};

/** The target of `event` in `state`, or undefined when the transition is illegal. */
export function transitionTarget(state: OrdStatus, event: ChildEvent): ChildTarget | undefined {
  return CHILD_TRANSITIONS[state][event];
}
