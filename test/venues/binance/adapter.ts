import { decimal } from '../../../src/market/decimal.js';
import type { Report } from '../../../src/market/report.js';
import type { BinanceVenueOptions } from '../../../src/venues/binance/binance-venue.js';
import {
  type BinanceEvent,
  BinanceSigner,
  BinanceVenue,
} from '../../../src/venues/binance/index.js';
import { ClientIdChains } from '../../../src/venues/client-id-chains.js';
import type { ChildOrderRequest } from '../../../src/venues/venue.js';
import { ED25519, HMAC, type LocalBinance, signedRest } from '../binance-local/local-binance.js';

export {
  control,
  eventually,
  type LocalBinance,
  signedRest,
  startLocalBinance,
  touchAtLeast,
} from '../binance-local/local-binance.js';

/** A Binance adapter on a local Binance, as exo sees it (behind ClientIdChains), and what it said. */
export interface Adapter {
  readonly raw: BinanceVenue;
  readonly venue: ClientIdChains;
  readonly reports: Report[];
  readonly cursors: (string | undefined)[];
  readonly events: BinanceEvent[];
  /** The reports about one child (by identity). */
  of(clOrdId: string): Report[];
  close(): Promise<void>;
}

/** HMAC credentials of the local Binance's test key. */
export const hmacSigner = () => new BinanceSigner({ kind: 'hmac', ...HMAC });
/** Ed25519 credentials of the local Binance's test key. */
export const ed25519Signer = () => new BinanceSigner({ kind: 'ed25519', ...ED25519 });

/** Starts an adapter on `server` and waits until it is ready. */
export async function startAdapter(
  server: LocalBinance,
  options: Partial<BinanceVenueOptions> = {},
  waitReady = true,
): Promise<Adapter> {
  const events: BinanceEvent[] = [];
  const raw = new BinanceVenue({
    wsUrl: server.wsApi,
    restUrl: server.url,
    signer: hmacSigner(),
    symbols: ['BTC-USD', 'ETH-USD', 'SOL-USD'],
    replyTimeoutMs: 1500,
    reconnect: { initialMs: 50, maxMs: 200 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  const venue = new ClientIdChains(raw);
  const reports: Report[] = [];
  const cursors: (string | undefined)[] = [];
  venue.onReport((report, cursor) => {
    reports.push(report);
    cursors.push(cursor);
  });
  if (waitReady) await raw.ready();
  return {
    raw,
    venue,
    reports,
    cursors,
    events,
    of: (clOrdId) => reports.filter((report) => report.clOrdId === clOrdId),
    close: () => venue.close(),
  };
}

/** A BTC-USD limit buy far below the market (it rests), as exo sends a child `<parent>-<n>`. */
export function restingBuy(
  clOrdId: string,
  quantity = '0.002',
  price = '40000',
): ChildOrderRequest {
  return {
    clOrdId,
    parentId: clOrdId.slice(0, clOrdId.lastIndexOf('-')),
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: decimal(quantity),
    limitPrice: decimal(price),
    timeInForce: 'gtc',
  };
}

/**
 * A SOL buy a little above the best ask for far more than the book holds up to its price: it fills
 * in part at once and rests for the rest, as exo sends a child `<parent>-<n>`.
 */
export async function partlyFilling(
  server: LocalBinance,
  clOrdId: string,
): Promise<ChildOrderRequest> {
  const touch = (await (
    await fetch(`${server.url}/api/v3/ticker/bookTicker?symbol=SOLUSDT`)
  ).json()) as { askPrice: string; askQty: string };
  return {
    clOrdId,
    parentId: clOrdId.slice(0, clOrdId.lastIndexOf('-')),
    symbol: 'SOL-USD',
    side: 'buy',
    quantity: decimal(touch.askQty).plus(1000).round(2),
    limitPrice: decimal(touch.askPrice).times(1.001).round(2),
    timeInForce: 'gtc',
  };
}

/** Places a resting BTCUSDT buy straight at the local Binance, as another client of the account. */
export function placeDirect(server: LocalBinance, clientId: string) {
  return signedRest(server.url, 'POST', '/api/v3/order', {
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.002',
    price: '40000',
    newClientOrderId: clientId,
  });
}
