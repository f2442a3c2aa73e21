import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { Side } from '../../src/market/side.js';
import { RiskCheckedVenue } from '../../src/risk/risk-checked-venue.js';
import { NO_LIMITS } from '../../src/risk/risk-limits.js';
import { TradingStates } from '../../src/risk/trading-states.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';
import { FakeVenue } from '../algos/fake-venue.js';

/** A checked fake venue with no limits, under `states`, with `net` as the BTC-USD position. */
function checked(net: Decimal = ZERO) {
  const inner = new FakeVenue();
  const states = new TradingStates();
  const reports: Report[] = [];
  const venue = new RiskCheckedVenue({
    venue: inner,
    limits: NO_LIMITS,
    clock: new VirtualClock(0),
    quote: () => undefined,
    tradingStates: states,
    net: () => net,
  });
  venue.onReport((report) => reports.push(report));
  return { inner, states, venue, reports };
}

let seq = 0;
function child(side: Side, quantity: string, symbol = 'BTC-USD'): ChildOrderRequest {
  return {
    clOrdId: `P-${++seq}`,
    parentId: 'P',
    symbol,
    side,
    quantity: decimal(quantity),
    limitPrice: decimal('100'),
    timeInForce: 'day',
  };
}

describe('the child checks under trading states', () => {
  it('halted: a submit is refused as rejected and a replace as replace_rejected, both `risk: halted: ...`; a cancel passes', () => {
    const { inner, states, venue, reports } = checked();
    const working = child('buy', '1');
    venue.submit(working);
    inner.ack(working.clOrdId);
    states.set({ scope: 'symbol', symbol: 'BTC-USD' }, 'halted');
    const refused = child('buy', '1');
    venue.submit(refused);
    venue.replace({ clOrdId: working.clOrdId, quantity: decimal('0.5') });
    venue.cancel(working.clOrdId);
    expect(inner.submitted.map((c) => c.clOrdId)).toEqual([working.clOrdId]);
    expect(inner.replaces).toEqual([]);
    expect(inner.cancels).toEqual([working.clOrdId]);
    const [rejected, replaceRejected] = reports.filter((r) => r.text !== undefined);
    expect(rejected).toMatchObject({ clOrdId: refused.clOrdId, execType: 'rejected' });
    expect(rejected?.text).toBe('risk: halted: BTC-USD is halted (symbol BTC-USD): no new orders');
    expect(replaceRejected).toMatchObject({
      clOrdId: working.clOrdId,
      execType: 'replace_rejected',
      status: 'new',
    });
    expect(replaceRejected?.text).toMatch(/^risk: halted: /);
    // Another symbol trades on; the global halt reaches it.
    venue.submit(child('buy', '1', 'ETH-USD'));
    expect(inner.submitted).toHaveLength(2);
    states.set({ scope: 'global' }, 'halted');
    venue.submit(child('buy', '1', 'ETH-USD'));
    expect(reports.at(-1)?.text).toBe('risk: halted: ETH-USD is halted (global): no new orders');
  });

  it('reducing: sells while long pass up to the position counting the working ones, one lot more and any buy are refused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 50 }),
        fc.integer({ min: 1, max: 49 }),
        (size, first) => {
          fc.pre(first < size);
          const { inner, states, venue, reports } = checked(decimal(String(size)));
          states.set({ scope: 'global' }, 'reducing');
          venue.submit(child('sell', String(first)));
          const last = child('sell', String(size - first));
          const over = child('sell', String(size - first + 1));
          venue.submit(over);
          expect(reports.at(-1)).toMatchObject({ clOrdId: over.clOrdId, execType: 'rejected' });
          expect(reports.at(-1)?.text).toMatch(/^risk: reducing: /);
          venue.submit(last);
          const buy = child('buy', '1');
          venue.submit(buy);
          expect(reports.at(-1)?.text).toBe(
            `risk: reducing: BTC-USD is reducing (global): a buy does not reduce the position ${size}`,
          );
          expect(inner.submitted.map((c) => c.quantity.toNumber())).toEqual([first, size - first]);
        },
      ),
    );
  });

  it("reducing: a replace up is checked against the position with the child's fills taken off, one down passes", () => {
    const { inner, states, venue, reports } = checked(decimal('5'));
    const sell = child('sell', '4');
    venue.submit(sell);
    inner.ack(sell.clOrdId);
    inner.fill(sell.clOrdId, '2', '100');
    states.set({ scope: 'global' }, 'reducing');
    // Filled 2 of 4: a new quantity of 7 leaves 5 open, the whole position.
    venue.replace({ clOrdId: sell.clOrdId, quantity: decimal('7') });
    venue.replace({ clOrdId: sell.clOrdId, quantity: decimal('8') });
    venue.replace({ clOrdId: sell.clOrdId, quantity: decimal('3') });
    expect(inner.replaces.map((r) => r.quantity?.toString())).toEqual(['7', '3']);
    expect(reports.filter((r) => r.execType === 'replace_rejected').map((r) => r.text)).toEqual([
      'risk: reducing: BTC-USD is reducing (global): sell 6 with 0 already open on that side would go past the position 5',
    ]);
  });

  it('a child adopted after a restart is working: listed for a halt, ended by its report, and seen by self-trade', () => {
    const inner = new FakeVenue();
    const reports: Report[] = [];
    const venue = new RiskCheckedVenue({
      venue: inner,
      limits: { defaults: {}, perSymbol: {} },
      clock: new VirtualClock(0),
      quote: () => undefined,
    });
    venue.onReport((report) => reports.push(report));
    const restored = child('sell', '1');
    venue.adopt(restored, 'new', ZERO);
    venue.adopt(child('sell', '1'), 'canceled', ZERO);
    expect(venue.workingChildren().map((c) => c.clOrdId)).toEqual([restored.clOrdId]);
    expect(venue.workingChildren('ETH-USD')).toEqual([]);
    const crossing = child('buy', '1');
    venue.submit(crossing);
    expect(reports.at(-1)?.text).toMatch(/^risk: refuseSelfTrade: /);
    inner.holds(restored);
    inner.canceled(restored.clOrdId);
    expect(venue.workingChildren()).toEqual([]);
  });
});
