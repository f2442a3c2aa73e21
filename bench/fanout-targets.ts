import { RealClock } from '../src/core/clock.js';
import type { DelegateFactory } from '../src/core/delegate.js';
import { Dispatcher } from '../src/core/dispatcher.js';
import type { MarketDataSink, MarketDataSubscriber } from '../src/core/market-data.js';
import type { DispatcherStats } from '../src/core/stats.js';
import { Engine } from '../src/engine/engine.js';
import { SqliteJournal } from '../src/journal/sqlite-journal.js';
import { decimal } from '../src/market/decimal.js';
import type { Order } from '../src/market/order.js';
import type { Quote } from '../src/market/quote.js';
import type { Trade } from '../src/market/trade.js';
import type { ParentOrder } from '../src/orders/parent-order.js';
import type { TickSink } from './fanout-ticks.js';
import { NullVenue } from './null-venue.js';

/** What a fan-out run pushes ticks into and reads counters from: a bare dispatcher or an engine. */
export interface FanoutTarget {
  quote(quote: Quote, at: number): void;
  trade(trade: Trade, at: number): void;
  readonly stats: DispatcherStats;
  stop(): Promise<void>;
}

/** The orders of a run: `perSymbol` of each symbol, alternating buy and sell. */
export interface FanoutOrders {
  readonly symbols: readonly string[];
  readonly perSymbol: number;
}

/** The bare dispatcher, fed by hand: the core's fan-out with nothing of the engine around it. */
export function dispatcherTarget(
  factory: DelegateFactory<Order>,
  orders: FanoutOrders,
): FanoutTarget {
  const drainBudget = process.env.EXO_BENCH_DRAIN_BUDGET;
  const dispatcher = new Dispatcher<Order>({
    factory,
    ...(drainBudget ? { drainBudget: Number(drainBudget) } : {}),
  });
  for (const symbol of orders.symbols) {
    for (let i = 0; i < orders.perSymbol; i++) {
      dispatcher.submit({ side: i % 2 === 0 ? 'buy' : 'sell', symbol, msgType: 'new' });
    }
  }
  return {
    quote: (quote) => dispatcher.quote(quote),
    trade: (trade) => dispatcher.trade(trade),
    stats: dispatcher.stats,
    stop: () => dispatcher.stop(),
  };
}

/**
 * The engine `exo` runs, as it composes the dispatcher (its action timing, metrics, shared
 * market data, quote board, reference prices, daily loss) over an in-memory journal and a venue
 * that does nothing, with `factory`'s delegates as the one algorithm. The orders are placed
 * through intake, as the API places them; the ticks come in through the market data the engine
 * subscribed, one sink per symbol, as a feed delivers them.
 */
export async function engineTarget(
  factory: DelegateFactory<Order>,
  orders: FanoutOrders,
): Promise<FanoutTarget> {
  const clock = new RealClock();
  const market = new PushedMarket();
  const engine = new Engine({
    clock,
    marketData: market,
    venue: new NullVenue(),
    journal: SqliteJournal.inMemory({ clock }),
    createFactory: () => factory as DelegateFactory<ParentOrder>,
    algos: ['bench'],
    symbols: orders.symbols,
  });
  await engine.start();
  await engine.recover();
  engine.ready();
  for (const symbol of orders.symbols) {
    for (let i = 0; i < orders.perSymbol; i++) {
      const prepared = engine.intake.prepareNew({
        side: i % 2 === 0 ? 'buy' : 'sell',
        symbol,
        quantity: decimal('1'),
        algo: 'bench',
        params: {},
      });
      const refused = await engine.intake.commit(prepared);
      if (refused !== undefined) throw new Error(`order refused: ${JSON.stringify(refused)}`);
    }
  }
  const sinks = orders.symbols.map((symbol) => market.sink(symbol));
  return {
    quote: (quote, at) => sinks[at]!.quote(quote),
    trade: (trade, at) => sinks[at]!.trade(trade),
    stats: engine.dispatcher.stats,
    stop: () => engine.stop(),
  };
}

/** A market whose ticks the benchmark pushes: it keeps the sink the engine subscribed per symbol. */
class PushedMarket implements MarketDataSubscriber {
  readonly #sinks = new Map<string, MarketDataSink>();

  subscribe(symbol: string, sink: MarketDataSink): void {
    this.#sinks.set(symbol, sink);
  }

  unsubscribe(symbol: string): void {
    this.#sinks.delete(symbol);
  }

  sink(symbol: string): MarketDataSink {
    const sink = this.#sinks.get(symbol);
    if (sink === undefined) throw new Error(`the engine did not subscribe ${symbol}`);
    return sink;
  }
}

/**
 * The floor: the same ticks handed straight to `perSymbol` plain receivers per symbol (found by a Map
 * lookup, as the dispatcher finds its symbol), with no queue, no conflation and no order process.
 */
export function floorSink(
  symbols: readonly string[],
  perSymbol: number,
): { symbols: readonly string[]; sink: TickSink } {
  const receivers = new Map(
    symbols.map((symbol) => [
      symbol,
      Array.from({ length: perSymbol }, () => ({
        quote: undefined as Quote | undefined,
        trade: undefined as Trade | undefined,
      })),
    ]),
  );
  return {
    symbols,
    sink: {
      quote(quote) {
        for (const receiver of receivers.get(quote.symbol)!) receiver.quote = quote;
      },
      trade(trade) {
        for (const receiver of receivers.get(trade.symbol)!) receiver.trade = trade;
      },
    },
  };
}
