import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { SimulatedMarket } from '../../../src/feeds/sim/index.js';
import { decimal } from '../../../src/market/decimal.js';
import type { Report } from '../../../src/market/report.js';
import { type PaperMarket, PaperVenue } from '../../../src/venues/paper/index.js';

function setup() {
  const clock = new VirtualClock(1_700_000_000_000);
  const market: PaperMarket & SimulatedMarket = new SimulatedMarket({
    clock,
    seed: 17,
    tickRate: 50,
  });
  const venue = new PaperVenue({ market, clock, latencyMs: 2 });
  const reports: Report[] = [];
  venue.onReport((report) => reports.push(report));
  return { clock, market, venue, reports };
}

describe('paper venue on the simulated market', () => {
  it('takes the simulated touch, within the limit', () => {
    const { clock, market, venue, reports } = setup();
    const touch = market.quote('BTC-USD')!;
    venue.submit({
      clOrdId: 'A-1',
      parentId: 'A',
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: decimal('0.01'),
      limitPrice: touch.askPx.plus(100),
      timeInForce: 'ioc',
    });
    clock.advance(4);
    const fill = reports.find((r) => r.execType === 'trade')!;
    expect(fill.lastPx!.eq(touch.askPx)).toBe(true);
    expect(fill.lastQty!.eq('0.01')).toBe(true);
    expect(market.ticking).toEqual([]);
  });

  it('keeps a symbol ticking while an order rests on it, and fills it as the market comes to it', () => {
    const { clock, market, venue, reports } = setup();
    const touch = market.quote('SOL-USD')!;
    venue.submit({
      clOrdId: 'B-1',
      parentId: 'B',
      symbol: 'SOL-USD',
      side: 'buy',
      quantity: decimal('1'),
      limitPrice: touch.bidPx,
      timeInForce: 'gtc',
    });
    clock.advance(2);
    expect(market.ticking).toEqual(['SOL-USD']);
    for (let i = 0; i < 600 && !reports.some((r) => r.status === 'filled'); i++)
      clock.advance(1_000);
    const fills = venue.ledger().fills;
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((f) => f.px.eq(touch.bidPx) && f.liquidity === 'maker')).toBe(true);
    expect(reports.at(-1)).toMatchObject({ execType: 'trade', status: 'filled' });
    expect(market.ticking).toEqual([]);
  });
});
