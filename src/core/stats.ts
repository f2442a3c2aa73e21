/**
 * Counters the dispatcher keeps as plain numbers (no event per tick), for metrics to read.
 * The conflation ratio is ticks in over ticks dispatched.
 */
export interface DispatcherStats {
  quotesIn: number;
  tradesIn: number;
  /** Quotes popped from the dispatcher's queue and fanned out (after conflation). */
  quotesDispatched: number;
  /** Aggregated trades popped from the dispatcher's queue and fanned out. */
  tradesDispatched: number;
  instructions: number;
  reports: number;
  /** Updates handed to delegates. */
  updatesDelivered: number;
  ordersAccepted: number;
  /** Orders brought back after a restart. */
  ordersRestored: number;
  ordersCompleted: number;
  delegateErrors: number;
}

/** Fresh counters at zero. */
export function newStats(): DispatcherStats {
  return {
    quotesIn: 0,
    tradesIn: 0,
    quotesDispatched: 0,
    tradesDispatched: 0,
    instructions: 0,
    reports: 0,
    updatesDelivered: 0,
    ordersAccepted: 0,
    ordersRestored: 0,
    ordersCompleted: 0,
    delegateErrors: 0,
  };
}
