import type { ReplayedOrder } from '../replay/replay-outcome.js';
import { sha256Hex } from './canonical-json.js';

/**
 * SHA-256 of every fill, canonically: one line per fill, orders in the outcome's order and fills
 * in theirs, each the JSON array [ref, orderId, timeUs, px, qty, clOrdId, execId, liquidity]
 * followed by "\n". Prices and quantities are hashed as the venue wrote them, so two runs agree
 * exactly when their fills do.
 */
export function fillsSha256(orders: readonly ReplayedOrder[]): string {
  const lines: string[] = [];
  for (const order of orders) {
    for (const f of order.fills) {
      const line = [
        order.ref,
        order.orderId,
        f.timeUs,
        f.px,
        f.qty,
        f.clOrdId,
        f.execId,
        f.liquidity,
      ];
      lines.push(`${JSON.stringify(line)}\n`);
    }
  }
  return sha256Hex(lines.join(''));
}
