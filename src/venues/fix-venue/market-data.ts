import type { FixField, FixMessage } from '../../fix/message.js';
import type { Quote } from '../../market/quote.js';
import type { Trade } from '../../market/trade.js';
import { AppMsgType, AppTag } from './app-tags.js';
import { refuseLacking } from './business-rejects.js';
import type { SendTo } from './fix-book.js';

/** One MarketDataRequest (V) in force: what it asked for, and the touch last sent per symbol. */
interface Subscription {
  readonly symbols: readonly string[];
  readonly book: boolean;
  readonly trades: boolean;
  readonly lastTouch: Map<string, string>;
  /** Per symbol, the latest quote and print held back while the owner's connection was backed up. */
  readonly held: Map<string, { quote?: Quote; trade?: Trade }>;
}

/**
 * Market data over FIX: a MarketDataRequest (V, 263=1) subscribes its symbols; the venue answers
 * each with a MarketDataSnapshotFullRefresh (W: bid and offer at the touch) at once and whenever
 * the touch changes, and sends every trade as a MarketDataIncrementalRefresh (X). 263=0 asks one
 * snapshot, 263=2 unsubscribes the MDReqID; an unknown symbol gets a MarketDataRequestReject (Y).
 * Subscriptions end when the session disconnects. W and X are never replayed (see `replayable`).
 * While an owner's connection is backed up (`backedUp`), its market data is conflated per symbol:
 * only the latest quote and the latest print are kept, and sent at the next event once it drains.
 */
export class MarketDataDesk {
  readonly #subs = new Map<string, Map<string, Subscription>>();

  constructor(
    readonly sendTo: SendTo,
    readonly known: (symbol: string) => boolean,
    readonly quoteOf: (symbol: string) => Quote | undefined,
    readonly backedUp: (owner: string) => boolean = () => false,
  ) {}

  /** A MarketDataRequest (V) from `owner`. */
  request(owner: string, m: FixMessage): void {
    const needed = [AppTag.MDReqID, AppTag.SubscriptionRequestType];
    if (refuseLacking(this.sendTo, owner, m, needed)) return;
    const reqId = m.get(AppTag.MDReqID)!;
    const type = m.get(AppTag.SubscriptionRequestType)!;
    const mine = this.#subs.get(owner) ?? new Map<string, Subscription>();
    this.#subs.set(owner, mine);
    if (type === '2') {
      mine.delete(reqId);
      return;
    }
    const symbols = m.all(AppTag.Symbol);
    const types = new Set(m.all(AppTag.MDEntryType));
    const unknown = symbols.find((s) => !this.known(s));
    const problem =
      type !== '0' && type !== '1'
        ? `SubscriptionRequestType ${type} is not supported (0, 1, 2)`
        : symbols.length === 0
          ? 'No symbol requested'
          : unknown !== undefined
            ? `Unknown symbol ${unknown}`
            : [...types].some((t) => !['0', '1', '2'].includes(t)) || types.size === 0
              ? 'MDEntryType must be 0, 1 or 2'
              : undefined;
    if (problem !== undefined) {
      const body: FixField[] = [
        [AppTag.MDReqID, reqId],
        [AppTag.MDReqRejReason, '0'],
        [AppTag.Text, problem],
      ];
      this.sendTo(owner, AppMsgType.MarketDataRequestReject, body);
      return;
    }
    const sub: Subscription = {
      symbols,
      book: types.has('0') || types.has('1'),
      trades: types.has('2'),
      lastTouch: new Map(),
      held: new Map(),
    };
    if (type === '1') mine.set(reqId, sub);
    for (const symbol of symbols) {
      const quote = this.quoteOf(symbol);
      this.#snapshot(owner, reqId, sub, symbol, quote, true);
    }
  }

  /** The owner's session is gone: its subscriptions end. */
  drop(owner: string): void {
    this.#subs.delete(owner);
  }

  /** A new top of book: a W to every subscription of the symbol whose touch changed. */
  quote(quote: Quote): void {
    this.#each(quote.symbol, (owner, reqId, sub) => {
      if (!sub.book) return;
      if (this.backedUp(owner)) this.#hold(sub, quote.symbol).quote = quote;
      else this.#snapshot(owner, reqId, sub, quote.symbol, quote, false);
    });
  }

  /** A print: an X to every subscription of the symbol that asked for trades. */
  trade(trade: Trade): void {
    this.#each(trade.symbol, (owner, reqId, sub) => {
      if (!sub.trades) return;
      if (this.backedUp(owner)) this.#hold(sub, trade.symbol).trade = trade;
      else this.#print(owner, reqId, trade);
    });
  }

  /** Calls `act` for every subscription of `symbol`, after sending what drained owners had held back. */
  #each(symbol: string, act: (owner: string, reqId: string, sub: Subscription) => void): void {
    for (const [owner, subs] of this.#subs) {
      const drained = !this.backedUp(owner);
      for (const [reqId, sub] of subs) {
        if (drained && sub.held.size > 0) this.#release(owner, reqId, sub);
        if (sub.symbols.includes(symbol)) act(owner, reqId, sub);
      }
    }
  }

  #hold(sub: Subscription, symbol: string): { quote?: Quote; trade?: Trade } {
    const held = sub.held.get(symbol) ?? {};
    sub.held.set(symbol, held);
    return held;
  }

  #release(owner: string, reqId: string, sub: Subscription): void {
    for (const [symbol, { quote, trade }] of sub.held) {
      if (quote !== undefined) this.#snapshot(owner, reqId, sub, symbol, quote, false);
      if (trade !== undefined) this.#print(owner, reqId, trade);
    }
    sub.held.clear();
  }

  #print(owner: string, reqId: string, trade: Trade): void {
    this.sendTo(owner, AppMsgType.MarketDataIncrementalRefresh, [
      [AppTag.MDReqID, reqId],
      [AppTag.NoMDEntries, '1'],
      [AppTag.MDUpdateAction, '0'],
      [AppTag.MDEntryType, '2'],
      [AppTag.Symbol, trade.symbol],
      [AppTag.MDEntryPx, trade.lastPx.toFixed()],
      [AppTag.MDEntrySize, trade.lastQty.toFixed()],
    ]);
  }

  #snapshot(
    owner: string,
    reqId: string,
    sub: Subscription,
    symbol: string,
    quote: Quote | undefined,
    always: boolean,
  ): void {
    const entries: FixField[] = [];
    if (quote !== undefined) {
      entries.push(
        [AppTag.MDEntryType, '0'],
        [AppTag.MDEntryPx, quote.bidPx.toFixed()],
        [AppTag.MDEntrySize, quote.bidQty.toFixed()],
        [AppTag.MDEntryType, '1'],
        [AppTag.MDEntryPx, quote.askPx.toFixed()],
        [AppTag.MDEntrySize, quote.askQty.toFixed()],
      );
    }
    const touch = entries.map(([, v]) => v).join(' ');
    if (!always && sub.lastTouch.get(symbol) === touch) return;
    sub.lastTouch.set(symbol, touch);
    if (!sub.book && !always) return;
    this.sendTo(owner, AppMsgType.MarketDataSnapshotFullRefresh, [
      [AppTag.MDReqID, reqId],
      [AppTag.Symbol, symbol],
      [AppTag.NoMDEntries, String(entries.length / 3)],
      ...entries,
    ]);
  }
}
