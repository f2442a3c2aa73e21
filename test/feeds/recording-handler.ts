import type { FrameHandler, FrameParser } from '../../src/feeds/index.js';
import type { Decimal } from '../../src/market/decimal.js';
import { ParseError } from '../../src/market/parse-error.js';

/** A parser's findings, as plain values a test can compare. */
export type Finding =
  | {
      kind: 'quote';
      symbol: string;
      order: number;
      bidPx: string;
      bidQty: string;
      askPx: string;
      askQty: string;
      time: number;
    }
  | { kind: 'trade'; symbol: string; tradeId: string; px: string; qty: string; time: number }
  | { kind: 'pastTrade'; symbol: string; tradeId: string }
  | { kind: 'heartbeat' }
  | { kind: 'acknowledged' }
  | { kind: 'exchangeError'; text: string }
  | { kind: 'unknown'; description: string }
  | { kind: 'malformed'; field: string; message: string };

/** A frame handler that writes down everything a parser finds. */
export class RecordingHandler implements FrameHandler {
  readonly findings: Finding[] = [];

  quote(
    symbol: string,
    order: number,
    bidPx: Decimal,
    bidQty: Decimal,
    askPx: Decimal,
    askQty: Decimal,
    time: number,
  ): void {
    this.findings.push({
      kind: 'quote',
      symbol,
      order,
      bidPx: bidPx.toString(),
      bidQty: bidQty.toString(),
      askPx: askPx.toString(),
      askQty: askQty.toString(),
      time,
    });
  }

  trade(symbol: string, tradeId: string, px: Decimal, qty: Decimal, time: number): void {
    this.findings.push({
      kind: 'trade',
      symbol,
      tradeId,
      px: px.toString(),
      qty: qty.toString(),
      time,
    });
  }

  pastTrade(symbol: string, tradeId: string): void {
    this.findings.push({ kind: 'pastTrade', symbol, tradeId });
  }

  heartbeat(): void {
    this.findings.push({ kind: 'heartbeat' });
  }

  acknowledged(): void {
    this.findings.push({ kind: 'acknowledged' });
  }

  exchangeError(text: string): void {
    this.findings.push({ kind: 'exchangeError', text });
  }

  unknown(description: string): void {
    this.findings.push({ kind: 'unknown', description });
  }

  malformed(error: ParseError): void {
    this.findings.push({ kind: 'malformed', field: error.field, message: error.message });
  }
}

/** What a parser made of one frame: its findings, or the ParseError it threw. */
export function parse(parser: FrameParser, frame: string): Finding[] | ParseError {
  const handler = new RecordingHandler();
  try {
    parser(frame, handler);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  return handler.findings;
}
