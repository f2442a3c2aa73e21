import type { Decimal } from '../market/decimal.js';
import type { Order } from '../market/order.js';

/**
 * The service's order: exo's identity plus what a trader asks for. A replace instruction carries
 * the new quantity and limit (algo and params unchanged); a cancel carries the current values.
 */
export interface ParentOrder extends Order {
  /** Total quantity to trade (after a replace, the new total). */
  readonly quantity: Decimal;
  /** Never trade through this price; absent for no limit. */
  readonly limitPrice?: Decimal;
  /** The name of the algorithm that works the order: take, peg, twap. */
  readonly algo: string;
  /** The algorithm's parameters, as the client sent them (validated by the algorithm). */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * When exo accepted the instruction: its journal row's time, and the time the order shows for
   * it (a `new` order's createdAt), live and after a restart. The clock's now when absent.
   */
  readonly time?: number;
  /** The client's own ID for the order, when it gave one; kept for the order's life. */
  readonly clientOrderId?: string;
}
