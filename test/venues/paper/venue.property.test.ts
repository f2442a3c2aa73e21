import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../../src/market/decimal.js';
import { isTerminal } from '../../../src/market/ord-status.js';
import type { Report } from '../../../src/market/report.js';
import { isMoreAggressive, isWithinLimit, type Side } from '../../../src/market/side.js';
import type { TimeInForce } from '../../../src/market/time-in-force.js';
import { child, harness } from './harness.js';

/** A price near 3500 on the 0.01 grid, as text. */
const price = fc.integer({ min: 349_900, max: 350_100 }).map((cents) => (cents / 100).toFixed(2));
/** A size of 1 to 3000 lots of 0.001, as text. */
const size = fc.integer({ min: 1, max: 3000 }).map((lots) => (lots / 1000).toFixed(3));

type Step =
  | {
      readonly kind: 'quote';
      readonly bid: string;
      readonly spread: number;
      readonly bidQty: string;
      readonly askQty: string;
    }
  | { readonly kind: 'trade'; readonly px: string; readonly qty: string }
  | {
      readonly kind: 'submit';
      readonly side: Side;
      readonly qty: string;
      readonly limit: string | null;
      readonly tif: TimeInForce;
    }
  | {
      readonly kind: 'replace';
      readonly which: number;
      readonly qty: string | null;
      readonly limit: string | null;
    }
  | { readonly kind: 'cancel'; readonly which: number }
  | { readonly kind: 'wait'; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('quote' as const),
    bid: price,
    spread: fc.integer({ min: 1, max: 5 }),
    bidQty: size,
    askQty: size,
  }),
  fc.record({ kind: fc.constant('trade' as const), px: price, qty: size }),
  fc.record({
    kind: fc.constant('submit' as const),
    side: fc.constantFrom<Side>('buy', 'sell'),
    qty: size,
    limit: fc.option(price, { freq: 5 }),
    tif: fc.constantFrom<TimeInForce>('gtc', 'day', 'ioc', 'fok'),
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    which: fc.nat(),
    qty: fc.option(size),
    limit: fc.option(price),
  }),
  fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 6 }) }),
);

describe('paper venue invariants', () => {
  it('over any sequence of market events and requests, its reports stay consistent', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const latency = 2;
        const h = harness(latency);
        const delivered: { report: Report; at: number }[] = [];
        h.venue.onReport((report) => delivered.push({ report, at: h.clock.now() }));
        const sent: { clOrdId: string; side: Side; limits: Decimal[] }[] = [];
        for (const s of steps) {
          if (s.kind === 'quote') {
            const ask = (Number(s.bid) + s.spread / 100).toFixed(2);
            h.quote(s.bid, s.bidQty, ask, s.askQty);
          } else if (s.kind === 'trade') {
            h.trade(s.px, s.qty);
          } else if (s.kind === 'submit') {
            const order = child({
              side: s.side,
              quantity: s.qty,
              limitPrice: s.limit,
              timeInForce: s.tif,
            });
            sent.push({
              clOrdId: order.clOrdId,
              side: s.side,
              limits: s.limit === null ? [] : [decimal(s.limit)],
            });
            h.venue.submit(order);
          } else if (s.kind === 'replace' && sent.length > 0) {
            const target = sent[s.which % sent.length]!;
            // A market order has no limit to change (it is done on arrival): it stays unbounded.
            if (s.limit !== null && target.limits.length > 0) target.limits.push(decimal(s.limit));
            h.venue.replace({
              clOrdId: target.clOrdId,
              ...(s.qty === null ? {} : { quantity: decimal(s.qty) }),
              ...(s.limit === null ? {} : { limitPrice: decimal(s.limit) }),
            });
          } else if (s.kind === 'cancel' && sent.length > 0) {
            h.venue.cancel(sent[s.which % sent.length]!.clOrdId);
          } else if (s.kind === 'wait') {
            h.clock.advance(s.ms);
          }
        }
        h.settle();

        const execIds = delivered.map(({ report }) => report.execId);
        expect(new Set(execIds).size).toBe(execIds.length);
        for (const { report, at } of delivered) {
          expect(at).toBeGreaterThanOrEqual(report.transactTime + latency);
          expect(report.orderId).toBe('P1');
        }
        const ledger = h.venue.ledger();
        for (const { clOrdId, side, limits } of sent) {
          const reports = delivered.map((d) => d.report).filter((r) => r.clOrdId === clOrdId);
          let cum = ZERO;
          let ended = false;
          for (const report of reports) {
            if (ended) expect(report.execType).toMatch(/^(cancel|replace)_rejected$/);
            if (report.execType === 'trade') {
              cum = cum.plus(report.lastQty!);
              expect(report.lastQty!.gt(0)).toBe(true);
              if (limits.length > 0) {
                const loosest = limits.reduce((a, b) => (isMoreAggressive(side, a, b) ? a : b));
                expect(isWithinLimit(side, report.lastPx!, loosest)).toBe(true);
              }
            }
            expect(report.cumQty!.eq(cum)).toBe(true);
            ended ||= isTerminal(report.status);
          }
          const record = ledger.orders.find((o) => o.clOrdId === clOrdId)!;
          expect(record.cumQty.eq(cum)).toBe(true);
          expect(record.cumQty.lte(record.quantity)).toBe(true);
          const expectedLeaves = isTerminal(record.status)
            ? ZERO
            : record.quantity.minus(record.cumQty);
          expect(record.leavesQty.eq(expectedLeaves)).toBe(true);
          const fills = ledger.fills.filter((f) => f.clOrdId === clOrdId);
          expect(fills.reduce((sum, f) => sum.plus(f.qty), ZERO).eq(cum)).toBe(true);
          if (record.timeInForce === 'fok') expect(cum.eq(0) || cum.eq(record.quantity)).toBe(true);
          if (
            record.timeInForce === 'ioc' ||
            record.timeInForce === 'fok' ||
            record.limitPrice === undefined
          ) {
            expect(isTerminal(record.status)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
