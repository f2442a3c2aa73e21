import type { MarketDataSink } from '../../../src/core/market-data.js';
import type { Quote } from '../../../src/market/quote.js';
import type { Trade } from '../../../src/market/trade.js';

/** One event a market emitted, as a test records it. */
export type MarketEvent =
  | { readonly kind: 'quote'; readonly quote: Quote }
  | { readonly kind: 'trade'; readonly trade: Trade };

/** A sink that keeps every event, in order. */
export function recorder(): MarketDataSink & { readonly events: MarketEvent[] } {
  const events: MarketEvent[] = [];
  return {
    events,
    quote: (quote) => events.push({ kind: 'quote', quote }),
    trade: (trade) => events.push({ kind: 'trade', trade }),
  };
}

/** An event as plain text, so that two recordings compare exactly. */
export function describe(event: MarketEvent): string {
  if (event.kind === 'quote') {
    const q = event.quote;
    return `Q ${q.symbol} ${q.bidQty.toFixed()}@${q.bidPx.toFixed()} ${q.askQty.toFixed()}@${q.askPx.toFixed()} ${q.time}`;
  }
  const t = event.trade;
  return `T ${t.symbol} ${t.lastQty.toFixed()}@${t.lastPx.toFixed()} ${t.tradeId} ${t.time}`;
}

/** The symbol an event is about. */
export function symbolOf(event: MarketEvent): string {
  return event.kind === 'quote' ? event.quote.symbol : event.trade.symbol;
}

/** The time an event carries. */
export function timeOf(event: MarketEvent): number {
  return event.kind === 'quote' ? event.quote.time : event.trade.time;
}
