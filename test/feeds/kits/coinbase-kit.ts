import type { ExchangeBehaviour, ServerConnection } from '../exchange-server.js';
import { type ExchangeKit, fixture } from './exchange-kit.js';

const TICKER = fixture('coinbase/ticker.json');
const HEARTBEAT = fixture('coinbase/heartbeat.json');

/** Coinbase Exchange: ticker + heartbeat channels, `subscriptions` replies, `error` messages. */
export const coinbaseKit: ExchangeKit = {
  exchange: 'coinbase',
  exchangeSymbol: (symbol) => symbol,
  sendsKeepalive: false,
  tradeCarriesQuote: true,
  behaviour: coinbaseBehaviour,
  quoteFrame: (symbol, order, bidPx = '100.5') => {
    const { trade_id: _id, price: _px, last_size: _size, ...quoteOnly } = TICKER;
    return JSON.stringify({
      ...quoteOnly,
      product_id: symbol,
      sequence: order,
      best_bid: bidPx,
      best_ask: '101',
    });
  },
  tradeFrame: (symbol, id, px = '100.75') =>
    JSON.stringify({
      ...TICKER,
      product_id: symbol,
      sequence: id,
      best_bid: '100.5',
      best_ask: '101',
      trade_id: id,
      price: px,
      last_size: '2',
    }),
  heartbeatFrame: (symbol) => JSON.stringify({ ...HEARTBEAT, product_id: symbol }),
  errorFrame: (text) =>
    JSON.stringify({ type: 'error', message: 'Failed to subscribe', reason: text }),
  unknownFrame: () => JSON.stringify({ type: 'status', products: [], currencies: [] }),
  wrongTypeFrame: (symbol) => JSON.stringify({ ...TICKER, product_id: symbol, best_bid: 100.5 }),
  subscription: (text) => {
    const message = JSON.parse(text);
    if (message.type !== 'subscribe' && message.type !== 'unsubscribe') return undefined;
    return { op: message.type, symbols: message.product_ids };
  },
};

/** Products the local Coinbase refuses, as the real one refuses unknown products. */
export const INVALID_PRODUCTS = new Set(['BTC-XYZ']);

function coinbaseBehaviour(): ExchangeBehaviour {
  return {
    connected: () => {},
    received: (connection: ServerConnection, text: string) => {
      let message: { type?: unknown; product_ids?: unknown; channels?: unknown };
      try {
        message = JSON.parse(text);
      } catch {
        connection.send(JSON.stringify({ type: 'error', message: 'Malformed JSON' }));
        return;
      }
      const products = Array.isArray(message.product_ids) ? (message.product_ids as string[]) : [];
      if (message.type === 'subscribe') {
        for (const product of products) {
          if (INVALID_PRODUCTS.has(product)) {
            connection.send(
              JSON.stringify({
                type: 'error',
                message: 'Failed to subscribe',
                reason: `${product} is not a valid product`,
              }),
            );
            return;
          }
        }
        for (const product of products) connection.subscribed.add(product);
      } else if (message.type === 'unsubscribe') {
        for (const product of products) connection.subscribed.delete(product);
      } else {
        connection.send(
          JSON.stringify({
            type: 'error',
            message: 'Failed to subscribe',
            reason: 'type required',
          }),
        );
        return;
      }
      const productIds = [...connection.subscribed];
      connection.send(
        JSON.stringify({
          type: 'subscriptions',
          channels: [
            { name: 'ticker', product_ids: productIds },
            { name: 'heartbeat', product_ids: productIds },
          ],
        }),
      );
    },
  };
}
