import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Report } from '../../src/market/report.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { ReportSink, Venue } from '../../src/venues/venue.js';
import { JournaledParent } from '../recovery/contract-writer.js';
import { advance, drive, parentOrder } from '../recovery/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The paper venue, with a way for the test to send a report through it again. */
function resending(paper: PaperVenue): Venue & { resend(report: Report, cursor: string): void } {
  let sink: ReportSink = () => {};
  return {
    name: paper.name,
    onReport(next) {
      sink = next;
      paper.onReport(next);
    },
    submit: (request) => paper.submit(request),
    replace: (request) => paper.replace(request),
    cancel: (clOrdId) => paper.cancel(clOrdId),
    openOrders: (prefix) => paper.openOrders(prefix),
    orderStatus: (clOrdId) => paper.orderStatus(clOrdId),
    fillsSince: (cursor) => paper.fillsSince(cursor),
    close: () => paper.close(),
    resend: (report, cursor) => sink(report, cursor),
  };
}

describe('a fill reconciliation journaled', () => {
  it('is known as a duplicate when the venue sends it again as a report', async () => {
    const clock = new VirtualClock(1_000_000);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock, latencyMs: 2 });
    const journal = SqliteJournal.open(':memory:', { clock });
    market.publishQuote(
      Quote.of({
        symbol: 'BTC-USD',
        bidPx: decimal('100'),
        bidQty: decimal('5'),
        askPx: decimal('101'),
        askQty: decimal('1'),
      }),
    );

    // First life: a resting child of 2 is acknowledged; then exo is down while 1 of it fills.
    const parent = new JournaledParent(
      parentOrder('exo-r1', { quantity: '2', algo: 'peg', limitPrice: '100' }),
      journal,
      clock,
    );
    paper.onReport((report, cursor) => parent.report(report, cursor));
    paper.submit(
      parent.sendChild({ quantity: decimal('2'), limitPrice: decimal('100'), timeInForce: 'gtc' }),
    );
    await advance(clock, 10);
    await journal.committed();
    paper.onReport(() => {});
    market.publishQuote(
      Quote.of({
        symbol: 'BTC-USD',
        bidPx: decimal('99'),
        bidQty: decimal('5'),
        askPx: decimal('100'),
        askQty: decimal('1'),
      }),
    );
    await advance(clock, 10);
    const fill = paper.ledger().fills.find((f) => f.clOrdId === 'exo-r1-1')!;
    expect(fill.qty.toFixed()).toBe('1');

    // Second life: the engine recovers; reconciliation journals the fill it missed.
    const venue = resending(paper);
    const engine = new Engine({
      clock,
      marketData: market,
      venue,
      journal,
      createFactory: (listener, journaled) => createAlgoFactory({ venue: journaled, listener }),
      algos: ['peg'],
      symbols: ['BTC-USD'],
    });
    cleanups.push(() => engine.stop());
    const outcome = await drive(clock, engine.recover());
    expect(outcome?.fillsRecovered).toBe(1);
    const rowsAfterRecovery = [...journal.readFrom(1)].length;

    venue.resend(
      {
        orderId: 'exo-r1',
        clOrdId: 'exo-r1-1',
        venueOrderId: fill.venueOrderId,
        execType: 'trade',
        status: 'partially_filled',
        execId: fill.execId,
        lastQty: fill.qty,
        lastPx: fill.px,
        transactTime: fill.time,
      },
      fill.cursor,
    );
    await advance(clock, 5);
    await journal.committed();

    expect([...journal.readFrom(1)].length).toBe(rowsAfterRecovery);
    expect(engine.store.get('exo-r1')!.cumQty.toFixed()).toBe('1');
    expect(
      await engine.metrics.registry.getSingleMetricAsString('exo_fills_duplicate_total'),
    ).toMatch(/exo_fills_duplicate_total 1$/m);
  });
});
