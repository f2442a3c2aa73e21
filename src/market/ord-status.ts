/** An order's status: the FIX 4.4 OrdStatus subset exo uses, spelled in snake case as on the wire. */
export type OrdStatus =
  | 'pending_new'
  | 'new'
  | 'partially_filled'
  | 'filled'
  | 'pending_cancel'
  | 'canceled'
  | 'pending_replace'
  | 'rejected'
  | 'expired';

/** Every status, for validation. */
export const ORD_STATUSES: readonly OrdStatus[] = [
  'pending_new',
  'new',
  'partially_filled',
  'filled',
  'pending_cancel',
  'canceled',
  'pending_replace',
  'rejected',
  'expired',
];

const TERMINAL: ReadonlySet<OrdStatus> = new Set(['filled', 'canceled', 'rejected', 'expired']);

/** Whether no further fill can happen in this status. */
export function isTerminal(status: OrdStatus): boolean {
  return TERMINAL.has(status);
}
