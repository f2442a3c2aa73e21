import { decimal } from '../../src/market/decimal.js';
import type { Venue, VenueOrderStatus } from '../../src/venues/venue.js';
import { queryingVenue } from '../recovery/helpers.js';

/** An open order at the venue under client ID `clOrdId`, of parent `<clOrdId minus -n>`. */
export function openOrder(clOrdId: string): VenueOrderStatus {
  return {
    clOrdId,
    parentId: clOrdId.replace(/-[0-9a-z]+$/, ''),
    venueOrderId: `v-${clOrdId}`,
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: decimal('1'),
    limitPrice: decimal('100'),
    timeInForce: 'day',
    status: 'new',
    cumQty: decimal('0'),
    leavesQty: decimal('1'),
  };
}

/**
 * A venue that holds what it is sent and never reports (every request stays in flight), lists
 * its open orders under the prefix asked, renames an order on a replace offering a new ID, and
 * fails its listing while `failing`. Orders placed by "someone else" are put in `open` directly.
 */
export function holdingVenue() {
  const open = new Map<string, VenueOrderStatus>();
  const cancels: string[] = [];
  const asked: (string | undefined)[] = [];
  const state = { failing: false };
  const venue: Venue = {
    ...queryingVenue({
      openOrders: async (prefix) => {
        asked.push(prefix);
        if (state.failing) throw new Error('venue unreachable');
        return [...open.values()].filter((order) => order.clOrdId.startsWith(prefix ?? ''));
      },
      orderStatus: async (clOrdId) => open.get(clOrdId),
      fillsSince: async (cursor) => ({ fills: [], cursor: cursor ?? '0' }),
    }),
    submit: (request) => open.set(request.clOrdId, openOrder(request.clOrdId)),
    replace: (request) => {
      const order = open.get(request.clOrdId);
      if (order === undefined || request.newClOrdId === undefined) return;
      open.delete(request.clOrdId);
      open.set(request.newClOrdId, { ...order, clOrdId: request.newClOrdId });
    },
    cancel: (clOrdId) => {
      cancels.push(clOrdId);
      open.delete(clOrdId);
    },
  };
  return { venue, open, cancels, asked, state };
}
