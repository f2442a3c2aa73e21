import type { Decimal } from '../../market/decimal.js';
import { ParseError } from '../../market/parse-error.js';
import {
  parseId,
  parseNonNegativeDecimal,
  parsePositiveDecimal,
  parseSymbol,
} from '../../market/parse-field.js';
import type { FrameHandler, FrameParser } from '../connection/exchange-protocol.js';
import { numbersAsText } from '../connection/numbers-as-text.js';
import {
  describeValue,
  parseIsoTime,
  parseJsonObject,
  type WireObject,
  wireArray,
  wireObject,
} from '../connection/wire-fields.js';

/** BitMEX sends these as JSON numbers: they are quoted from the raw text before JSON.parse. */
const quoteNumbers = numbersAsText(['bidPrice', 'askPrice', 'bidSize', 'askSize', 'price', 'size']);

/** The last full quote row of a symbol, so an `update` carrying only changed fields can be completed. */
interface QuoteRow {
  bidPx: Decimal;
  bidQty: Decimal;
  askPx: Decimal;
  askQty: Decimal;
}

/**
 * A parser for one BitMEX realtime connection: the `quote` and `trade` tables with their `partial`
 * (the image on subscribing), `insert` and `update` actions; `pong`; the welcome; subscription
 * replies `{success, subscribe|unsubscribe}` and errors `{status, error}`. BitMEX prices and sizes
 * are JSON numbers, so their digits are taken from the raw text (see numbersAsText), never a float.
 * A trade `partial` lists past trades: they are remembered (never delivered) so they are not taken
 * for new ones. Quotes are ordered by their timestamp (BitMEX gives no sequence).
 */
export function newBitmexParser(): FrameParser {
  const lastQuotes = new Map<string, QuoteRow>();
  return (frame, handler) => {
    if (frame === 'pong') {
      handler.heartbeat();
      return;
    }
    const message = parseJsonObject(quoteNumbers(frame), 'bitmex');
    if (message.table !== undefined) {
      table(message, handler, lastQuotes);
    } else if (message.success === true) {
      handler.acknowledged();
    } else if (message.error !== undefined) {
      handler.exchangeError(errorText(message));
    } else if (typeof message.info === 'string') {
      handler.heartbeat();
    } else {
      handler.unknown('bitmex message without table, success, error or info');
    }
  };
}

function table(
  message: WireObject,
  handler: FrameHandler,
  lastQuotes: Map<string, QuoteRow>,
): void {
  const { action } = message;
  const rows = wireArray(message.data, 'bitmex.data');
  if (action !== 'partial' && action !== 'insert' && action !== 'update' && action !== 'delete') {
    throw ParseError.expected('bitmex.action', 'partial, insert, update or delete', action);
  }
  if (message.table === 'quote' && action !== 'delete') {
    eachRow(rows, handler, (row, field) => quoteRow(row, field, action, handler, lastQuotes));
  } else if (message.table === 'trade' && (action === 'insert' || action === 'partial')) {
    eachRow(rows, handler, (row, field) => tradeRow(row, field, action, handler));
  } else {
    handler.unknown(`bitmex ${action} of table ${describeValue(message.table)}`);
  }
}

/** Each row on its own: a bad row is reported and skipped, the others still count. */
function eachRow(
  rows: readonly unknown[],
  handler: FrameHandler,
  read: (row: WireObject, field: string) => void,
): void {
  for (let i = 0; i < rows.length; i++) {
    const field = `bitmex.data[${i}]`;
    try {
      read(wireObject(rows[i], field), field);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      handler.malformed(error);
    }
  }
}

function quoteRow(
  row: WireObject,
  field: string,
  action: 'partial' | 'insert' | 'update',
  handler: FrameHandler,
  lastQuotes: Map<string, QuoteRow>,
): void {
  const symbol = parseSymbol(row.symbol, `${field}.symbol`);
  const time = parseIsoTime(row.timestamp, `${field}.timestamp`);
  const previous = action === 'update' ? lastQuotes.get(symbol) : undefined;
  if (action === 'update' && previous === undefined) {
    throw new ParseError(`${field}.symbol`, `update of ${symbol} before its partial or insert`);
  }
  const quote: QuoteRow = {
    bidPx: orPrevious(row.bidPrice, `${field}.bidPrice`, parsePositiveDecimal, previous?.bidPx),
    bidQty: orPrevious(row.bidSize, `${field}.bidSize`, parseNonNegativeDecimal, previous?.bidQty),
    askPx: orPrevious(row.askPrice, `${field}.askPrice`, parsePositiveDecimal, previous?.askPx),
    askQty: orPrevious(row.askSize, `${field}.askSize`, parseNonNegativeDecimal, previous?.askQty),
  };
  lastQuotes.set(symbol, quote);
  handler.quote(symbol, time, quote.bidPx, quote.bidQty, quote.askPx, quote.askQty, time);
}

/** A field of a row; on an update, an absent field keeps its previous value. */
function orPrevious(
  value: unknown,
  field: string,
  parse: (value: unknown, field: string) => Decimal,
  previous: Decimal | undefined,
): Decimal {
  return value === undefined && previous !== undefined ? previous : parse(value, field);
}

function tradeRow(
  row: WireObject,
  field: string,
  action: 'partial' | 'insert',
  handler: FrameHandler,
): void {
  const symbol = parseSymbol(row.symbol, `${field}.symbol`);
  const tradeId = parseId(row.trdMatchID, `${field}.trdMatchID`);
  if (action === 'partial') {
    handler.pastTrade(symbol, tradeId);
    return;
  }
  handler.trade(
    symbol,
    tradeId,
    parsePositiveDecimal(row.price, `${field}.price`),
    parsePositiveDecimal(row.size, `${field}.size`),
    parseIsoTime(row.timestamp, `${field}.timestamp`),
  );
}

/** BitMEX's error text: its `error`, with the HTTP-like status when given. */
function errorText(message: WireObject): string {
  const text = typeof message.error === 'string' ? message.error : describeValue(message.error);
  return typeof message.status === 'number' ? `${text} (status ${message.status})` : text;
}
