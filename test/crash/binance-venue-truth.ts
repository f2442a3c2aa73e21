import { RealClock } from '../../src/core/clock.js';
import { Decimal } from '../../src/market/decimal.js';
import { BinanceRest } from '../../src/venues/binance/binance-rest.js';
import { BinanceSigner } from '../../src/venues/binance/binance-signer.js';
import { ServerTime } from '../../src/venues/binance/server-time.js';
import type { OrderNamesJSON } from '../../src/venues/binance-local/control-api.js';
import { childNumber, parentIdOf } from '../../src/venues/child-id.js';
import { addFilled, type VenueTruth } from './venue-truth.js';

/** The account's key pair at a trial's local Binance. */
export interface BinanceKey {
  readonly apiKey: string;
  readonly secretKey: string;
}

/** One trade as `GET /api/v3/myTrades` lists it (the fields read here). */
interface TradeJSON {
  readonly id: number;
  readonly orderId: number;
  readonly qty: string;
}

/** One order as `GET /api/v3/openOrders` lists it (the fields read here). */
interface OpenOrderJSON {
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly status: string;
  readonly executedQty: string;
}

/** The most trades one myTrades answer gives. */
const PAGE = 1000;

/**
 * The local Binance's truth, read as the account's client reads it, over its REST API with exo's
 * own signing: every trade (myTrades per symbol, paged by fromId) says what filled, openOrders what
 * is still working. Whose each order was comes from its client IDs: exo places a child under
 * `<parentId>-<n>` and renames it (cancelReplace, amend) to IDs of that form too; Binance's queries
 * show only a cancel's random ID once one renamed it, so the names an order carried come from the
 * local Binance's `GET /control/orders`. An order none of whose IDs is an exo child's is unclaimed.
 */
export async function binanceVenueTruth(url: string, key: BinanceKey): Promise<VenueTruth> {
  const rest = new BinanceRest({
    baseUrl: url,
    signer: new BinanceSigner({ kind: 'hmac', ...key }),
    time: new ServerTime(new RealClock()),
    recvWindowMs: 60_000,
    timeoutMs: 10_000,
  });
  const response = await fetch(`${url}/control/orders`);
  if (!response.ok) throw new Error(`GET /control/orders: HTTP ${response.status}`);
  const { orders } = (await response.json()) as { orders: OrderNamesJSON[] };
  const symbols = [...new Set(orders.map((order) => order.symbol))];
  const trades = new Map<string, TradeJSON[]>();
  for (const symbol of symbols) trades.set(symbol, await allTrades(rest, symbol));
  const open = await rest.signedGet<OpenOrderJSON[]>('/api/v3/openOrders');
  const parentOf = new Map<number, string>();
  const unclaimed: string[] = [];
  for (const order of orders) {
    const parent = order.clientOrderIds.map(exoParentOf).find((p) => p !== undefined);
    if (parent === undefined) unclaimed.push(describe(order));
    else parentOf.set(order.orderId, parent);
  }
  const filledByParent = new Map<string, Decimal>();
  for (const [symbol, list] of trades) {
    for (const trade of list) {
      const parent = parentOf.get(trade.orderId);
      if (parent !== undefined) addFilled(filledByParent, parent, new Decimal(trade.qty));
      else if (!orders.some((order) => order.orderId === trade.orderId)) {
        unclaimed.push(`${symbol} trade ${trade.id} of an order the venue does not list`);
      }
    }
  }
  return {
    filledByParent,
    open: open.map(
      (order) =>
        `${order.clientOrderId} (${order.symbol} orderId ${order.orderId}, ${order.status}, executedQty ${order.executedQty})`,
    ),
    unclaimed,
    files: {
      'binance-orders.json': orders,
      'binance-trades.json': Object.fromEntries(trades),
      'binance-open-orders.json': open,
    },
  };
}

/** Every trade of the account's on `symbol`, in ID order. */
async function allTrades(rest: BinanceRest, symbol: string): Promise<TradeJSON[]> {
  const all: TradeJSON[] = [];
  for (;;) {
    const fromId = (all.at(-1)?.id ?? 0) + 1;
    const page = await rest.signedGet<TradeJSON[]>('/api/v3/myTrades', {
      symbol,
      fromId,
      limit: PAGE,
    });
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

/** The exo parent whose child (or renamed child) is called `clientOrderId`, if it is one's. */
function exoParentOf(clientOrderId: string): string | undefined {
  const parent = parentIdOf(clientOrderId);
  return parent !== clientOrderId && childNumber(parent, clientOrderId) > 0 ? parent : undefined;
}

function describe(order: OrderNamesJSON): string {
  return `${order.clientOrderIds.join(' → ')} (${order.symbol} orderId ${order.orderId}, ${order.status}, executedQty ${order.executedQty})`;
}
