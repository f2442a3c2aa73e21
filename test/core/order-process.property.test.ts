import fc from 'fast-check';
import { expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Delegate } from '../../src/core/delegate.js';
import { OrderProcess, type ProcessOwner } from '../../src/core/order-process.js';
import { newStats } from '../../src/core/stats.js';
import { marketNews, type Update } from '../../src/core/update.js';
import { decimal } from '../../src/market/decimal.js';
import type { Order } from '../../src/market/order.js';
import { quote, report, trade } from './helpers.js';

type Arrival =
  | { kind: 'instruction'; n: number }
  | { kind: 'report'; n: number }
  | { kind: 'quote'; n: number }
  | { kind: 'trade'; n: number; qty: number }
  | { kind: 'yield'; turns: number };

const arrival: fc.Arbitrary<Arrival> = fc.oneof(
  fc.record({ kind: fc.constant('instruction' as const), n: fc.nat(1000) }),
  fc.record({ kind: fc.constant('report' as const), n: fc.nat(1000) }),
  fc.record({ kind: fc.constant('quote' as const), n: fc.nat(1000) }),
  fc.record({
    kind: fc.constant('trade' as const),
    n: fc.nat(1000),
    qty: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ kind: fc.constant('yield' as const), turns: fc.integer({ min: 1, max: 3 }) }),
);

it('whatever the delegate speed, instructions and reports arrive complete and in order, with the latest quote and every trade counted', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(arrival, { maxLength: 60 }),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
      async (arrivals, delays) => {
        const updates: Update<Order>[] = [];
        let call = 0;
        const delegate: Delegate<Order> = {
          action(update) {
            updates.push(update);
            const delay = delays[call++ % delays.length]!;
            if (delay === 0) return false;
            return (async () => {
              for (let i = 0; i < delay; i++) await new Promise((r) => setImmediate(r));
              return false;
            })();
          },
        };
        const owner: ProcessOwner<Order> = {
          clock: new VirtualClock(),
          stats: newStats(),
          completed: () => {},
          checkpoint: () => {},
          failed: (error) => {
            throw error.error;
          },
        };
        const order: Order = { orderId: 'P', side: 'buy', symbol: 'X', msgType: 'new' };
        const process = new OrderProcess(order, { create: () => delegate }, owner);
        const sentInstructions: Order[] = [order];
        const sentReports: string[] = [];
        let lastQuote: string | undefined;
        let volume = 0;
        for (const a of arrivals) {
          if (a.kind === 'instruction') {
            const instruction: Order = { ...order, msgType: 'replace', orderId: 'P' };
            sentInstructions.push(instruction);
            process.instruct(instruction);
          } else if (a.kind === 'report') {
            sentReports.push(`r${a.n}`);
            process.report(report('P', `r${a.n}`));
          } else if (a.kind === 'quote') {
            lastQuote = String(a.n);
            process.quote(quote('X', lastQuote));
          } else if (a.kind === 'trade') {
            volume += a.qty;
            process.marketData(marketNews(undefined, trade('X', String(a.n + 1), String(a.qty))));
          } else {
            for (let i = 0; i < a.turns; i++) await new Promise((r) => setImmediate(r));
          }
        }
        for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));

        expect(updates.flatMap((u) => u.instructions)).toEqual(sentInstructions);
        expect(updates.flatMap((u) => u.reports.map((r) => r.text))).toEqual(sentReports);
        const quotes = updates.flatMap((u) => (u.quote ? [u.quote.bidPx.toString()] : []));
        expect(quotes.at(-1)).toBe(lastQuote);
        const delivered = updates.reduce(
          (sum, u) => (u.trade ? sum.plus(u.trade.volume) : sum),
          decimal('0'),
        );
        expect(delivered.toString()).toBe(String(volume));
        expect(
          updates.every((u) => u.instructions.length + u.reports.length > 0 || u.quote || u.trade),
        ).toBe(true);
      },
    ),
    { numRuns: 150 },
  );
});
