import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { Side } from '../../src/market/side.js';
import type { LossBreach } from '../../src/risk/daily-loss.js';
import { Fixed } from '../../src/risk/fixed.js';
import { Positions } from '../../src/risk/positions.js';
import { RiskCheckedVenue } from '../../src/risk/risk-checked-venue.js';
import type { RiskRefusal, SymbolLimits } from '../../src/risk/risk-limits.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';
import { FakeVenue } from '../algos/fake-venue.js';

const SYMBOL = 'BTC-USD';
const NOW = Date.UTC(2026, 11, 5, 12);

/**
 * A checked fake venue under `defaults`, whose exposure state is `positions` (fed by `apply`, as
 * the engine feeds it from the orders' fills) and a mark of 100.
 */
function checked(defaults: SymbolLimits) {
  const clock = new VirtualClock(NOW);
  const inner = new FakeVenue();
  const positions = new Positions();
  const reports: Report[] = [];
  const refusals: RiskRefusal[] = [];
  let breach: LossBreach | undefined;
  const venue = new RiskCheckedVenue({
    venue: inner,
    // Buys and sells at the mark here would cross each other: self-trade is not what these test.
    limits: { defaults: { refuseSelfTrade: false, ...defaults }, perSymbol: {} },
    clock,
    quote: () => undefined,
    onRefusal: (refusal) => refusals.push(refusal),
    exposure: {
      position: (symbol) => positions.of(symbol, clock.now()),
      reference: () => Fixed.of(decimal('100')),
      symbols: () => positions.symbols(),
      lossBreach: () => breach,
    },
  });
  venue.onReport((report) => reports.push(report));
  /** The order applies a fill of the child the venue reported: the positions count it. */
  const apply = (request: ChildOrderRequest, qty: string) => {
    positions.fill(SYMBOL, request.side, decimal(qty), decimal('100'), clock.now());
    venue.applied(request.clOrdId, decimal(qty));
  };
  const breaching = (next: LossBreach) => {
    breach = next;
  };
  return { inner, venue, positions, reports, refusals, apply, breaching };
}

let seq = 0;
function child(side: Side, quantity: string, px = '100'): ChildOrderRequest {
  const parent = `P${++seq}`;
  return {
    clOrdId: `${parent}-1`,
    parentId: parent,
    symbol: SYMBOL,
    side,
    quantity: decimal(quantity),
    limitPrice: decimal(px),
    timeInForce: 'day',
  };
}

function refusedText(reports: Report[], clOrdId: string): string | undefined {
  return reports.find((r) => r.clOrdId === clOrdId && r.text?.startsWith('risk: '))?.text;
}

describe('the child checks with exposure rules', () => {
  it('count the position from applied fills plus every working child on the side, through partial fills and a cancel', () => {
    const limit = decimal('3');
    const short = decimal('2');
    const { inner, venue, reports, refusals, apply } = checked({
      maxLongPosition: limit,
      maxShortPosition: short,
    });
    const first = child('buy', '2');
    const second = child('buy', '1');
    venue.submit(first);
    venue.submit(second);
    const third = child('buy', '0.5');
    venue.submit(third);
    const worst = first.quantity.plus(second.quantity).plus(third.quantity);
    expect(refusedText(reports, third.clOrdId)).toBe(
      `risk: maxLongPosition: worst-case long position of BTC-USD ${worst.toFixed()} is beyond the limit ${limit.toFixed()}`,
    );
    expect(refusals.map((r) => r.rule)).toEqual(['maxLongPosition']);
    // One of the first child fills: reported, then applied; the worst case is the same throughout.
    inner.fill(first.clOrdId, '1', '100');
    venue.submit(child('buy', '0.1'));
    apply(first, '1');
    venue.submit(child('buy', '0.1'));
    expect(refusals.map((r) => r.rule)).toEqual(Array(3).fill('maxLongPosition'));
    // The rest of the first child is cancelled: 1 held, 1 working, so 1 more fits and no more.
    inner.canceled(first.clOrdId);
    const fits = child('buy', '1');
    venue.submit(fits);
    expect(refusedText(reports, fits.clOrdId)).toBeUndefined();
    venue.submit(child('buy', '0.0001'));
    expect(refusals).toHaveLength(4);
    // A sell works against the long: the short side's worst case is what it sells beyond it.
    const held = decimal('1');
    const sell = child('sell', short.plus(held).toFixed());
    venue.submit(sell);
    expect(refusedText(reports, sell.clOrdId)).toBeUndefined();
    const beyond = child('sell', '0.0001');
    venue.submit(beyond);
    expect(refusedText(reports, beyond.clOrdId)).toBe(
      `risk: maxShortPosition: worst-case short position of BTC-USD ${short.plus('0.0001').toFixed()} is beyond the limit ${short.toFixed()}`,
    );
  });

  it('count each working child at its quantity × limit: the notional that reaches the limit passes, a hair more is refused', () => {
    const { venue, refusals } = checked({ maxExposureNotional: decimal('500') });
    venue.submit(child('buy', '2', '101.25'));
    const reaching = child('buy', '2.975');
    venue.submit(reaching);
    expect(refusals).toEqual([]);
    expect(venue.isWorking(reaching.clOrdId)).toBe(true);
    venue.submit(child('buy', '0.0001', '0.01'));
    expect(refusals.map((r) => [r.rule, r.value])).toEqual([['maxExposureNotional', '500.000001']]);
  });

  it('refuse a replace that grows a child past the limit, and take one that shrinks it', () => {
    const { inner, venue, reports } = checked({ maxExposureNotional: decimal('250') });
    const working = child('buy', '2', '100');
    venue.submit(working);
    venue.replace({ clOrdId: working.clOrdId, quantity: decimal('3') });
    expect(reports.at(-1)).toMatchObject({
      execType: 'replace_rejected',
      text: 'risk: maxExposureNotional: worst-case long exposure of BTC-USD 300 is beyond the limit 250',
    });
    venue.replace({ clOrdId: working.clOrdId, quantity: decimal('1') });
    expect(inner.replaces.map((r) => r.quantity?.toFixed())).toEqual(['1']);
    // The venue confirms: one child of 1 at 100 leaves room for 150 more.
    inner.replaced(working.clOrdId);
    const more = child('buy', '1.5', '100');
    venue.submit(more);
    expect(refusedText(reports, more.clOrdId)).toBeUndefined();
  });

  it('refuse only children that do not reduce the position while a daily loss breach holds', () => {
    const { venue, reports, apply, breaching } = checked({ maxDailyLoss: decimal('10') });
    const bought = child('buy', '2');
    venue.submit(bought);
    apply(bought, '2');
    breaching({
      rule: 'maxDailyLoss',
      symbol: SYMBOL,
      limit: decimal('10'),
      value: decimal('12.5'),
      time: NOW,
    });
    const more = child('buy', '0.1');
    venue.submit(more);
    expect(refusedText(reports, more.clOrdId)).toBe(
      'risk: maxDailyLoss: loss today on BTC-USD 12.5 is beyond the limit 10: only orders that reduce the position pass',
    );
    const reducing = child('sell', '1.5');
    venue.submit(reducing);
    expect(refusedText(reports, reducing.clOrdId)).toBeUndefined();
    const past = child('sell', '0.6');
    venue.submit(past);
    expect(refusedText(reports, past.clOrdId)).toContain('maxDailyLoss');
    const rest: Decimal = decimal('2').minus(reducing.quantity);
    const closing = child('sell', rest.toFixed());
    venue.submit(closing);
    expect(refusedText(reports, closing.clOrdId)).toBeUndefined();
  });
});
