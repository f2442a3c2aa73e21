import type { MarketDataSink, MarketDataSubscriber } from '../core/market-data.js';
import type { FeedGap } from '../feeds/connection/feed-events.js';
import type { Decimal } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';
import type { TickEvent } from './tick-event.js';

/** A symbol's grids as a recording keeps them, where the source knows them. */
export interface TickGrid {
  readonly tickSize?: string;
  readonly lotSize?: string;
}

/** What a recorder writes to and reads its times from. */
export interface TickRecorderOptions {
  /** Where each event goes (a TickWriter's `write`). */
  readonly write: (event: TickEvent) => void;
  /** The receive clock, integer µs (monotonicMicros live; a virtual clock's time × 1000 in tests). */
  readonly nowUs: () => number;
  /** A symbol's grids, where known. */
  readonly grid?: (symbol: string) => TickGrid | undefined;
}

/**
 * Turns what a feed emits into a recording's events: each quote and trade as it arrives (venue
 * time from its `time`, receive time from the recorder's clock), a symbol's definition before its
 * first event, and the feed's gaps. Decimals are written in plain notation (big.js `toFixed()`):
 * the feed adapters parse the venue's text into decimals, so a venue's trailing zeros are not kept.
 */
export class TickRecorder implements MarketDataSink {
  readonly #options: TickRecorderOptions;
  readonly #defined = new Set<string>();

  constructor(options: TickRecorderOptions) {
    this.#options = options;
  }

  quote(quote: Quote): void {
    const recvUs = this.#define(quote.symbol);
    this.#options.write({
      kind: 'quote',
      symbol: quote.symbol,
      venueUs: Math.round(quote.time * 1000),
      recvUs,
      bidPx: text(quote.bidPx),
      bidQty: text(quote.bidQty),
      askPx: text(quote.askPx),
      askQty: text(quote.askQty),
    });
  }

  trade(trade: Trade): void {
    const recvUs = this.#define(trade.symbol);
    this.#options.write({
      kind: 'trade',
      symbol: trade.symbol,
      venueUs: Math.round(trade.time * 1000),
      recvUs,
      px: text(trade.lastPx),
      qty: text(trade.lastQty),
      ...(trade.tradeId === undefined ? {} : { tradeId: trade.tradeId }),
    });
  }

  /** A feed's gap: its symbols' data may be missing between `from` and `to`. */
  gap(gap: FeedGap): void {
    this.#options.write({
      kind: 'gap',
      recvUs: this.#options.nowUs(),
      symbols: [...gap.symbols],
      fromUs: Math.round(gap.from * 1000),
      toUs: Math.round(gap.to * 1000),
    });
  }

  /** `sink`, with every quote and trade recorded on the way to it. */
  tap(sink: MarketDataSink): MarketDataSink {
    return {
      quote: (quote) => {
        this.quote(quote);
        sink.quote(quote);
      },
      trade: (trade) => {
        this.trade(trade);
        sink.trade(trade);
      },
    };
  }

  /** `source`, with every subscription's data recorded (tap) before it reaches its subscriber. */
  subscriber(source: MarketDataSubscriber): MarketDataSubscriber {
    return {
      subscribe: (symbol, sink) => source.subscribe(symbol, this.tap(sink)),
      unsubscribe: (symbol) => source.unsubscribe(symbol),
    };
  }

  /** The receive time now, after writing the symbol's definition if this is its first event. */
  #define(symbol: string): number {
    const recvUs = this.#options.nowUs();
    if (!this.#defined.has(symbol)) {
      this.#defined.add(symbol);
      this.#options.write({ kind: 'symbol', symbol, recvUs, ...this.#options.grid?.(symbol) });
    }
    return recvUs;
  }
}

function text(value: Decimal): string {
  return value.toFixed();
}
