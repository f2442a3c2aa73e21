import type { MarketDataSink, MarketDataSubscriber } from '../core/market-data.js';
import { type Decimal, decimal } from '../market/decimal.js';
import { Quote } from '../market/quote.js';
import { Trade } from '../market/trade.js';
import type { QuoteTick, TickEvent, TradeTick } from '../ticks/tick-event.js';
import type { PaperInstrument, PaperMarket } from '../venues/paper/paper-market.js';

/** A recorded figure that is not a decimal, named by symbol, field, value and receive time. */
export class ReplayDataError extends Error {
  override readonly name = 'ReplayDataError';
}

/** The grid of a symbol whose recording defines none: fine enough for any venue's decimals. */
const DEFAULT_GRID = decimal('0.00000001');

/** What the replay knows of one symbol: its latest quote (parsed only when read) and who listens. */
interface SymbolState {
  latest: QuoteTick | undefined;
  parsed: Quote | undefined;
  instrument: PaperInstrument | undefined;
  sink: MarketDataSink | undefined;
  watchers: number;
}

/**
 * The recording as the engine sees it: the market data the dispatcher and the quote board
 * subscribe to, and the market the paper venue matches against. Events are pushed in file order;
 * a quote or trade becomes decimals only when someone listens to its symbol (a subscriber, or the
 * venue watching a resting order) or asks for its top of book, so symbols nobody trades cost a map
 * lookup per event. Our fills never change it: it only ever shows what was recorded.
 */
export class ReplayMarket implements MarketDataSubscriber, PaperMarket {
  readonly #symbols = new Map<string, SymbolState>();
  readonly #observers = new Set<MarketDataSink>();
  /** Called with the symbol of every event delivered to a subscriber (the replay counts them). */
  readonly #onDelivered: (symbol: string) => void;

  constructor(onDelivered: (symbol: string) => void = () => {}) {
    this.#onDelivered = onDelivered;
  }

  /** Takes the recording's next event; true when it reached a subscriber or the venue. */
  push(event: TickEvent): boolean {
    if (event.kind === 'quote') return this.#quote(event);
    if (event.kind === 'trade') return this.#trade(event);
    if (event.kind === 'symbol') {
      const state = this.#state(event.symbol);
      state.instrument = {
        tick:
          event.tickSize === undefined ? DEFAULT_GRID : figure(event.tickSize, event, 'tickSize'),
        lot: event.lotSize === undefined ? DEFAULT_GRID : figure(event.lotSize, event, 'lotSize'),
      };
    }
    return false;
  }

  subscribe(symbol: string, sink: MarketDataSink): void {
    this.#state(symbol).sink = sink;
  }

  unsubscribe(symbol: string): void {
    const state = this.#symbols.get(symbol);
    if (state !== undefined) state.sink = undefined;
  }

  /** The symbol's grids as its definition in the recording gives them, else DEFAULT_GRID. */
  instrument(symbol: string): PaperInstrument {
    const state = this.#state(symbol);
    state.instrument ??= { tick: DEFAULT_GRID, lot: DEFAULT_GRID };
    return state.instrument;
  }

  /** The symbol's latest recorded quote, parsed once. */
  quote(symbol: string): Quote | undefined {
    const state = this.#symbols.get(symbol);
    return state === undefined ? undefined : parsed(state);
  }

  observe(observer: MarketDataSink): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Observers hear a symbol's events only while it is watched (the venue's resting orders). */
  watch(symbol: string): () => void {
    const state = this.#state(symbol);
    state.watchers++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.watchers--;
    };
  }

  #quote(event: QuoteTick): boolean {
    const state = this.#state(event.symbol);
    state.latest = event;
    state.parsed = undefined;
    if (state.sink === undefined && state.watchers === 0) return false;
    const quote = parsed(state)!;
    if (state.watchers > 0) for (const observer of this.#observers) observer.quote(quote);
    if (state.sink !== undefined) {
      this.#onDelivered(event.symbol);
      state.sink.quote(quote);
    }
    return true;
  }

  #trade(event: TradeTick): boolean {
    const state = this.#state(event.symbol);
    if (state.sink === undefined && state.watchers === 0) return false;
    const time = (event.venueUs || event.recvUs) / 1000;
    const trade = Trade.of(
      event.symbol,
      figure(event.px, event, 'px'),
      figure(event.qty, event, 'qty'),
      time,
      event.tradeId,
    );
    if (state.watchers > 0) for (const observer of this.#observers) observer.trade(trade);
    if (state.sink !== undefined) {
      this.#onDelivered(event.symbol);
      state.sink.trade(trade);
    }
    return true;
  }

  #state(symbol: string): SymbolState {
    let state = this.#symbols.get(symbol);
    if (state === undefined) {
      state = {
        latest: undefined,
        parsed: undefined,
        instrument: undefined,
        sink: undefined,
        watchers: 0,
      };
      this.#symbols.set(symbol, state);
    }
    return state;
  }
}

/** The state's latest quote as decimals, parsed on first use and kept until the next. */
function parsed(state: SymbolState): Quote | undefined {
  const tick = state.latest;
  if (tick === undefined) return undefined;
  state.parsed ??= new Quote(
    tick.symbol,
    figure(tick.bidPx, tick, 'bidPx'),
    figure(tick.bidQty, tick, 'bidQty'),
    figure(tick.askPx, tick, 'askPx'),
    figure(tick.askQty, tick, 'askQty'),
    (tick.venueUs || tick.recvUs) / 1000,
  );
  return state.parsed;
}

/** One of an event's decimal fields, parsed; a ReplayDataError naming it when it is not one. */
function figure(text: string, event: TickEvent, field: string): Decimal {
  try {
    return decimal(text);
  } catch {
    const symbol = 'symbol' in event ? event.symbol : '';
    throw new ReplayDataError(
      `${symbol} event at ${event.recvUs} us: ${field}: ${JSON.stringify(text)} is not a decimal`,
    );
  }
}
