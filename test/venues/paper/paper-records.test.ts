import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { ScriptedMarket } from '../../../src/feeds/sim/index.js';
import { decimal } from '../../../src/market/decimal.js';
import { Quote } from '../../../src/market/quote.js';
import type { PaperFill } from '../../../src/venues/paper/paper-ledger.js';
import { PaperOrder } from '../../../src/venues/paper/paper-order.js';
import { PaperRecords } from '../../../src/venues/paper/paper-records.js';
import { PaperVenue } from '../../../src/venues/paper/paper-venue.js';
import { child, ETH } from './harness.js';

function order(clOrdId: string, at: number): PaperOrder {
  return new PaperOrder(child({ clOrdId }), `paper-o${at}`, at, at);
}

function fill(venueSeq: number): PaperFill {
  return {
    venueSeq,
    cursor: String(venueSeq),
    execId: `paper-x${venueSeq}`,
    venueOrderId: 'paper-o1',
    clOrdId: 'P1-1',
    parentId: 'P1',
    symbol: 'ETH-USD',
    side: 'buy',
    qty: decimal('1'),
    px: decimal('3500'),
    time: 0,
    liquidity: 'taker',
  };
}

/** One step: a new order, or finishing one of the working orders (each finishes once). */
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), duplicate: fc.boolean() }),
  fc.record({ kind: fc.constant('finish' as const), which: fc.nat() }),
);

describe('PaperRecords', () => {
  it('keeps every working order and exactly the last finished ones, in arrival order', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.nat(5), (steps, retain) => {
        const records = new PaperRecords(retain);
        const received: PaperOrder[] = [];
        const finishedOrder: PaperOrder[] = [];
        for (const step of steps) {
          if (step.kind === 'add') {
            const reuse = step.duplicate && received.length > 0;
            const clOrdId = reuse ? received[0]!.request.clOrdId : `C${received.length}`;
            const added = order(clOrdId, received.length);
            const taken = records.has(clOrdId);
            expect(records.add(added)).toBe(!taken);
            received.push(added);
          } else {
            const working = received.filter((o) => !finishedOrder.includes(o));
            if (working.length === 0) continue;
            const done = working[step.which % working.length]!;
            finishedOrder.push(done);
            records.finished(done);
          }
        }
        const kept = new Set(finishedOrder.slice(Math.max(0, finishedOrder.length - retain)));
        const expected = received.filter((o) => !finishedOrder.includes(o) || kept.has(o));
        expect([...records.all()]).toEqual(expected);
        for (const o of records.byClOrdId()) expect(expected).toContain(o);
      }),
    );
  });

  it('stays exact over many finished orders, a working one kept throughout', () => {
    const records = new PaperRecords(3);
    const working = order('W', 0);
    records.add(working);
    const finished: PaperOrder[] = [];
    for (let at = 1; at <= 5000; at++) {
      const done = order(`C${at}`, at);
      records.add(done);
      records.finished(done);
      finished.push(done);
    }
    expect([...records.all()]).toEqual([working, ...finished.slice(-3)]);
    expect(records.get('C4997')).toBeUndefined();
    expect(records.get('C4998')).toBe(finished.at(-3));
    expect(records.get('W')).toBe(working);
  });

  it('keeps at least the last fills, in sequence order', () => {
    const records = new PaperRecords(3);
    for (let seq = 1; seq <= 5000; seq++) records.addFill(fill(seq));
    const seqs = records.fills.map((f) => f.venueSeq);
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect(seqs.length).toBeLessThanOrEqual(2 * 3 + 1024);
    expect(seqs.at(-1)).toBe(5000);
    expect(seqs).toEqual(seqs.toSorted((a, b) => a - b));
    expect(seqs[0]).toBe(5001 - seqs.length);
  });

  it('refuses a bound that is not a non-negative integer', () => {
    expect(() => new PaperRecords(-1)).toThrow(RangeError);
    expect(() => new PaperRecords(1.5)).toThrow(/retainFinished/);
  });
});

describe('paper venue retention', () => {
  it('forgets the oldest finished orders beyond its bound, never a resting one', async () => {
    const clock = new VirtualClock(1_000);
    const market = new ScriptedMarket();
    const venue = new PaperVenue({ market, clock, latencyMs: 1, retainFinished: 2 });
    venue.onReport(() => {});
    market.publishQuote(
      Quote.of({
        symbol: ETH,
        bidPx: decimal('3499'),
        bidQty: decimal('100'),
        askPx: decimal('3500'),
        askQty: decimal('100'),
        time: 1_000,
      }),
    );
    const resting = child({ limitPrice: '3400.00' });
    const iocs = Array.from({ length: 4 }, () =>
      child({ limitPrice: '3500.00', timeInForce: 'ioc' }),
    );
    for (const request of [resting, ...iocs]) venue.submit(request);
    clock.advance(2);

    const ask = <T>(query: Promise<T>): Promise<T> => {
      clock.advance(2);
      return query;
    };
    expect(await ask(venue.orderStatus(iocs[0]!.clOrdId))).toBeUndefined();
    expect(await ask(venue.orderStatus(iocs[1]!.clOrdId))).toBeUndefined();
    expect(await ask(venue.orderStatus(iocs[3]!.clOrdId))).toMatchObject({ status: 'filled' });
    expect((await ask(venue.openOrders())).map((o) => o.clOrdId)).toEqual([resting.clOrdId]);
    const ledger = venue.ledger();
    expect(ledger.orders.map((o) => o.clOrdId)).toEqual([
      resting.clOrdId,
      iocs[2]!.clOrdId,
      iocs[3]!.clOrdId,
    ]);
    expect(ledger.fills).toHaveLength(4);
    await venue.close();
  });
});
