import type { Engine } from '../engine/engine.js';
import { isTerminal } from '../market/ord-status.js';
import type { PaperFill } from '../venues/paper/paper-ledger.js';
import type { ReplayOrder } from './replay-order.js';
import type { ReplayedFill, ReplayedOrder } from './replay-outcome.js';

/** Milliseconds on the replay clock as the recording's whole microseconds. */
export function msToUs(ms: number): number {
  return Math.round(ms * 1000);
}

/**
 * Each input order as the replay ran it: its terms and status as the engine's store holds them,
 * its fills as the venue matched them (time, price, size, taker or maker), in input order. An
 * order intake never took is `rejected` with no ID; `notes` say why, and any later refusal.
 */
export function replayedOrders(
  engine: Engine,
  orders: readonly ReplayOrder[],
  orderIds: readonly (string | undefined)[],
  notes: readonly (readonly string[])[],
  venueFills: readonly PaperFill[],
): ReplayedOrder[] {
  const byParent = new Map<string, ReplayedFill[]>();
  for (const fill of venueFills) {
    let fills = byParent.get(fill.parentId);
    if (fills === undefined) {
      fills = [];
      byParent.set(fill.parentId, fills);
    }
    fills.push({
      timeUs: msToUs(fill.time),
      px: fill.px.toFixed(),
      qty: fill.qty.toFixed(),
      clOrdId: fill.clOrdId,
      execId: fill.execId,
      liquidity: fill.liquidity,
    });
  }
  return orders.map((order, index) => {
    const orderId = orderIds[index];
    const snapshot = orderId === undefined ? undefined : engine.store.get(orderId);
    const said = notes[index]!;
    const limitPrice = snapshot?.limitPrice?.toFixed() ?? order.limitPrice;
    const status = snapshot?.status ?? 'rejected';
    return {
      ref: order.ref,
      orderId: orderId ?? '',
      symbol: order.symbol,
      side: order.side,
      quantity: snapshot?.quantity.toFixed() ?? order.quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      algo: order.algo,
      params: order.params,
      startUs: order.startUs,
      ...(snapshot !== undefined && isTerminal(status)
        ? { endUs: msToUs(snapshot.updatedAt) }
        : {}),
      status,
      children: snapshot?.children.length ?? 0,
      fills: orderId === undefined ? [] : (byParent.get(orderId) ?? []),
      ...(said.length === 0 ? {} : { notes: [...said] }),
    };
  });
}
