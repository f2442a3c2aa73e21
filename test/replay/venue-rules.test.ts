import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { ReplayOutcome } from '../../src/replay/replay-outcome.js';
import { runReplay } from '../../src/replay/run-replay.js';
import type { QuoteTick, TickEvent } from '../../src/ticks/tick-event.js';
import type { FillModel } from '../../src/venues/paper/fill-model.js';
import { definition, order, quote, T0, trade, withAlgo } from './fixtures.js';

/** Every quote and trade price of a recording. */
function recordedPrices(events: readonly TickEvent[]): Set<string> {
  const prices = new Set<string>();
  for (const e of events) {
    if (e.kind === 'quote') for (const px of [e.bidPx, e.askPx]) prices.add(decimal(px).toFixed());
    if (e.kind === 'trade') prices.add(decimal(e.px).toFixed());
  }
  return prices;
}

/** A delegate that rests one day limit buy of `quantity` at `limit` on its first update, then waits. */
const resting = (quantity: string, limit: string) =>
  withAlgo('rest', (parent, _context, setup) => {
    let sent = false;
    return {
      action: () => {
        if (!sent) {
          sent = true;
          setup.venue.submit({
            clOrdId: `${parent.orderId}-1`,
            parentId: parent.orderId,
            symbol: parent.symbol,
            side: parent.side,
            quantity: decimal(quantity),
            limitPrice: decimal(limit),
            timeInForce: 'day',
          });
        }
        return false;
      },
    };
  });

describe('replay venue rules', () => {
  it('two children at one price never fill from one displayed size, and fill only at recorded prices', async () => {
    const quotes: QuoteTick[] = [];
    for (let i = 0; i < 12; i++) {
      quotes.push(
        quote(T0 + 1000 * (i + 1), '100.00', i % 2 === 0 ? '100.01' : '100.02', '1', '1'),
      );
    }
    const events: TickEvent[] = [definition(T0), ...quotes, trade(T0 + 20_000, '100.02', '1')];
    const start = quotes[0]!.recvUs;
    const outcome = await runReplay(
      [events],
      [
        order({ algo: 'take', startUs: start, quantity: '3' }),
        order({ algo: 'take', startUs: start, quantity: '3' }),
      ],
      { seed: 1 },
    );
    const fills = outcome.orders.flatMap((o) => o.fills);
    expect(fills.length).toBeGreaterThan(1);
    // Group the fills by the quote in force when they matched: together within its ask size.
    const byQuote = new Map<QuoteTick, number>();
    for (const fill of fills) {
      expect(fill.liquidity).toBe('taker');
      const inForce = quotes.filter((q) => q.recvUs <= fill.timeUs).at(-1)!;
      expect(fill.px).toBe(decimal(inForce.askPx).toFixed());
      byQuote.set(inForce, (byQuote.get(inForce) ?? 0) + Number(fill.qty));
    }
    for (const [q, qty] of byQuote) expect(qty).toBeLessThanOrEqual(Number(q.askQty));
    // Both children went for the first quote's size: one of them got it.
    expect(byQuote.get(quotes[0]!)).toBe(Number(quotes[0]!.askQty));
    const prices = recordedPrices(events);
    for (const fill of fills) expect(prices.has(fill.px)).toBe(true);
  });

  describe('passive fills only as the fill model allows', () => {
    const limit = '100.00';
    const ahead = '3';
    const at = (n: number) => T0 + 1000 * n;
    const events: TickEvent[] = [
      definition(T0),
      quote(at(1), limit, '100.01', ahead, '1'),
      trade(at(3), limit, '2'), // at the limit: the queue ahead shrinks to 1
      quote(at(4), '99.99', limit, '1', '4'), // the ask reaches the limit: no fill from a quote
      trade(at(5), limit, '2'), // at the limit: 1 beyond the queue
      trade(at(6), '99.99', '5'), // through the limit
      quote(at(7), '99.98', '99.99', '1', '1'),
    ];
    const run = (fillModel: FillModel): Promise<ReplayOutcome> =>
      runReplay([events], [order({ algo: 'rest', startUs: at(2), quantity: '4' })], {
        seed: 1,
        fillModel,
        createFactory: resting('4', limit),
      });
    const fillsOf = (outcome: ReplayOutcome) =>
      outcome.orders[0]!.fills.map(({ timeUs, px, qty, liquidity }) => ({
        timeUs,
        px: decimal(px).toFixed(2),
        qty,
        liquidity,
      }));

    it('through: only the print through the limit fills it, at its limit', async () => {
      expect(fillsOf(await run('through'))).toEqual([
        { timeUs: at(6), px: limit, qty: '4', liquidity: 'maker' },
      ]);
    });

    it('queue: prints at or through the limit fill it once the size ahead at arrival has traded', async () => {
      // Ahead 3: the first print (2) leaves 1 ahead, the second (2) fills 1, the print through fills the rest.
      expect(fillsOf(await run('queue'))).toEqual([
        { timeUs: at(5), px: limit, qty: '1', liquidity: 'maker' },
        { timeUs: at(6), px: limit, qty: '3', liquidity: 'maker' },
      ]);
    });

    it("touch (the live paper venue's default): a print at the limit, then a quote reaching it", async () => {
      expect(fillsOf(await run('touch'))).toEqual([
        { timeUs: at(3), px: limit, qty: '2', liquidity: 'maker' },
        { timeUs: at(4), px: limit, qty: '2', liquidity: 'maker' },
      ]);
    });
  });
});
