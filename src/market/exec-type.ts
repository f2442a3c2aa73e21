/**
 * What a report says just happened (FIX ExecType), as opposed to where the order now stands
 * (OrdStatus): a fill on an order that stays partially filled, a replace acknowledged, or a
 * cancel or replace refused while the order carries on. `unknown` is exo's own, not FIX's: the
 * outcome of the request pending for the order cannot be known from its answer (none came in
 * time, or the venue's error means maybe, as Binance's -1007 or a 5xx does); the order may or may
 * not have taken it, and its status is the pending one it had.
 */
export type ExecType =
  | 'pending_new'
  | 'new'
  | 'trade'
  | 'pending_replace'
  | 'replaced'
  | 'pending_cancel'
  | 'canceled'
  | 'rejected'
  | 'expired'
  | 'cancel_rejected'
  | 'replace_rejected'
  | 'unknown'
  | 'status';

/** Every exec type, for validation. */
export const EXEC_TYPES: readonly ExecType[] = [
  'pending_new',
  'new',
  'trade',
  'pending_replace',
  'replaced',
  'pending_cancel',
  'canceled',
  'rejected',
  'expired',
  'cancel_rejected',
  'replace_rejected',
  'unknown',
  'status',
];

const REFUSALS: ReadonlySet<string> = new Set(['rejected', 'cancel_rejected', 'replace_rejected']);

/**
 * Whether a report of this exec type (or, from a venue that sends none, this status) refuses a
 * request: its client ID may be one the venue never gave the order (a refused rename), so it says
 * nothing of which ID names the order now.
 */
export function isRefusal(execTypeOrStatus: string): boolean {
  return REFUSALS.has(execTypeOrStatus);
}
