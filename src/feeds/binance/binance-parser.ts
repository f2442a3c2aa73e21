import {
  parseNonNegativeDecimal,
  parsePositiveDecimal,
  parseSequence,
  parseSymbol,
  parseTime,
} from '../../market/parse-field.js';
import type { FrameHandler } from '../connection/exchange-protocol.js';
import {
  describeValue,
  parseJsonObject,
  type WireObject,
  wireObject,
} from '../connection/wire-fields.js';

/**
 * Reads one frame of the Binance spot websocket streams: `<symbol>@bookTicker` (best bid and offer
 * with the order book update ID `u`) and `<symbol>@trade` (one trade, ID `t`), raw or wrapped as a
 * combined stream `{stream, data}`; replies `{result, id}` to SUBSCRIBE/UNSUBSCRIBE; and errors
 * `{code, msg}` (or `{error: {code, msg}}`). Prices and sizes are JSON strings, parsed to decimals;
 * IDs are JSON numbers, accepted below 2^53 only.
 */
export function parseBinanceFrame(frame: string, handler: FrameHandler): void {
  const message = parseJsonObject(frame, 'binance');
  if (message.data !== undefined && typeof message.stream === 'string') {
    payload(wireObject(message.data, 'binance.data'), handler);
  } else if (message.error !== undefined) {
    handler.exchangeError(errorText(wireObject(message.error, 'binance.error')));
  } else if (message.code !== undefined) {
    handler.exchangeError(errorText(message));
  } else if (Object.hasOwn(message, 'result') && message.id !== undefined) {
    handler.acknowledged();
  } else {
    payload(message, handler);
  }
}

function payload(data: WireObject, handler: FrameHandler): void {
  if (data.e === 'trade') {
    trade(data, handler);
  } else if (data.e === undefined && data.u !== undefined && data.b !== undefined) {
    bookTicker(data, handler);
  } else {
    handler.unknown(`binance event ${describeValue(data.e)}`);
  }
}

function bookTicker(data: WireObject, handler: FrameHandler): void {
  handler.quote(
    parseSymbol(data.s, 'bookTicker.s'),
    parseSequence(data.u, 'bookTicker.u'),
    parsePositiveDecimal(data.b, 'bookTicker.b'),
    parseNonNegativeDecimal(data.B, 'bookTicker.B'),
    parsePositiveDecimal(data.a, 'bookTicker.a'),
    parseNonNegativeDecimal(data.A, 'bookTicker.A'),
    0,
  );
}

function trade(data: WireObject, handler: FrameHandler): void {
  handler.trade(
    parseSymbol(data.s, 'trade.s'),
    String(parseSequence(data.t, 'trade.t')),
    parsePositiveDecimal(data.p, 'trade.p'),
    parsePositiveDecimal(data.q, 'trade.q'),
    parseTime(data.T, 'trade.T'),
  );
}

/** Binance's error text: its code and message. */
function errorText(error: WireObject): string {
  const text = typeof error.msg === 'string' ? error.msg : 'error';
  return typeof error.code === 'number' ? `${text} (code ${error.code})` : text;
}
