import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { rebuildFromJournal } from '../../src/recovery/rebuild.js';
import { reconcile } from '../../src/recovery/reconcile.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import { advance, drive } from './helpers.js';

describe('reconciliation with no live orders', () => {
  it('takes one venue round trip, not one per query, and still cancels an orphan', async () => {
    const clock = new VirtualClock(1_000_000);
    const venue = new PaperVenue({ market: new ScriptedMarket(), clock, latencyMs: 100 });
    venue.onReport(() => {});
    venue.submit({
      clOrdId: 'exo-ghost-1',
      parentId: 'exo-ghost',
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: decimal('1'),
      limitPrice: decimal('99'),
      timeInForce: 'gtc',
    });
    await advance(clock, 300);
    const journal = SqliteJournal.open(':memory:', { clock });
    try {
      const timed = async (work: () => Promise<unknown>): Promise<number> => {
        const started = clock.now();
        await drive(clock, work());
        return clock.now() - started;
      };
      const roundTrip = await timed(() => venue.openOrders('exo-'));
      let orphans: readonly string[] = [];
      const took = await timed(async () => {
        ({ orphans } = await reconcile(rebuildFromJournal(journal), venue, { journal, clock }));
      });
      expect(orphans).toEqual(['exo-ghost-1']);
      expect(took).toBeLessThan(1.5 * roundTrip);
    } finally {
      await journal.close();
      await venue.close();
    }
  });
});
