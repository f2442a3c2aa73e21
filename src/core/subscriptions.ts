import type { EngineError } from './errors.js';
import type { MarketDataSink, MarketDataSubscriber } from './market-data.js';

/** What a subscription call that settled tells the dispatcher: an event, or a failure. */
export interface SubscriptionOutcomes {
  settled(event: 'subscribed' | 'unsubscribed', symbol: string): void;
  failed(error: EngineError): void;
}

/**
 * The dispatcher's calls to its market-data subscriber, one symbol's after another: each starts
 * once the one before it settled, so an unsubscribe cannot overtake a subscribe still in flight.
 * The subscriber sees, and `subscribed` and `unsubscribed` come out, in the order the calls were
 * made. Symbols do not wait for each other. A failure is an outcome, never thrown.
 */
export class Subscriptions {
  readonly #subscriber: MarketDataSubscriber;
  readonly #sink: MarketDataSink;
  readonly #outcomes: SubscriptionOutcomes;
  /** Per symbol with a call in flight, the last call made: it settles after all before it. */
  readonly #last = new Map<string, Promise<void>>();

  constructor(
    subscriber: MarketDataSubscriber,
    sink: MarketDataSink,
    outcomes: SubscriptionOutcomes,
  ) {
    this.#subscriber = subscriber;
    this.#sink = sink;
    this.#outcomes = outcomes;
  }

  /** Subscribes the symbol once the calls before it settled; resolves when this one has. */
  subscribe(symbol: string): Promise<void> {
    return this.#enqueue(symbol, 'subscribe', 'subscribed', () =>
      this.#subscriber.subscribe(symbol, this.#sink),
    );
  }

  /** Unsubscribes the symbol once the calls before it settled; resolves when this one has. */
  unsubscribe(symbol: string): Promise<void> {
    return this.#enqueue(symbol, 'unsubscribe', 'unsubscribed', () =>
      this.#subscriber.unsubscribe(symbol),
    );
  }

  #enqueue(
    symbol: string,
    verb: string,
    event: 'subscribed' | 'unsubscribed',
    call: () => void | Promise<void>,
  ): Promise<void> {
    const run = (): Promise<void> => this.#run(symbol, verb, event, call);
    const before = this.#last.get(symbol);
    // Nothing in flight: the call is made now, as it always was, not a microtask later.
    const settled = before === undefined ? run() : before.then(run);
    this.#last.set(symbol, settled);
    void settled.then(() => {
      if (this.#last.get(symbol) === settled) this.#last.delete(symbol);
    });
    return settled;
  }

  async #run(
    symbol: string,
    verb: string,
    event: 'subscribed' | 'unsubscribed',
    call: () => void | Promise<void>,
  ): Promise<void> {
    try {
      await call();
      this.#outcomes.settled(event, symbol);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#outcomes.failed({
        source: 'subscription',
        symbol,
        error,
        message: `${verb} ${symbol} failed: ${reason}`,
      });
    }
  }
}
