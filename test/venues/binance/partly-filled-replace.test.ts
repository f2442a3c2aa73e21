import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../../src/market/decimal.js';
import type { OrderNamesJSON } from '../../../src/venues/binance-local/control-api.js';
import {
  control,
  eventually,
  type LocalBinance,
  partlyFilling,
  startAdapter,
  startLocalBinance,
} from './adapter.js';

/** The Binance orders a child's client IDs name, as the local Binance knows them. */
async function ordersOf(server: LocalBinance, clOrdIdPrefix: string): Promise<OrderNamesJSON[]> {
  const answer = (await (await fetch(`${server.url}/control/orders`)).json()) as {
    orders: OrderNamesJSON[];
  };
  return answer.orders.filter((order) =>
    order.clientOrderIds.some((id) => id.startsWith(clOrdIdPrefix)),
  );
}

const OPEN = new Set(['NEW', 'PARTIALLY_FILLED']);

/** What the child's orders filled, and what the open ones could still fill. */
function exposure(orders: readonly OrderNamesJSON[]): { executed: Decimal; open: Decimal } {
  let executed = ZERO;
  let open = ZERO;
  for (const order of orders) {
    executed = executed.plus(decimal(order.executedQty));
    if (OPEN.has(order.status))
      open = open.plus(decimal(order.origQty).minus(decimal(order.executedQty)));
  }
  return { executed, open };
}

/**
 * Binance's cancelReplace places its new order for the quantity it is told, knowing nothing of
 * what the cancelled order filled, and no cancel restriction catches a further fill on an order
 * already partly filled. So a replace of a partly filled child whose next fill was on its way
 * bought that fill twice over. The adapter now cancels such an order and places the replacement
 * for what the cancel's answer says is left.
 */
describe('a replace of a partly filled Binance child with a fill on its way', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  it('never leaves the venue able to fill more than the child’s quantity', async () => {
    const adapter = await startAdapter(server);
    try {
      const child = await partlyFilling(server, 'pfr1-1');
      adapter.venue.submit(child);
      await eventually(() => adapter.of('pfr1-1').some((r) => r.execType === 'trade'), 10_000);
      // The user stream lags: what fills now reaches the venue's books, not the adapter.
      await control(server.url, 'hold-reports', { on: true });
      const known = adapter.of('pfr1-1').at(-1)?.cumQty ?? ZERO;
      await eventually(
        async () => exposure(await ordersOf(server, 'pfr1-')).executed.gt(known),
        15_000,
      );
      adapter.venue.replace({
        clOrdId: 'pfr1-1',
        newClOrdId: 'pfr1-2',
        limitPrice: child.limitPrice!.times(0.5).round(2),
      });
      // The replacement rests far below the market: what it leaves open is what it may fill.
      await eventually(async () => (await ordersOf(server, 'pfr1-')).length === 2, 10_000);
      const atVenue = exposure(await ordersOf(server, 'pfr1-'));
      expect(atVenue.executed.plus(atVenue.open).toFixed()).toBe(child.quantity.toFixed());
      await control(server.url, 'hold-reports', { on: false });
      await eventually(() => adapter.of('pfr1-1').some((r) => r.execType === 'replaced'), 10_000);
      const last = adapter.of('pfr1-1').at(-1)!;
      expect(last.cumQty?.toFixed()).toBe(atVenue.executed.toFixed());
      expect(last.leavesQty?.toFixed()).toBe(atVenue.open.toFixed());
    } finally {
      await control(server.url, 'clear');
      await adapter.close();
    }
  }, 40_000);
});
