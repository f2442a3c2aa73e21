import type { Clock } from '../src/core/clock.js';
import { decimal } from '../src/market/decimal.js';
import { Quote } from '../src/market/quote.js';
import { Fixed } from '../src/risk/fixed.js';
import { Positions } from '../src/risk/positions.js';
import { RiskCheckedVenue } from '../src/risk/risk-checked-venue.js';
import type { ChildOrderRequest, Venue } from '../src/venues/venue.js';
import { allRulesOn } from './risk-limits-on.js';

/** The touch every child of the risk benchmarks is checked against. */
export const QUOTE = Quote.of({
  symbol: 'BTC-USD',
  bidPx: decimal('100'),
  bidQty: decimal('1'),
  askPx: decimal('101'),
  askQty: decimal('1'),
});

/** Resting sells on the other side, so the self-trade check has children to look through. */
export const RESTING = 20;

/**
 * IOC buys of one unit and a bit on BTC-USD across 100 parents, priced at or just under the ask;
 * the same terms come back only every 1,000 children, far outside the duplicate window. The
 * quantities are written with their three places, as a venue's are: `${1 + 118 / 1000}` would
 * be 1.1179999999999999, seventeen digits (past a double's, so a bigint in the checks' Fixed).
 */
export function buyChildren(count: number): ChildOrderRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    clOrdId: `P${i % 100}-${i}`,
    parentId: `P${i % 100}`,
    symbol: 'BTC-USD',
    side: 'buy' as const,
    quantity: decimal((1 + (i % 1000) / 1000).toFixed(3)),
    limitPrice: decimal(`${(101 - (i % 50) / 100).toFixed(2)}`),
    timeInForce: 'ioc' as const,
  }));
}

/**
 * `venue` behind the child checks with every rule on (allRulesOn), checking against QUOTE, exo
 * holding some BTC-USD so the exposure rules price a position as well as the children; a refusal
 * throws, since a refused child would measure less than the checks.
 */
export function checkedVenue(venue: Venue, clock: Clock): RiskCheckedVenue {
  const positions = new Positions();
  positions.fill('BTC-USD', 'buy', decimal('3'), decimal('100'), clock.now());
  const mid = Fixed.of(QUOTE.bidPx.plus(QUOTE.askPx).div(2));
  return new RiskCheckedVenue({
    venue,
    limits: allRulesOn(),
    clock,
    quote: () => QUOTE,
    tickSize: () => decimal('0.01'),
    exposure: {
      position: (symbol) => positions.of(symbol, clock.now()),
      reference: () => mid,
      symbols: () => positions.symbols(),
      lossBreach: () => undefined,
    },
    onRefusal: (refusal) => {
      throw new Error(`the benchmark's children must pass: ${refusal.message}`);
    },
  });
}

/** Sends RESTING day sells well above the touch through `venue`, where they rest. */
export function restSells(venue: Venue): void {
  for (let i = 0; i < RESTING; i++) {
    venue.submit({
      clOrdId: `S${i}-1`,
      parentId: `S${i}`,
      symbol: 'BTC-USD',
      side: 'sell',
      quantity: decimal('1'),
      limitPrice: decimal(`${102 + i / 10}`),
      timeInForce: 'day',
    });
  }
}
