import { describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Report } from '../../src/market/report.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { ChildOrderRequest, Venue } from '../../src/venues/venue.js';
import { settle } from '../core/helpers.js';
import { advance } from './helpers.js';

const quoteFields = {
  symbol: 'BTC-USD',
  bidPx: decimal('100'),
  bidQty: decimal('5'),
  askPx: decimal('102'),
  askQty: decimal('5'),
};
const quote = Quote.of(quoteFields);

/** A dispatcher with the algorithms on a virtual clock, over `venue`, its reports not delivered. */
function engine(clock: VirtualClock, venue: Venue, market: ScriptedMarket) {
  const latest = new Map<string, ParentSnapshot>();
  const resolved: Report[] = [];
  const factory = createAlgoFactory({
    venue,
    listener: (event, order) => latest.set(event.orderId, order.snapshot()),
    inflight: { timeoutMs: 5_000, tries: 3 },
    onResolved: (report) => resolved.push(report),
  });
  const dispatcher = new Dispatcher<ParentOrder>({ factory, clock, marketData: market });
  const place = async (algo: string, limit: string): Promise<ParentOrder> => {
    const order = dispatcher.submit({
      msgType: 'new',
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('1'),
      limitPrice: decimal(limit),
      algo,
      params: {},
    });
    await settle();
    market.publishQuote(quote);
    await settle();
    return order;
  };
  return { latest, resolved, place, dispatcher };
}

describe('in-flight timeout', () => {
  it('a new child the venue never saw is unknown after the timeout, asked 3 times, then rejected as not found at venue', async () => {
    const clock = new VirtualClock(0);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock });
    const asked: string[] = [];
    const lost: Venue = {
      name: 'paper',
      onReport: () => {},
      submit: (_request: ChildOrderRequest) => {}, // the request is lost on the way
      replace: () => {},
      cancel: () => {},
      openOrders: async () => [],
      orderStatus: async (clOrdId) => {
        asked.push(`${clOrdId}@${clock.now()}`);
        return paper.orderStatus(clOrdId);
      },
      fillsSince: (cursor) => paper.fillsSince(cursor),
      close: async () => {},
    };
    const { latest, resolved, place } = engine(clock, lost, market);
    const order = await place('peg', '100');
    expect(latest.get(order.orderId)!.children[0]!.status).toBe('pending_new');

    await advance(clock, 4_999);
    expect(asked).toEqual([]);
    await advance(clock, 3);
    expect(latest.get(order.orderId)!.children[0]).toMatchObject({
      status: 'pending_new',
      unknown: true,
    });
    await advance(clock, 2_010);
    const child = `${order.orderId}-1`;
    // Asked again a moment later each time the venue says it does not know the child (yet).
    expect(asked.slice(0, 3)).toEqual([`${child}@5000`, `${child}@6004`, `${child}@7008`]);
    const snapshot = latest.get(order.orderId)!;
    expect(snapshot.children[0]!.status).toBe('rejected');
    expect(snapshot.children[0]!.text).toBe('not found at venue');
    expect(resolved.map((r) => r.execType)).toEqual(['unknown', 'rejected']);
    // Exo's loss, not a verdict: the peg sends another child, under a new client ID.
    expect(snapshot.children.map((c) => c.clOrdId)).toEqual([child, `${order.orderId}-2`]);
    await paper.close();
  });

  it('a new child whose ack was lost is acknowledged from the venue on the first query', async () => {
    const clock = new VirtualClock(0);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock });
    const { latest, resolved, place } = engine(clock, paper, market);
    paper.onReport(() => {}); // every report is lost
    const order = await place('peg', '100');

    await advance(clock, 5_010);
    const snapshot = latest.get(order.orderId)!;
    expect(snapshot.children[0]!.status).toBe('new');
    expect(snapshot.children[0]!.venueOrderId).toBe(paper.ledger().orders[0]!.venueOrderId);
    expect(resolved.map((r) => r.execType)).toEqual(['unknown', 'new']);
    expect(paper.ledger().orders).toHaveLength(1);
    await paper.close();
  });

  it('a replace made in the same action that settled the one before from a status query gets its own timeout', async () => {
    const clock = new VirtualClock(0);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock });
    const { latest, resolved, place, dispatcher } = engine(clock, paper, market);
    // Every answer to a replace is lost; the venue still carries each one out.
    paper.onReport((report) => {
      if (report.execType !== 'replaced') dispatcher.report(report);
    });
    const order = await place('peg', '105');
    const child = () => latest.get(order.orderId)!.children[0]!;
    const terms = () => [child().status, child().limitPrice?.toString()];
    await advance(clock, 10);
    expect(terms()).toEqual(['new', '100']);
    market.publishQuote(Quote.of({ ...quoteFields, bidPx: decimal('100.5') }));
    await advance(clock, 10);
    expect(terms()).toEqual(['pending_replace', '100']);
    market.publishQuote(Quote.of({ ...quoteFields, bidPx: decimal('101') }));
    // 5 s on, the first replace is unknown and the venue's account settles it (replaced, to
    // 100.5); the peg follows the touch to 101 at once, and that replace is lost too.
    await advance(clock, 5_000);
    expect(terms()).toEqual(['pending_replace', '100.5']);
    expect(resolved.map((r) => r.execType)).toEqual(['unknown', 'replaced']);
    // Its own 5 s, not what was left of the first one's watch: no early query refusing it.
    await advance(clock, 4_900);
    expect(resolved.map((r) => r.execType)).toEqual(['unknown', 'replaced']);
    await advance(clock, 200);
    expect(resolved.map((r) => r.execType)).toEqual(['unknown', 'replaced', 'unknown', 'replaced']);
    expect(terms()).toEqual(['new', '101']);
    await paper.close();
  });

  it('a replace the venue says it is still working on (status pending) stays unknown and is asked about again, never taken as refused', async () => {
    const clock = new VirtualClock(0);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock });
    let working = true;
    const asked: number[] = [];
    const busy: Venue = {
      name: 'paper',
      onReport: () => {},
      submit: (request) => paper.submit(request),
      replace: (request) => paper.replace(request),
      cancel: (clOrdId) => paper.cancel(clOrdId),
      openOrders: (prefix) => paper.openOrders(prefix),
      // Until told, the venue says the replace is in hand (FIX OrdStatus E), under the old terms.
      orderStatus: async (clOrdId) => {
        asked.push(clock.now());
        const status = await paper.orderStatus(clOrdId);
        if (!working || status === undefined) return status;
        return { ...status, status: 'pending_replace', limitPrice: decimal('100') };
      },
      fillsSince: (cursor) => paper.fillsSince(cursor),
      close: async () => {},
    };
    const { latest, resolved, place, dispatcher } = engine(clock, busy, market);
    paper.onReport((report) => {
      if (report.execType !== 'replaced') dispatcher.report(report);
    });
    const order = await place('peg', '105');
    const child = () => latest.get(order.orderId)!.children[0]!;
    await advance(clock, 10);
    market.publishQuote(Quote.of({ ...quoteFields, bidPx: decimal('100.5') }));
    await advance(clock, 8_000);
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(resolved.map((r) => r.execType)).toEqual(['unknown']);
    expect([child().status, child().unknown]).toEqual(['pending_replace', true]);
    working = false;
    await advance(clock, 1_100);
    expect(resolved.map((r) => r.execType)).toEqual(['unknown', 'replaced']);
    expect([child().status, child().limitPrice?.toString()]).toEqual(['new', '100.5']);
    await paper.close();
  });
});
