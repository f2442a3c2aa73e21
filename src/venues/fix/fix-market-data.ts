import type { MarketDataSink, MarketDataSubscriber } from '../../core/market-data.js';
import type { FixField, FixMessage } from '../../fix/message.js';
import { type Decimal, decimal } from '../../market/decimal.js';
import { Quote } from '../../market/quote.js';
import { Trade } from '../../market/trade.js';
import { AppMsgType, AppTag } from './app-tags.js';
import { marketDataRequest } from './fix-requests.js';

/** One side of a symbol's top of book. */
interface Touch {
  px: Decimal;
  qty: Decimal;
}

/**
 * The FIX venue's market data as a MarketDataSubscriber: each subscribed symbol gets a
 * MarketDataRequest (V, snapshot plus updates of the top of book and trades), sent again after
 * every logon; a snapshot (W) becomes a quote once both sides are known, an incremental refresh
 * (X) of trades becomes trades, a MarketDataRequestReject (Y) goes to `onProblem`.
 */
export class FixMarketData implements MarketDataSubscriber {
  readonly #sinks = new Map<string, MarketDataSink>();
  readonly #touch = new Map<string, { bid?: Touch; ask?: Touch }>();
  #next = 0;

  constructor(
    /** Sends a V when logged on; returns false when it cannot now (it goes at the next logon). */
    readonly send: (body: FixField[]) => boolean,
    readonly onProblem: (problem: string) => void,
    readonly now: () => number,
  ) {}

  subscribe(symbol: string, sink: MarketDataSink): void {
    const known = this.#sinks.has(symbol);
    this.#sinks.set(symbol, sink);
    if (!known) this.#request([symbol]);
  }

  /** Stops passing the symbol on (its updates are dropped; FIX 263=2 is not sent). */
  unsubscribe(symbol: string): void {
    this.#sinks.delete(symbol);
    this.#touch.delete(symbol);
  }

  /** Logged on: asks again for every subscribed symbol, since the venue forgets subscriptions. */
  loggedOn(): void {
    if (this.#sinks.size > 0) this.#request([...this.#sinks.keys()]);
  }

  /** Takes a W, X or Y; false for any other message. */
  receive(message: FixMessage): boolean {
    switch (message.msgType) {
      case AppMsgType.MarketDataSnapshot:
        this.#snapshot(message);
        return true;
      case AppMsgType.MarketDataIncremental:
        this.#incremental(message);
        return true;
      case AppMsgType.MarketDataRequestReject:
        this.onProblem(
          `market data request ${message.get(AppTag.MDReqID)} rejected (reason ${message.get(AppTag.MDReqRejReason) ?? '?'}): ${message.get(AppTag.Text) ?? ''}`,
        );
        return true;
      default:
        return false;
    }
  }

  #request(symbols: string[]): void {
    this.send(marketDataRequest(`md-${this.now().toString(36)}-${++this.#next}`, symbols));
  }

  #snapshot(message: FixMessage): void {
    const symbol = message.get(AppTag.Symbol);
    const sink = symbol === undefined ? undefined : this.#sinks.get(symbol);
    if (symbol === undefined || sink === undefined) return;
    const touch = this.#touch.get(symbol) ?? {};
    for (const entry of entries(message.fields, AppTag.MDEntryType)) {
      const px = entry.get(AppTag.MDEntryPx);
      const qty = entry.get(AppTag.MDEntrySize);
      const type = entry.get(AppTag.MDEntryType);
      if (px === undefined || qty === undefined || (type !== '0' && type !== '1')) continue;
      const side = { px: decimal(px), qty: decimal(qty) };
      if (type === '0') touch.bid = side;
      else touch.ask = side;
    }
    this.#touch.set(symbol, touch);
    if (touch.bid === undefined || touch.ask === undefined) return;
    sink.quote(
      Quote.of({
        symbol,
        bidPx: touch.bid.px,
        bidQty: touch.bid.qty,
        askPx: touch.ask.px,
        askQty: touch.ask.qty,
        time: this.now(),
      }),
    );
  }

  #incremental(message: FixMessage): void {
    for (const entry of entries(message.fields, AppTag.MDUpdateAction)) {
      const symbol = entry.get(AppTag.Symbol);
      const sink = symbol === undefined ? undefined : this.#sinks.get(symbol);
      const px = entry.get(AppTag.MDEntryPx);
      const qty = entry.get(AppTag.MDEntrySize);
      if (sink === undefined || px === undefined || qty === undefined) continue;
      if (entry.get(AppTag.MDEntryType) !== '2') continue;
      sink.trade(Trade.of(symbol!, decimal(px), decimal(qty), this.now()));
    }
  }
}

/** The entries of a repeating group: each starts at a field with tag `first`. */
function entries(fields: readonly FixField[], first: number): Map<number, string>[] {
  const out: Map<number, string>[] = [];
  for (const [tag, value] of fields) {
    if (tag === first) out.push(new Map());
    const entry = out.at(-1);
    if (entry !== undefined && !entry.has(tag)) entry.set(tag, value);
  }
  return out;
}
