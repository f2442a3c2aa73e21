/**
 * Binance's HMAC signing example (binance-spot-api-docs, the WebSocket API's `order.place`): the
 * key, the request's own parameters, and the signature the documentation gives for them with
 * `recvWindow` 100 and `timestamp` 1645423376532. Both the adapter's signer and the local
 * Binance's verifier are tested against it.
 */
export const DOCUMENTED = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secretKey: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
  params: {
    symbol: 'BTCUSDT',
    side: 'SELL',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.01000000',
    price: '52000.00',
    newOrderRespType: 'ACK',
  },
  recvWindow: 100,
  timestamp: 1645423376532,
  signature: 'cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a',
} as const;
