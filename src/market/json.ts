import type { Decimal } from './decimal.js';
import type { ExecType } from './exec-type.js';
import { extended } from './extended.js';
import type { OrdStatus } from './ord-status.js';
import type { Quote } from './quote.js';
import type { Report } from './report.js';
import type { Trade } from './trade.js';

/**
 * A record's JSON form: each decimal field a string (as decimalToJSON writes it), every other
 * field as it is, optional ones still optional. The wire forms of a record are derived with it,
 * so that they follow the record's fields and a converter that leaves a required one out does
 * not compile. Only the record's own fields are converted: nested objects are kept as they are.
 */
export type JsonOf<T> = { readonly [K in keyof T]: DecimalAsString<T[K]> };

/** A field's JSON type: a decimal (or an optional one) becomes a string. */
type DecimalAsString<V> = V extends Decimal ? string : V;

/** A quote as exo writes it to JSON: decimals as strings, as `parseQuote` reads them back. */
export interface QuoteJSON {
  readonly symbol: string;
  readonly bidPx: string;
  readonly bidQty: string;
  readonly askPx: string;
  readonly askQty: string;
  readonly time: number;
}

/** A trade as exo writes it to JSON: the last print's px and qty, plus volume, VWAP and count. */
export interface TradeJSON {
  readonly symbol: string;
  readonly px: string;
  readonly qty: string;
  readonly volume: string;
  readonly vwap: string;
  readonly count: number;
  readonly time: number;
  readonly tradeId?: string;
}

/** An execution report as exo writes it to JSON: absent fields are left out, not null. */
export interface ReportJSON {
  readonly orderId: string;
  readonly venueOrderId?: string;
  readonly clOrdId?: string;
  readonly execId?: string;
  readonly execType?: ExecType;
  readonly status: OrdStatus;
  readonly lastQty?: string;
  readonly lastPx?: string;
  readonly cumQty?: string;
  readonly leavesQty?: string;
  readonly avgPx?: string;
  readonly transactTime: number;
  readonly text?: string;
}

/** A decimal's wire form: plain notation (`"0.00000001"`, never `"1e-8"`), which every reader accepts. */
export function decimalToJSON(value: Decimal): string {
  return value.toFixed();
}

/** The JSON form of a quote. */
export function quoteToJSON(quote: Quote): QuoteJSON {
  return {
    symbol: quote.symbol,
    bidPx: decimalToJSON(quote.bidPx),
    bidQty: decimalToJSON(quote.bidQty),
    askPx: decimalToJSON(quote.askPx),
    askQty: decimalToJSON(quote.askQty),
    time: quote.time,
  };
}

/** The JSON form of a trade; `parseTrade` reads back its last print, not the aggregate figures. */
export function tradeToJSON(trade: Trade): TradeJSON {
  const json: TradeJSON = {
    symbol: trade.symbol,
    px: decimalToJSON(trade.lastPx),
    qty: decimalToJSON(trade.lastQty),
    volume: decimalToJSON(trade.volume),
    vwap: decimalToJSON(trade.vwap),
    count: trade.count,
    time: trade.time,
  };
  return trade.tradeId === undefined ? json : extended(json, { tradeId: trade.tradeId });
}

/** The JSON form of an execution report. */
export function reportToJSON(report: Report): ReportJSON {
  const json: { -readonly [K in keyof ReportJSON]: ReportJSON[K] } = {
    orderId: report.orderId,
    status: report.status,
    transactTime: report.transactTime,
  };
  if (report.venueOrderId !== undefined) json.venueOrderId = report.venueOrderId;
  if (report.clOrdId !== undefined) json.clOrdId = report.clOrdId;
  if (report.execId !== undefined) json.execId = report.execId;
  if (report.execType !== undefined) json.execType = report.execType;
  if (report.lastQty !== undefined) json.lastQty = decimalToJSON(report.lastQty);
  if (report.lastPx !== undefined) json.lastPx = decimalToJSON(report.lastPx);
  if (report.cumQty !== undefined) json.cumQty = decimalToJSON(report.cumQty);
  if (report.leavesQty !== undefined) json.leavesQty = decimalToJSON(report.leavesQty);
  if (report.avgPx !== undefined) json.avgPx = decimalToJSON(report.avgPx);
  if (report.text !== undefined) json.text = report.text;
  return json;
}
