import type { Decimal } from '../market/decimal.js';
import type { Side } from '../market/side.js';

/** A new parent order as a client asks for it, already parsed: exo assigns the ID. */
export interface NewOrderRequest {
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The client's own ID for the order, unique among the orders exo knows. */
  readonly clientOrderId?: string;
}

/** A change to a working order: a new total quantity and/or limit. Side and symbol may only repeat. */
export interface ReplaceOrderRequest {
  readonly quantity?: Decimal;
  readonly limitPrice?: Decimal;
  readonly side?: Side;
  readonly symbol?: string;
}
