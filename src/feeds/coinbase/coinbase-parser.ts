import {
  parseNonNegativeDecimal,
  parsePositiveDecimal,
  parseSequence,
  parseSymbol,
} from '../../market/parse-field.js';
import type { FrameHandler } from '../connection/exchange-protocol.js';
import {
  describeValue,
  parseIsoTime,
  parseJsonObject,
  type WireObject,
} from '../connection/wire-fields.js';

/**
 * Reads one frame of the Coinbase Exchange websocket feed: `ticker` (best bid and offer with sizes,
 * and the match that triggered it), `heartbeat`, `subscriptions` (the reply to a subscribe or
 * unsubscribe) and `error`. Prices and sizes are JSON strings there, parsed straight to decimals.
 */
export function parseCoinbaseFrame(frame: string, handler: FrameHandler): void {
  const message = parseJsonObject(frame, 'coinbase');
  switch (message.type) {
    case 'ticker':
      ticker(message, handler);
      return;
    case 'heartbeat':
      handler.heartbeat();
      return;
    case 'subscriptions':
      handler.acknowledged();
      return;
    case 'error':
      handler.exchangeError(errorText(message));
      return;
    default:
      handler.unknown(`coinbase message type ${describeValue(message.type)}`);
  }
}

/** A ticker carries the quote after a match, and that match as a trade (when it has a trade ID). */
function ticker(message: WireObject, handler: FrameHandler): void {
  const symbol = parseSymbol(message.product_id, 'ticker.product_id');
  const sequence = parseSequence(message.sequence, 'ticker.sequence');
  const time = parseIsoTime(message.time, 'ticker.time');
  handler.quote(
    symbol,
    sequence,
    parsePositiveDecimal(message.best_bid, 'ticker.best_bid'),
    parseNonNegativeDecimal(message.best_bid_size, 'ticker.best_bid_size'),
    parsePositiveDecimal(message.best_ask, 'ticker.best_ask'),
    parseNonNegativeDecimal(message.best_ask_size, 'ticker.best_ask_size'),
    time,
  );
  if (message.trade_id === undefined) return;
  handler.trade(
    symbol,
    String(parseSequence(message.trade_id, 'ticker.trade_id')),
    parsePositiveDecimal(message.price, 'ticker.price'),
    parsePositiveDecimal(message.last_size, 'ticker.last_size'),
    time,
  );
}

/** Coinbase's error text: its `message`, and its `reason` when it gives one. */
function errorText(message: WireObject): string {
  const text = typeof message.message === 'string' ? message.message : 'error';
  return typeof message.reason === 'string' ? `${text}: ${message.reason}` : text;
}
