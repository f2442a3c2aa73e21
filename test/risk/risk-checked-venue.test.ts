import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Report } from '../../src/market/report.js';
import type { Side } from '../../src/market/side.js';
import { RiskCheckedVenue } from '../../src/risk/risk-checked-venue.js';
import type { RiskLimits, RiskRefusal, SymbolLimits } from '../../src/risk/risk-limits.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';
import { FakeVenue } from '../algos/fake-venue.js';

const QUOTE = Quote.of({
  symbol: 'BTC-USD',
  bidPx: decimal('100'),
  bidQty: decimal('1'),
  askPx: decimal('101'),
  askQty: decimal('1'),
});

/** A checked fake venue under `defaults` (and `venueWide`), with what it reported, refused and delayed. */
function checked(defaults: SymbolLimits, venueWide: Partial<RiskLimits> = {}) {
  const clock = new VirtualClock(0);
  const inner = new FakeVenue();
  const reports: Report[] = [];
  const refusals: RiskRefusal[] = [];
  const delays: Array<{ rule: string; clOrdId: string; sendAt: number }> = [];
  const venue = new RiskCheckedVenue({
    venue: inner,
    limits: { defaults, perSymbol: {}, ...venueWide },
    clock,
    quote: (symbol) => (symbol === QUOTE.symbol ? QUOTE : undefined),
    onRefusal: (refusal) => refusals.push(refusal),
    onDelay: (rule, clOrdId, sendAt) => delays.push({ rule, clOrdId, sendAt }),
  });
  venue.onReport((report) => reports.push(report));
  return { clock, inner, venue, reports, refusals, delays };
}

let seq = 0;
/** A limit child of `parent` on BTC-USD: one unit at `px`. */
function childOf(
  parent: string,
  side: Side = 'buy',
  px = '100',
  symbol = 'BTC-USD',
): ChildOrderRequest {
  return {
    clOrdId: `${parent}-${++seq}`,
    parentId: parent,
    symbol,
    side,
    quantity: decimal('1'),
    limitPrice: decimal(px),
    timeInForce: 'day',
  };
}

/** Asserts the last report refused `clOrdId` by `rule`, as a venue's rejection with risk text. */
function expectRejected(reports: Report[], clOrdId: string, rule: string): void {
  const report = reports.at(-1);
  expect(report).toMatchObject({ clOrdId, execType: 'rejected', status: 'rejected' });
  expect(report?.text).toMatch(new RegExp(`^risk: ${rule}: `));
}

describe('RiskCheckedVenue', () => {
  it('refuses a child over a size rule as a rejected report with risk text; the venue never sees it', () => {
    const { inner, venue, reports, refusals } = checked({ maxChildQuantity: decimal('1') });
    venue.submit({ ...childOf('P'), quantity: decimal('2') });
    expect(inner.submitted).toEqual([]);
    expect(reports[0]).toMatchObject({ orderId: 'P', execType: 'rejected', status: 'rejected' });
    expect(reports[0]?.text).toBe('risk: maxChildQuantity: child quantity 2 is beyond the limit 1');
    expect(refusals.map((r) => r.rule)).toEqual(['maxChildQuantity']);
  });

  it('maxWorkingChildrenPerParent: the limit-th child passes, one more is refused, and a terminal report frees a slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (max) => {
        const { inner, venue, reports } = checked({ maxWorkingChildrenPerParent: max });
        for (let i = 0; i < max; i++) venue.submit(childOf('P', 'buy', `${90 - i}`));
        expect(inner.submitted).toHaveLength(max);
        const extra = childOf('P', 'buy', '50');
        venue.submit(extra);
        expectRejected(reports, extra.clOrdId, 'maxWorkingChildrenPerParent');
        expect(reports.at(-1)?.text).toContain(`would be ${max + 1}, beyond the limit ${max}`);
        venue.submit(childOf('Q', 'buy', '50'));
        expect(inner.submitted).toHaveLength(max + 1);
        inner.canceled(inner.submitted[0]!.clOrdId);
        venue.submit(childOf('P', 'buy', '49'));
        expect(inner.submitted).toHaveLength(max + 2);
      }),
      { numRuns: 20 },
    );
  });

  it('maxWorkingChildren: counts the children of every parent on the symbol, not other symbols', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (max) => {
        const { inner, venue, reports } = checked({ maxWorkingChildren: max });
        for (let i = 0; i < max; i++) venue.submit(childOf(`P${i}`, 'buy', `${90 - i}`));
        const extra = childOf('Z', 'buy', '50');
        venue.submit(extra);
        expectRejected(reports, extra.clOrdId, 'maxWorkingChildren');
        expect(reports.at(-1)?.text).toContain(
          `on BTC-USD would be ${max + 1}, beyond the limit ${max}`,
        );
        venue.submit(childOf('Z', 'buy', '50', 'ETH-USD'));
        expect(inner.submitted).toHaveLength(max + 1);
        inner.fill(inner.submitted[0]!.clOrdId, '1', '90');
        venue.submit(childOf('Z', 'buy', '49'));
        expect(inner.submitted).toHaveLength(max + 2);
      }),
      { numRuns: 20 },
    );
  });

  it('duplicateWindowMs: the same side, symbol, quantity and price from any parent within the window is refused, at the window it passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (windowMs) => {
        const { clock, inner, venue, reports } = checked({
          duplicateWindowMs: windowMs,
          refuseSelfTrade: false,
        });
        venue.submit(childOf('P', 'buy', '100'));
        clock.advance(windowMs - 1);
        const twin = childOf('Q', 'buy', '100');
        venue.submit(twin);
        expectRejected(reports, twin.clOrdId, 'duplicateWindowMs');
        expect(reports.at(-1)?.text).toContain(
          `${windowMs - 1} ms earlier, within the window of ${windowMs} ms`,
        );
        venue.submit(childOf('Q', 'sell', '100'));
        venue.submit({ ...childOf('Q', 'buy', '100'), quantity: decimal('2') });
        expect(inner.submitted).toHaveLength(3);
        clock.advance(1);
        venue.submit(childOf('Q', 'buy', '100'));
        expect(inner.submitted).toHaveLength(4);
      }),
      { numRuns: 30 },
    );
  });

  it("refuseSelfTrade: a child that would cross exo's own resting child on the other side is refused, one that would not passes", () => {
    const { inner, venue, reports } = checked({});
    const sell = childOf('S', 'sell', '100.5');
    venue.submit(sell);
    const crossing = childOf('B', 'buy', '100.5');
    venue.submit(crossing);
    expectRejected(reports, crossing.clOrdId, 'refuseSelfTrade');
    expect(reports.at(-1)?.text).toBe(
      `risk: refuseSelfTrade: a buy at 100.5 would cross exo's own resting sell ${sell.clOrdId} at 100.5`,
    );
    venue.submit({ ...childOf('B', 'buy'), limitPrice: undefined } as ChildOrderRequest);
    expect(reports.at(-1)?.text).toMatch(/^risk: refuseSelfTrade: a buy at market/);
    const buy = childOf('B', 'buy', '100.4');
    venue.submit(buy);
    expect(inner.submitted.map((c) => c.clOrdId)).toEqual([sell.clOrdId, buy.clOrdId]);
    const low = childOf('S2', 'sell', '100.4');
    venue.submit(low);
    expectRejected(reports, low.clOrdId, 'refuseSelfTrade');
    inner.canceled(sell.clOrdId);
    inner.canceled(buy.clOrdId);
    venue.submit(childOf('B', 'buy', '100.6'));
    expect(inner.submitted).toHaveLength(3);
  });

  it('lets a crossing child through when refuseSelfTrade is false', () => {
    const { inner, venue } = checked({ refuseSelfTrade: false });
    venue.submit(childOf('S', 'sell', '100'));
    venue.submit(childOf('B', 'buy', '101'));
    expect(inner.submitted).toHaveLength(2);
  });

  it('refuses a replace as replace_rejected with the child status, keeping the child working and its old terms', () => {
    const { inner, venue, reports } = checked({ maxChildQuantity: decimal('5') });
    const child = childOf('P', 'buy', '100');
    venue.submit(child);
    inner.ack(child.clOrdId);
    venue.replace({ clOrdId: child.clOrdId, quantity: decimal('6') });
    expect(inner.replaces).toEqual([]);
    expect(reports.at(-1)).toMatchObject({
      clOrdId: child.clOrdId,
      execType: 'replace_rejected',
      status: 'new',
      text: 'risk: maxChildQuantity: child quantity 6 is beyond the limit 5',
    });
    venue.replace({ clOrdId: child.clOrdId, quantity: decimal('5') });
    expect(inner.replaces).toHaveLength(1);
  });

  it('checks a replace against self-trade with its new price, not against the child itself', () => {
    const { inner, venue, reports } = checked({});
    const sell = childOf('S', 'sell', '101');
    const buy = childOf('B', 'buy', '100');
    venue.submit(sell);
    venue.submit(buy);
    venue.replace({ clOrdId: buy.clOrdId, limitPrice: decimal('100.5') });
    expect(inner.replaces).toHaveLength(1);
    venue.replace({ clOrdId: buy.clOrdId, limitPrice: decimal('101') });
    expect(reports.at(-1)).toMatchObject({ execType: 'replace_rejected' });
    expect(reports.at(-1)?.text).toMatch(/^risk: refuseSelfTrade: /);
  });

  it('childRatePerSecond / childRateHardCap: up to the rate goes at once, up to the cap is delayed and said, beyond the cap is refused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (rate, over) => {
          const cap = rate + over;
          const { clock, inner, venue, reports, delays } = checked({
            childRatePerSecond: rate,
            childRateHardCap: cap,
          });
          const children = Array.from({ length: cap + 2 }, (_, i) =>
            childOf('P', 'buy', `${50 - i}`),
          );
          for (const child of children) venue.submit(child);
          expect(inner.submitted).toHaveLength(rate);
          expect(delays).toHaveLength(cap - rate);
          expect(delays.every((d) => d.rule === 'childRatePerSecond' && d.sendAt >= 1000)).toBe(
            true,
          );
          expect(reports.filter((r) => r.execType === 'rejected')).toHaveLength(2);
          expectRejected(reports, children.at(-1)!.clOrdId, 'childRateHardCap');
          expect(reports.at(-1)?.text).toContain(`${cap + 1} is beyond the limit ${cap}`);
          clock.advance(999);
          expect(inner.submitted).toHaveLength(rate);
          clock.advance(1);
          expect(inner.submitted).toHaveLength(Math.min(cap, 2 * rate));
          clock.advance(10_000);
          expect(inner.submitted.map((c) => c.clOrdId)).toEqual(
            children.slice(0, cap).map((c) => c.clOrdId),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('venueChildRatePerSecond / venueChildRateHardCap count every symbol together', () => {
    const { clock, inner, venue, reports, delays } = checked(
      {},
      { venueChildRatePerSecond: 1, venueChildRateHardCap: 2 },
    );
    venue.submit(childOf('A', 'buy', '1', 'BTC-USD'));
    venue.submit(childOf('B', 'buy', '1', 'ETH-USD'));
    const third = childOf('C', 'buy', '1', 'SOL-USD');
    venue.submit(third);
    expect(inner.submitted).toHaveLength(1);
    expect(delays.map((d) => d.rule)).toEqual(['venueChildRatePerSecond']);
    expectRejected(reports, third.clOrdId, 'venueChildRateHardCap');
    clock.advance(1000);
    expect(inner.submitted).toHaveLength(2);
  });

  it('sends a cancel of a delayed child right after the child, and never refuses it', () => {
    const { clock, inner, venue } = checked({
      childRatePerSecond: 1,
      maxChildQuantity: decimal('0.5'),
    });
    venue.submit({ ...childOf('P'), quantity: decimal('0.5') });
    const late = { ...childOf('P', 'buy', '99'), quantity: decimal('0.5') };
    venue.submit(late);
    venue.cancel(late.clOrdId);
    venue.cancel('unknown-1');
    expect(inner.cancels).toEqual(['unknown-1']);
    clock.advance(1000);
    expect(inner.submitted.at(-1)?.clOrdId).toBe(late.clOrdId);
    expect(inner.cancels).toEqual(['unknown-1', late.clOrdId]);
  });

  it('prices a market child at the touch and refuses a collar without a quote of the symbol', () => {
    const { inner, venue, reports } = checked({
      maxChildNotional: decimal('101'),
      childCollar: { percent: decimal('1') },
    });
    venue.submit({ ...childOf('P'), limitPrice: undefined } as ChildOrderRequest);
    expect(inner.submitted).toHaveLength(1);
    venue.submit({ ...childOf('Q', 'buy', '1', 'ETH-USD') });
    expect(reports.at(-1)?.text).toBe(
      'risk: childCollar: no ask of ETH-USD to check against the limit ±1%',
    );
  });
});
