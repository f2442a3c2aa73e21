import { describe, expect, it } from 'vitest';
import {
  parseOrder,
  parseQuote,
  parseReport,
  parseTrade,
  Quote,
  Trade,
} from '../../src/market/index.js';
import { parseErrorOf } from './parse-error-of.js';

type Json = Record<string, unknown>;

/** A copy of `json` with `key` set to `value`, or removed when value is undefined. */
function change(json: Json, key: string, value: unknown): Json {
  const copy = { ...json };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

describe('parseQuote', () => {
  const json = {
    symbol: 'XYZ',
    bidPx: '99.5',
    bidQty: '300',
    askPx: '100.25',
    askQty: '0',
    time: 5,
  };

  it('reads a quote with exact decimals', () => {
    const quote = parseQuote(json);
    expect(quote).toBeInstanceOf(Quote);
    expect(quote.symbol).toBe('XYZ');
    expect(quote.bidPx.toString()).toBe('99.5');
    expect(quote.bidQty.toString()).toBe('300');
    expect(quote.askPx.toString()).toBe('100.25');
    expect(quote.askQty.toString()).toBe('0');
    expect(quote.time).toBe(5);
  });

  it('takes time zero when the time is absent or null, and ignores unknown fields', () => {
    expect(parseQuote(change(json, 'time', undefined)).time).toBe(0);
    expect(parseQuote(change(json, 'time', null)).time).toBe(0);
    expect(parseQuote(change(json, 'venue', 'X')).symbol).toBe('XYZ');
  });

  it.each([
    [
      'symbol',
      undefined,
      'quote.symbol: expected a symbol (non-empty, no surrounding spaces), got nothing',
    ],
    ['bidPx', 99.5, 'quote.bidPx: expected a decimal string, got number'],
    ['bidPx', '0', 'quote.bidPx: expected a positive decimal, got "0"'],
    ['bidQty', '-1', 'quote.bidQty: expected a non-negative decimal, got "-1"'],
    ['askPx', 'ask', 'quote.askPx: expected a decimal string, got "ask"'],
    ['askQty', undefined, 'quote.askQty: expected a decimal string, got nothing'],
    ['time', '5', 'quote.time: expected milliseconds since the epoch, got "5"'],
  ])('refuses a bad %s, naming it', (key, value, message) => {
    const error = parseErrorOf(() => parseQuote(change(json, key, value)));
    expect(error.field).toBe(`quote.${key}`);
    expect(error.message).toBe(message);
  });

  it('refuses anything that is not an object, under the path it was given', () => {
    expect(parseErrorOf(() => parseQuote([json])).message).toBe(
      'quote: expected an object, got array',
    );
    expect(parseErrorOf(() => parseQuote(null)).message).toBe(
      'quote: expected an object, got null',
    );
    expect(parseErrorOf(() => parseQuote('{}', 'msg.quote')).message).toBe(
      'msg.quote: expected an object, got "{}"',
    );
    expect(parseErrorOf(() => parseQuote({}, 'msg.quote')).field).toBe('msg.quote.symbol');
  });

  it('reads own fields only, never inherited ones', () => {
    const inherited: unknown = Object.create(json);
    expect(parseErrorOf(() => parseQuote(inherited)).field).toBe('quote.symbol');
  });
});

describe('parseTrade', () => {
  const json = { symbol: 'XYZ', px: '10.5', qty: '200', time: 9, tradeId: 't-1' };

  it('reads a single print', () => {
    const trade = parseTrade(json);
    expect(trade).toBeInstanceOf(Trade);
    expect(trade.symbol).toBe('XYZ');
    expect(trade.lastPx.toString()).toBe('10.5');
    expect(trade.lastQty.toString()).toBe('200');
    expect(trade.volume.toString()).toBe('200');
    expect(trade.count).toBe(1);
    expect(trade.time).toBe(9);
    expect(trade.tradeId).toBe('t-1');
  });

  it('leaves time zero and tradeId undefined when absent', () => {
    const trade = parseTrade({ symbol: 'XYZ', px: '1', qty: '1' });
    expect(trade.time).toBe(0);
    expect(trade.tradeId).toBeUndefined();
  });

  it.each([
    ['symbol', '', 'trade.symbol: expected a symbol (non-empty, no surrounding spaces), got ""'],
    ['px', 10.5, 'trade.px: expected a decimal string, got number'],
    ['qty', '0', 'trade.qty: expected a positive decimal, got "0"'],
    ['time', -1, 'trade.time: expected milliseconds since the epoch, got number'],
    ['tradeId', 17, 'trade.tradeId: expected a non-empty string, got number'],
  ])('refuses a bad %s, naming it', (key, value, message) => {
    const error = parseErrorOf(() => parseTrade(change(json, key, value)));
    expect(error.field).toBe(`trade.${key}`);
    expect(error.message).toBe(message);
  });
});

describe('parseReport', () => {
  const full = {
    orderId: 'o-1',
    venueOrderId: 'v-1',
    clOrdId: 'c-1',
    execId: 'e-1',
    status: 'PARTIALLY_FILLED',
    lastQty: '100',
    lastPx: '10.25',
    cumQty: '300',
    avgPx: '10.1',
    transactTime: 1_700_000_000_000,
    text: 'partial',
  };

  it('reads every field of a fill', () => {
    const report = parseReport(full);
    expect(report.orderId).toBe('o-1');
    expect(report.venueOrderId).toBe('v-1');
    expect(report.clOrdId).toBe('c-1');
    expect(report.execId).toBe('e-1');
    expect(report.status).toBe('partially_filled');
    expect(report.lastQty?.toString()).toBe('100');
    expect(report.lastPx?.toString()).toBe('10.25');
    expect(report.cumQty?.toString()).toBe('300');
    expect(report.avgPx?.toString()).toBe('10.1');
    expect(report.transactTime).toBe(1_700_000_000_000);
    expect(report.text).toBe('partial');
  });

  it('leaves absent and null optional fields out altogether', () => {
    const report = parseReport({ orderId: 'o-1', status: 'new', transactTime: 1, text: null });
    expect(Object.keys(report).sort()).toEqual(['orderId', 'status', 'transactTime']);
  });

  it('accepts the zeros FIX sends on an acknowledgement', () => {
    const ack = {
      orderId: 'o',
      status: 'new',
      transactTime: 1,
      lastQty: '0',
      lastPx: '0',
      avgPx: '0',
    };
    expect(parseReport(ack).lastPx?.toString()).toBe('0');
  });

  it.each([
    ['orderId', undefined, 'report.orderId: expected a non-empty string, got nothing'],
    ['venueOrderId', '', 'report.venueOrderId: expected a non-empty string, got ""'],
    ['clOrdId', 1, 'report.clOrdId: expected a non-empty string, got number'],
    ['execId', [], 'report.execId: expected a non-empty string, got array'],
    [
      'status',
      'done',
      `report.status: expected one of pending_new, new, partially_filled, filled, pending_cancel, canceled, pending_replace, rejected, expired, got "done"`,
    ],
    ['lastQty', '-5', 'report.lastQty: expected a non-negative decimal, got "-5"'],
    ['lastPx', 10.25, 'report.lastPx: expected a decimal string, got number'],
    ['cumQty', 'all', 'report.cumQty: expected a decimal string, got "all"'],
    ['avgPx', {}, 'report.avgPx: expected a decimal string, got object'],
    [
      'transactTime',
      undefined,
      'report.transactTime: expected milliseconds since the epoch, got nothing',
    ],
    ['text', 5, 'report.text: expected a string, got number'],
  ])('refuses a bad %s, naming it', (key, value, message) => {
    const error = parseErrorOf(() => parseReport(change(full, key, value)));
    expect(error.field).toBe(`report.${key}`);
    expect(error.message).toBe(message);
  });

  it('refuses a fill without a price', () => {
    for (const lastPx of [undefined, '0']) {
      const error = parseErrorOf(() => parseReport(change(full, 'lastPx', lastPx)));
      expect(error.message).toBe(
        'report.lastPx: expected a positive price, since lastQty is positive',
      );
    }
  });
});

describe('parseOrder', () => {
  const json = { orderId: 'o-1', side: 'BUY', symbol: 'XYZ', msgType: 'replace', quantity: '100' };

  it('reads the identity fields, and only those', () => {
    expect(parseOrder(json)).toStrictEqual({
      orderId: 'o-1',
      side: 'buy',
      symbol: 'XYZ',
      msgType: 'replace',
    });
  });

  it('lets a new order arrive without an ID, for exo to assign', () => {
    const order = parseOrder({ side: 'sell', symbol: 'XYZ', msgType: 'new' });
    expect(order).toStrictEqual({ side: 'sell', symbol: 'XYZ', msgType: 'new' });
    expect('orderId' in order).toBe(false);
  });

  it('refuses a replace or cancel that does not say which order', () => {
    const error = parseErrorOf(() => parseOrder(change(json, 'orderId', undefined)));
    expect(error.message).toBe(
      'order.orderId: expected the ID of the order to replace, got nothing',
    );
    expect(
      parseErrorOf(() => parseOrder({ side: 'buy', symbol: 'X', msgType: 'cancel' })).field,
    ).toBe('order.orderId');
  });

  it.each([
    ['orderId', '', 'order.orderId: expected a non-empty string, got ""'],
    ['side', 'long', 'order.side: expected one of buy, sell, got "long"'],
    [
      'symbol',
      ' XYZ',
      'order.symbol: expected a symbol (non-empty, no surrounding spaces), got " XYZ"',
    ],
    ['msgType', undefined, 'order.msgType: expected one of new, replace, cancel, got nothing'],
  ])('refuses a bad %s, naming it', (key, value, message) => {
    const error = parseErrorOf(() => parseOrder(change(json, key, value)));
    expect(error.field).toBe(`order.${key}`);
    expect(error.message).toBe(message);
  });
});
