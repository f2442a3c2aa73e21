import type { VirtualClock } from '../../src/core/clock.js';
import { decimal } from '../../src/market/decimal.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import type { Venue } from '../../src/venues/venue.js';
import { settle } from '../core/helpers.js';

/** Waits for a promise while moving virtual time on a millisecond at a time (venue latency, backoff). */
export async function drive<T>(
  clock: VirtualClock,
  promise: Promise<T>,
  limitMs = 60_000,
): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => {});
  for (let ms = 0; ms < limitMs && !settled; ms++) {
    clock.advance(1);
    await settle(1);
  }
  if (!settled) throw new Error(`still waiting after ${limitMs} virtual ms`);
  return watched;
}

/** Moves virtual time on by `ms`, a millisecond at a time, letting everything due run. */
export async function advance(clock: VirtualClock, ms: number): Promise<void> {
  for (let at = 0; at < ms; at++) {
    clock.advance(1);
    await settle(1);
  }
}

/** A parent order on BTC-USD. */
export function parentOrder(
  orderId: string,
  terms: { quantity: string; algo: string; limitPrice?: string; side?: 'buy' | 'sell' },
): ParentOrder {
  return {
    orderId,
    msgType: 'new',
    side: terms.side ?? 'buy',
    symbol: 'BTC-USD',
    quantity: decimal(terms.quantity),
    ...(terms.limitPrice === undefined ? {} : { limitPrice: decimal(terms.limitPrice) }),
    algo: terms.algo,
    params: {},
  };
}

/** The queries a reconciliation asks a venue, the rest of a Venue being no-ops. */
export type VenueQueries = Pick<Venue, 'openOrders' | 'orderStatus' | 'fillsSince' | 'fillsOf'>;

/** A venue `paper` that only answers reconciliation's queries: it takes no orders, sends no reports. */
export function queryingVenue(queries: VenueQueries): Venue {
  return {
    name: 'paper',
    onReport: () => {},
    submit: () => {},
    replace: () => {},
    cancel: () => {},
    close: async () => {},
    ...queries,
  };
}
