import type { Engine } from '../engine/engine.js';
import { isTerminal } from '../market/ord-status.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';

/** What a working order waits for before its algorithm can act, on the wire (`waitingFor`). */
export interface Waiting {
  readonly waitingFor?: 'market_data';
}

/**
 * `{waitingFor: 'market_data'}` for an order not yet complete whose symbol has no market data to
 * act on (none arrived, or the feed is not live), else nothing: so an order that sits `new` on a
 * dead feed says why. Worked out when asked, never journaled.
 */
export function waitingFor(engine: Engine, order: ParentSnapshot): Waiting {
  if (isTerminal(order.status) || !engine.lacksMarketData(order.symbol)) return {};
  return { waitingFor: 'market_data' };
}
