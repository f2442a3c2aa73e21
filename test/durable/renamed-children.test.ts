import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import type { FillJournalRecord } from '../../src/journal/journal-records.js';
import type { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { RenamingVenue } from '../venues/renaming-venue.js';
import { type Life, livesOn, quoteOn } from './exo-lives.js';

/** A venue that renames on replace, outliving lives of exo on one journal file. */
function world(dir: string) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const paper = new PaperVenue({ market, clock, latencyMs: 1 });
  const venue = new RenamingVenue(paper);
  const path = join(dir, 'journal.db');
  const quote = (bid: string, ask: string): void => quoteOn(market, bid, ask);
  const { life, killAll } = livesOn({ path, clock, market, venue, algos: ['peg'] });

  /**
   * A peg buy of 2 whose child rests at 100, renamed by a replace after 1 filled at 100. The fill's
   * report is held back; the rename's report runs ahead of it (its cumQty says 1), so exo books the
   * fill from the venue's list of the child's fills, which names it under the old name.
   */
  const renamedAfterFill = async (engine: Life['engine']): Promise<string> => {
    const prepared = engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('2'),
      algo: 'peg',
      params: {},
    });
    await drive(clock, engine.intake.commit(prepared));
    quote('100', '101');
    await advance(clock, 10);
    // The fill at 100 is made, but its report is late; the peg then re-prices to 99.
    venue.holding = (report) => report.execType === 'trade';
    quote('99', '100');
    await advance(clock, 10);
    venue.holding = () => false;
    return prepared.order.orderId;
  };

  const fillRows = (journal: SqliteJournal) =>
    [...journal.readFrom(0)]
      .filter((row) => row.kind === 'fill')
      .map((row) => row.body as unknown as FillJournalRecord);

  const close = async (): Promise<void> => {
    await killAll();
    await paper.close();
  };
  return { clock, paper, venue, quote, life, renamedAfterFill, fillRows, close };
}

const worlds: Array<ReturnType<typeof world>> = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

describe('a child the venue renamed on replace, through the journaled engine', () => {
  const tempDir = useTempDir();

  it('takes reports under its old and new names, each fill once, and shows its names', async () => {
    const w = world(tempDir());
    worlds.push(w);
    const { engine, journal } = await w.life();
    const orderId = await w.renamedAfterFill(engine);
    const [child] = engine.store.get(orderId)!.children;
    expect(child).toMatchObject({
      clOrdId: `${orderId}-1`,
      clientIds: [`${orderId}-1`, `${orderId}-2`],
      venueClOrdId: `${orderId}-2`,
      limitPrice: decimal('99'),
      cumQty: decimal('1'),
    });
    expect(w.venue.replaces.map((r) => [r.clOrdId, r.newClOrdId])).toEqual([
      [`${orderId}-1`, `${orderId}-2`],
    ]);

    w.venue.release();
    await advance(w.clock, 5);
    w.quote('98', '99');
    await advance(w.clock, 10);

    const order = engine.store.get(orderId)!;
    expect(order).toMatchObject({ status: 'filled', cumQty: decimal('2') });
    expect(order.fills.map((fill) => [fill.clOrdId, fill.px.toFixed()])).toEqual([
      [`${orderId}-1`, '100'],
      [`${orderId}-1`, '99'],
    ]);
    expect(w.fillRows(journal)).toHaveLength(2);
    expect(w.paper.ledger().fills).toHaveLength(2);
  });

  it('after a restart, matches a late report under the old name once and cancels under the new one', async () => {
    const w = world(tempDir());
    worlds.push(w);
    const first = await w.life();
    const orderId = await w.renamedAfterFill(first.engine);
    const rename = [...first.journal.readFrom(0)].find((row) => row.kind === 'child_replace');
    expect(rename?.body).toMatchObject({ clOrdId: `${orderId}-1`, newClOrdId: `${orderId}-2` });
    await first.kill();

    const second = await w.life();
    expect(second.outcome.fillsRecovered).toBe(0);
    expect(second.outcome.childrenAdopted).toBe(1);
    const [child] = second.engine.store.get(orderId)!.children;
    expect(child).toMatchObject({ venueClOrdId: `${orderId}-2`, cumQty: decimal('1') });

    // The late report of the fill under the old name: the journal has it, so it counts once.
    w.venue.release();
    await advance(w.clock, 5);
    expect(second.engine.store.get(orderId)!.fills).toHaveLength(1);
    expect(w.fillRows(second.journal)).toHaveLength(1);

    const cancel = second.engine.intake.prepareCancel(orderId);
    await drive(w.clock, second.engine.intake.commit(cancel));
    await advance(w.clock, 10);
    expect(w.venue.cancels).toEqual([`${orderId}-2`]);
    expect(second.engine.store.get(orderId)).toMatchObject({
      status: 'canceled',
      cumQty: decimal('1'),
    });
    expect(second.engine.store.get(orderId)!.children).toHaveLength(1);
  });

  it('after a restart with the rename unanswered, finds the order under its new name', async () => {
    const w = world(tempDir());
    worlds.push(w);
    const first = await w.life();
    const prepared = first.engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('2'),
      algo: 'peg',
      params: {},
    });
    await drive(w.clock, first.engine.intake.commit(prepared));
    const { orderId } = prepared.order;
    w.quote('100', '101');
    await advance(w.clock, 10);
    // Killed with the replace sent and its answer (the first report under the new name) unheard.
    w.venue.holding = (report) => report.execType === 'replaced';
    w.quote('99', '101');
    await advance(w.clock, 10);
    expect(w.venue.replaces).toHaveLength(1);
    await first.kill();
    w.venue.holding = () => false;

    const second = await w.life();
    const [child] = second.engine.store.get(orderId)!.children;
    expect(child).toMatchObject({
      status: 'new',
      venueClOrdId: `${orderId}-2`,
      limitPrice: decimal('99'),
    });
    w.quote('98', '99');
    await advance(w.clock, 10);
    expect(second.engine.store.get(orderId)).toMatchObject({ cumQty: decimal('1') });
  });
});
