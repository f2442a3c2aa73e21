import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { fillsAfter } from '../../../src/venues/paper/paper-queries.js';
import type { SequencedFill } from '../../../src/venues/sequence-cursor.js';
import { VenueClosedError } from '../../../src/venues/venue-closed-error.js';
import { child, harness } from './harness.js';

/** Lets the query travel to the venue and its answer back, then returns the answer. */
async function answer<T>(h: ReturnType<typeof harness>, query: Promise<T>): Promise<T> {
  h.settle();
  return query;
}

describe('paper venue reconciliation queries', () => {
  it('lists the working orders under a clOrdId prefix, and only those', async () => {
    const h = harness();
    h.quote('3499.00', '5', '3500.00', '1');
    const mine = child({ parentId: 'exo7', limitPrice: '3498.00' });
    const alsoMine = child({ parentId: 'exo8', limitPrice: '3497.00', side: 'buy' });
    const filled = child({ parentId: 'exo9', limitPrice: '3500.00', quantity: '1' });
    const canceled = child({ parentId: 'exo10', limitPrice: '3496.00' });
    const other = child({ parentId: 'alien', limitPrice: '3495.00' });
    for (const order of [mine, alsoMine, filled, canceled, other]) h.venue.submit(order);
    h.venue.cancel(canceled.clOrdId);
    h.settle();

    const open = await answer(h, h.venue.openOrders('exo'));
    expect(open.map((o) => o.clOrdId)).toEqual([mine.clOrdId, alsoMine.clOrdId]);
    expect(open[0]).toMatchObject({ parentId: 'exo7', status: 'new', symbol: 'ETH-USD' });
    expect(open[0]!.leavesQty.eq(1)).toBe(true);
    const all = await answer(h, h.venue.openOrders());
    expect(all.map((o) => o.clOrdId)).toEqual([mine.clOrdId, alsoMine.clOrdId, other.clOrdId]);
    expect(await answer(h, h.venue.openOrders('nobody'))).toEqual([]);
  });

  it('answers one order by clOrdId, terminal ones and replaced terms included', async () => {
    const h = harness();
    h.quote('3499.00', '5', '3500.00', '0.4');
    const partly = child({ quantity: '1', limitPrice: '3500.00' });
    const rejected = child({ quantity: '0' });
    h.venue.submit(partly);
    h.venue.submit(rejected);
    h.venue.replace({ clOrdId: partly.clOrdId, quantity: decimal('2') });
    h.settle();
    h.venue.cancel(partly.clOrdId);
    h.settle();

    const status = await answer(h, h.venue.orderStatus(partly.clOrdId));
    expect(status).toMatchObject({ clOrdId: partly.clOrdId, status: 'canceled', parentId: 'P1' });
    expect(status!.quantity.eq(2)).toBe(true);
    expect(status!.cumQty.eq('0.4')).toBe(true);
    expect(status!.avgPx!.eq('3500')).toBe(true);
    expect(status!.leavesQty.eq(0)).toBe(true);
    expect(status!.venueOrderId).toMatch(/^paper-o\d+$/);
    expect(await answer(h, h.venue.orderStatus(rejected.clOrdId))).toMatchObject({
      status: 'rejected',
      text: 'quantity must be positive, got 0',
    });
    expect(await answer(h, h.venue.orderStatus('P1-404'))).toBeUndefined();
  });

  it('answers in turn with requests: a query sent after a submit sees the order', async () => {
    const h = harness(5);
    const order = child({ limitPrice: '3000.00' });
    h.venue.submit(order);
    let answered = false;
    const status = h.venue.orderStatus(order.clOrdId).then((s) => {
      answered = true;
      return s;
    });
    h.clock.advance(9);
    await Promise.resolve();
    expect(answered).toBe(false);
    h.clock.advance(1);
    expect(await status).toMatchObject({ status: 'new' });
  });

  it('gives fills after a cursor in sequence order, numbered like the reports that carried them', async () => {
    const h = harness();
    const seqs: number[] = [];
    const bySeq = new Map<number, string | undefined>();
    h.venue.onReport((report, cursor) => {
      seqs.push(Number(cursor));
      bySeq.set(Number(cursor), report.execId);
    });
    const resting = child({ quantity: '3', limitPrice: '3499.00' });
    h.venue.submit(resting);
    h.settle();
    for (const qty of ['0.5', '1', '0.25']) {
      h.trade('3498.50', qty);
      h.settle();
    }

    const everything = await answer(h, h.venue.fillsSince());
    expect(everything.fills.map((f) => f.qty.toFixed())).toEqual(['0.5', '1', '0.25']);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(everything.cursor).toBe(String(seqs.at(-1)));
    for (const fill of everything.fills) {
      expect(bySeq.get(fill.venueSeq)).toBe(fill.execId);
      expect(fill.cursor).toBe(String(fill.venueSeq));
      expect(fill).toMatchObject({ clOrdId: resting.clOrdId, parentId: 'P1', side: 'buy' });
      expect(fill.px.eq('3499')).toBe(true);
    }
    const afterFirst = await answer(h, h.venue.fillsSince(everything.fills[0]!.cursor));
    expect(afterFirst.fills.map((f) => f.execId)).toEqual(
      everything.fills.slice(1).map((f) => f.execId),
    );
    expect((await answer(h, h.venue.fillsSince(everything.cursor))).fills).toEqual([]);
    await expect(h.venue.fillsSince('-1')).rejects.toThrow(/cursor must be a report sequence/);
    await expect(h.venue.fillsSince('BTCUSDT:7')).rejects.toThrow(/cursor must be a report/);
    expect(h.venue.cursorCovers(everything.cursor, everything.fills[2]!)).toBe(true);
    expect(h.venue.cursorCovers(everything.fills[0]!.cursor, everything.fills[1]!)).toBe(false);
  });

  it('gives the fills of one child in sequence order, and none for a child it does not know', async () => {
    const h = harness();
    const execIds = new Map<string | undefined, number | undefined>();
    h.venue.onReport((report, cursor) => execIds.set(report.execId, Number(cursor)));
    const mine = child({ quantity: '2', limitPrice: '3499.00' });
    h.venue.submit(mine);
    h.settle();
    h.trade('3498.50', '0.5');
    // A better-priced child comes first in the queue: the next print fills it, then some of mine.
    const other = child({ parentId: 'P2', quantity: '1', limitPrice: '3499.50' });
    h.venue.submit(other);
    h.settle();
    for (const qty of ['1.25', '0.5']) {
      h.trade('3498.50', qty);
      h.settle();
    }

    const fills = await answer(h, h.venue.fillsOf(mine.clOrdId));
    expect(fills.map((f) => f.qty.toFixed())).toEqual(['0.5', '0.25', '0.5']);
    expect(fills.every((f) => f.clOrdId === mine.clOrdId && f.px.eq('3499'))).toBe(true);
    const seqs = fills.map((f) => f.venueSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const fill of fills) expect(execIds.get(fill.execId)).toBe(fill.venueSeq);
    expect(await answer(h, h.venue.orderStatus(mine.clOrdId))).toMatchObject({
      status: 'partially_filled',
    });
    const others = await answer(h, h.venue.fillsOf(other.clOrdId));
    expect(others.map((f) => [f.clOrdId, f.qty.toFixed()])).toEqual([[other.clOrdId, '1']]);
    expect(await answer(h, h.venue.fillsOf('P1-404'))).toEqual([]);
  });

  it('numbers reports from the sequence start it is given, and names IDs with its prefix', async () => {
    const start = 1_700_000_000_000_000;
    const h = harness(2, { venueSeqStart: start, idPrefix: 'paper-run2' });
    const seen: [number | undefined, string | undefined, string | undefined][] = [];
    h.venue.onReport((r, cursor) => seen.push([Number(cursor), r.venueOrderId, r.execId]));
    expect((await answer(h, h.venue.fillsSince('0'))).cursor).toBe(String(start));
    h.quote('3499.00', '5', '3500.00', '1');
    h.venue.submit(child({ quantity: '1', limitPrice: '3500.00' }));
    h.settle();

    expect(seen).toEqual([
      [start + 1, 'paper-run2-o1', 'paper-run2-x1'],
      [start + 2, 'paper-run2-o1', 'paper-run2-x2'],
    ]);
    const page = await answer(h, h.venue.fillsSince(String(start - 1)));
    expect(page.fills.map((f) => f.venueSeq)).toEqual([start + 2]);
    expect(() => harness(2, { venueSeqStart: -1 })).toThrow(/venueSeqStart must be/);
    expect(() => harness(2, { venueSeqStart: 2 ** 53 })).toThrow(/venueSeqStart must be/);
  });

  it('refuses unanswered queries when it closes', async () => {
    const h = harness();
    const pending = h.venue.openOrders();
    await h.venue.close();
    await expect(pending).rejects.toBeInstanceOf(VenueClosedError);
    await expect(h.venue.orderStatus('x')).rejects.toThrow('venue paper is closed');
    await expect(h.venue.fillsOf('x')).rejects.toBeInstanceOf(VenueClosedError);
  });

  it('over any market and requests, sequences rise by one, exec IDs are unique, and fillsSince and fillsOf agree with the ledger', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('buy' as const), cents: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('trade' as const), cents: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
      fc.record({ kind: fc.constant('again' as const), which: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.nat(), async (steps, pick) => {
        const h = harness();
        const seqs: number[] = [];
        const execIds: string[] = [];
        h.venue.onReport((report, cursor) => {
          seqs.push(Number(cursor));
          execIds.push(report.execId!);
        });
        const sent: ReturnType<typeof child>[] = [];
        for (const s of steps) {
          if (s.kind === 'buy') {
            const order = child({ quantity: '0.5', limitPrice: (3490 + s.cents / 100).toFixed(2) });
            sent.push(order);
            h.venue.submit(order);
          } else if (s.kind === 'trade') {
            h.trade((3490 + s.cents / 100).toFixed(2), '0.3');
          } else if (sent.length > 0) {
            const order = sent[s.which % sent.length]!;
            if (s.kind === 'cancel') h.venue.cancel(order.clOrdId);
            else h.venue.submit(order);
          }
          h.clock.advance(1);
        }
        h.settle();
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        expect(new Set(execIds).size).toBe(execIds.length);
        const ledger = h.venue.ledger().fills;
        const cursor = ledger.length === 0 ? 0 : pick % (ledger.at(-1)!.venueSeq + 1);
        const page = await answer(h, h.venue.fillsSince(String(cursor)));
        expect(page.fills).toEqual(ledger.filter((f) => f.venueSeq > cursor));
        expect(page.cursor).toBe(String(seqs.length));
        const picked = sent.length === 0 ? 'P1-404' : sent[pick % sent.length]!.clOrdId;
        expect(await answer(h, h.venue.fillsOf(picked))).toEqual(
          ledger.filter((f) => f.clOrdId === picked),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('fillsAfter', () => {
  it('pages a long history so that asking from each cursor until empty yields every fill once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 100 }),
        (rawSeqs, pageSize, start) => {
          const log = [...rawSeqs].sort((a, b) => a - b).map(fakeFill);
          const head = (log.at(-1)?.venueSeq ?? 0) + 3;
          const seen: number[] = [];
          let cursor = start;
          for (;;) {
            const page = fillsAfter(log, cursor, head, pageSize);
            expect(page.fills.length).toBeLessThanOrEqual(pageSize);
            if (page.fills.length === 0) {
              expect(page.cursor).toBe(String(head));
              break;
            }
            seen.push(...page.fills.map((f) => f.venueSeq));
            cursor = Number(page.cursor);
          }
          expect(seen).toEqual(log.map((f) => f.venueSeq).filter((seq) => seq > start));
        },
      ),
    );
  });
});

function fakeFill(venueSeq: number): SequencedFill {
  return {
    venueSeq,
    cursor: String(venueSeq),
    execId: `x${venueSeq}`,
    clOrdId: 'P-1',
    parentId: 'P',
    venueOrderId: 'o1',
    symbol: 'ETH-USD',
    side: 'buy',
    qty: decimal('1'),
    px: decimal('1'),
    time: 0,
  };
}
