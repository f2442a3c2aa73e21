import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { cumulative } from '../../src/market/fills.js';
import { rebuildFromJournal } from '../../src/recovery/rebuild.js';
import { reconcile } from '../../src/recovery/reconcile.js';
import type { FillsPage, Venue, VenueFill, VenueOrderStatus } from '../../src/venues/venue.js';
import { JournaledParent } from './contract-writer.js';
import { drive, parentOrder, queryingVenue } from './helpers.js';

const ORDER = 'exo-d';
const CHILD = `${ORDER}-1`;

/** One execution, identified by its exec ID; its figures follow from the ID, as at a real venue. */
interface Exec {
  readonly id: number;
  readonly qty: string;
  readonly px: string;
}

const execs = fc
  .uniqueArray(
    fc.record({
      id: fc.nat(50),
      qty: fc.integer({ min: 1, max: 9 }).map((n) => `0.0${n}`),
      px: fc.integer({ min: 9_900, max: 10_100 }).map((n) => `${n}.5`),
    }),
    { selector: (exec) => exec.id, minLength: 1, maxLength: 12 },
  )
  .chain((unique) =>
    fc.record({
      unique: fc.constant(unique),
      // Each fill reaches exo live, through reconciliation, or both; some more than once.
      live: fc.shuffledSubarray(unique).chain((some) => fc.shuffledSubarray([...some, ...some])),
      reconciled: fc
        .shuffledSubarray(unique)
        .chain((some) => fc.shuffledSubarray([...some, ...some])),
    }),
  );

/** A venue that only answers reconciliation's queries, from a fixed fill log. */
function venueWith(fills: readonly VenueFill[], open: VenueOrderStatus): Venue {
  return queryingVenue({
    openOrders: async () => [open],
    orderStatus: async () => open,
    fillsSince: async (cursor = '0'): Promise<FillsPage> => {
      const after = fills.filter((fill) => Number(fill.cursor) > Number(cursor));
      const page = after.slice(0, 3);
      return { fills: page, cursor: page.at(-1)?.cursor ?? cursor };
    },
  });
}

describe('fill dedupe', () => {
  it('live and reconciled fills, duplicated and reordered, count once per exec ID', async () => {
    await fc.assert(
      fc.asyncProperty(execs, async ({ unique, live, reconciled }) => {
        const clock = new VirtualClock(5_000);
        const journal = SqliteJournal.open(':memory:', { clock });
        const parent = new JournaledParent(
          parentOrder(ORDER, { quantity: '100', algo: 'peg' }),
          journal,
          clock,
        );
        parent.sendChild({
          quantity: decimal('100'),
          limitPrice: decimal('101'),
          timeInForce: 'gtc',
        });
        parent.report({
          orderId: ORDER,
          clOrdId: CHILD,
          execType: 'new',
          status: 'new',
          transactTime: 1,
        });
        const report = (exec: Exec) => ({
          orderId: ORDER,
          clOrdId: CHILD,
          execType: 'trade' as const,
          status: 'partially_filled' as const,
          execId: `x${exec.id}`,
          lastQty: decimal(exec.qty),
          lastPx: decimal(exec.px),
          transactTime: 10 + exec.id,
        });
        for (const exec of live) parent.report(report(exec));
        await journal.committed();

        const venueFills: VenueFill[] = reconciled.map((exec, at) => ({
          cursor: String(at + 1),
          execId: `x${exec.id}`,
          clOrdId: CHILD,
          parentId: ORDER,
          venueOrderId: 'v1',
          symbol: 'BTC-USD',
          side: 'buy',
          qty: decimal(exec.qty),
          px: decimal(exec.px),
          time: 10 + exec.id,
        }));
        const open: VenueOrderStatus = {
          clOrdId: CHILD,
          parentId: ORDER,
          venueOrderId: 'v1',
          symbol: 'BTC-USD',
          side: 'buy',
          quantity: decimal('100'),
          limitPrice: decimal('101'),
          timeInForce: 'gtc',
          status: 'partially_filled',
          cumQty: decimal('0'),
          leavesQty: decimal('100'),
        };
        const book = rebuildFromJournal(journal);
        await drive(clock, reconcile(book, venueWith(venueFills, open), { journal, clock }));
        await journal.committed();

        const counted = new Set([...live, ...reconciled].map((exec) => exec.id));
        const expected = cumulative(
          unique
            .filter((exec) => counted.has(exec.id))
            .map((exec) => ({ qty: decimal(exec.qty), px: decimal(exec.px) })),
        );
        for (const rebuilt of [book, rebuildFromJournal(journal)]) {
          const { parent: saved } = rebuilt.order(ORDER)!.recovered();
          const figures = cumulative(saved.fills);
          expect(figures.cumQty.toFixed()).toBe(expected.cumQty.toFixed());
          expect(figures.avgPx?.toFixed()).toBe(expected.avgPx?.toFixed());
          expect(new Set(saved.fills.map((fill) => fill.execId)).size).toBe(saved.fills.length);
        }
        const fillRows = [...journal.readFrom(1)].filter((row) => row.kind === 'fill');
        expect(fillRows).toHaveLength(counted.size);
        await journal.close();
      }),
      { numRuns: 60 },
    );
  });
});
