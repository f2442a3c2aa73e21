/** Parent orders: the service's order type, its bookkeeping, its events and snapshots. */
export type { OrderEvent, OrderEventListener } from './order-event.js';
export type {
  ChildSnapshot,
  FillRecord,
  ParentSnapshot,
  PendingRequest,
} from './order-snapshot.js';
export type { ParentOrder } from './parent-order.js';
export type { ChildRestore, ParentRestore } from './parent-restore.js';
export {
  type ChildTerms,
  type FinalStatus,
  ParentState,
  type ParentStateOptions,
} from './parent-state.js';
export { type ParentView, viewOf } from './parent-view.js';
export { ChildRestoreError, restoreChild } from './restore-child.js';
