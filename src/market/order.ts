import type { MsgType } from './msg-type.js';
import type { Side } from './side.js';

/**
 * The identity every order carries, and all the container ever reads of it.
 * Users extend it with their own fields (quantity, limit, algorithm parameters):
 * `interface MyOrder extends Order { quantity: Decimal }`.
 * An instruction is an order value whose `msgType` says what to do with it.
 */
export interface Order {
  /** Assigned by exo when a new order arrives without one. */
  readonly orderId: string;
  /** Never changes after creation. */
  readonly side: Side;
  /** Never changes after creation. */
  readonly symbol: string;
  readonly msgType: MsgType;
}
