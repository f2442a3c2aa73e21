import { MSG_TYPES } from '../market/msg-type.js';
import type { Order } from '../market/order.js';
import { SIDES, type Side } from '../market/side.js';
import { InstructionError } from './errors.js';

/**
 * What a client sends the dispatcher: an order value whose `msgType` says new, replace or cancel.
 * A new order may leave `orderId` out, and exo assigns one. A cancel may name the order alone.
 */
export type Instruction<T extends Order> =
  | (Omit<T, 'orderId'> & { readonly orderId?: string })
  | CancelInstruction;

/**
 * A cancel by order ID alone: the dispatcher knows the order's side and symbol, so a caller need
 * not repeat them; when given, they must be the order's (refused as side_changed, symbol_changed).
 */
export interface CancelInstruction {
  readonly msgType: 'cancel';
  readonly orderId: string;
  readonly side?: Side;
  readonly symbol?: string;
}

/**
 * Refuses an instruction whose identity fields are missing or malformed, naming the field.
 * A cancel may leave side and symbol out; one it gives must still be well formed.
 */
export function validateInstruction<T extends Order>(instruction: Instruction<T>): void {
  const { orderId, side, symbol, msgType } = instruction;
  const refuse = (message: string): never => {
    throw new InstructionError('invalid_instruction', orderId, message);
  };
  const cancel = msgType === 'cancel';
  if (!MSG_TYPES.includes(msgType))
    refuse(`msgType: expected new, replace or cancel, got ${String(msgType)}`);
  if (!(cancel && side === undefined) && !SIDES.includes(side!)) {
    refuse(`side: expected buy or sell, got ${String(side)}`);
  }
  if (!(cancel && symbol === undefined) && (typeof symbol !== 'string' || symbol === '')) {
    refuse('symbol: expected a non-empty string');
  }
  if (orderId !== undefined && typeof orderId !== 'string') refuse('orderId: expected a string');
  if (msgType !== 'new' && (orderId === undefined || orderId === '')) {
    refuse(`orderId: a ${msgType} must name the order it changes`);
  }
}

/**
 * Refuses a change to an order's identity: side and symbol never change after creation. Checked
 * by the dispatcher on every replace and cancel, and by intake before it journals one.
 */
export function assertSameIdentity(
  order: Pick<Order, 'orderId' | 'side' | 'symbol'>,
  instruction: { readonly side?: Side | undefined; readonly symbol?: string | undefined },
): void {
  const { orderId } = order;
  if (instruction.side !== undefined && instruction.side !== order.side) {
    throw new InstructionError(
      'side_changed',
      orderId,
      `order ${orderId} is a ${order.side}: side cannot change`,
    );
  }
  if (instruction.symbol !== undefined && instruction.symbol !== order.symbol) {
    throw new InstructionError(
      'symbol_changed',
      orderId,
      `order ${orderId} is on ${order.symbol}: symbol cannot change`,
    );
  }
}
