import type { Order } from '../market/order.js';
import type { Report } from '../market/report.js';
import type { EngineError } from './errors.js';

/** What the dispatcher tells its observers (the journal, the metrics, the server hang off these). */
export interface DispatcherEvents<T extends Order> {
  /** A new order was accepted and its process started. */
  accepted: (order: T) => void;
  /** An order live before a restart was restored (see `Dispatcher.restore`). */
  restored: (order: T) => void;
  /** A replace or cancel was accepted and queued for the order's delegate. */
  instructed: (instruction: T) => void;
  /** An execution report was routed to its order. */
  reported: (report: Report) => void;
  /** The order's delegate said it is complete; the order has left the dispatcher. */
  completed: (order: T) => void;
  /** A delegate saved state to resume from after a restart (see `DelegateContext.checkpoint`). */
  checkpoint: (order: T, state: unknown) => void;
  /** Something failed and the engine carried on. */
  error: (error: EngineError) => void;
  subscribed: (symbol: string) => void;
  unsubscribed: (symbol: string) => void;
}
