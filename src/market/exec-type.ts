/**
 * What a report says just happened (FIX ExecType), as opposed to where the order now stands
 * (OrdStatus): a fill on an order that stays partially filled, a replace acknowledged, or a
 * cancel or replace refused while the order carries on.
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
  'status',
];
