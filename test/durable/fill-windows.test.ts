import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import type { FillJournalRecord } from '../../src/journal/journal-records.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Report } from '../../src/market/report.js';
import type { RecoveryOutcome } from '../../src/recovery/recover.js';
import { orderToJSON } from '../../src/server/order-json.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { ReportSink, Venue } from '../../src/venues/venue.js';
import { VenueClosedError } from '../../src/venues/venue-closed-error.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';

/**
 * The paper venue as one life of exo reaches it: until `cut` (exo is killed), requests go through
 * and reports come back; after it, nothing does. The venue itself lives on, for the next life.
 */
class Plug implements Venue {
  readonly name: string;
  /** Reports lost on their way to exo, while it lives. */
  losing: (report: Report) => boolean = () => false;
  readonly fillsOf: Venue['fillsOf'];
  readonly #paper: PaperVenue;
  #cut = false;

  /** `listsFills: false` makes a venue that cannot list one order's fills. */
  constructor(paper: PaperVenue, listsFills = true) {
    this.#paper = paper;
    this.name = paper.name;
    this.fillsOf = listsFills ? (id) => this.#ask(() => this.#paper.fillsOf(id)) : undefined;
  }

  cut(): void {
    this.#cut = true;
  }

  onReport(sink: ReportSink): void {
    this.#paper.onReport((report, cursor) => {
      if (!this.#cut && !this.losing(report)) sink(report, cursor);
    });
  }

  submit: Venue['submit'] = (request) => this.#unlessCut(() => this.#paper.submit(request));
  replace: Venue['replace'] = (request) => this.#unlessCut(() => this.#paper.replace(request));
  cancel: Venue['cancel'] = (clOrdId) => this.#unlessCut(() => this.#paper.cancel(clOrdId));
  openOrders: Venue['openOrders'] = (prefix) => this.#ask(() => this.#paper.openOrders(prefix));
  orderStatus: Venue['orderStatus'] = (id) => this.#ask(() => this.#paper.orderStatus(id));
  fillsSince: Venue['fillsSince'] = (cursor) => this.#ask(() => this.#paper.fillsSince(cursor));
  close = async (): Promise<void> => this.cut();

  #unlessCut(send: () => void): void {
    if (!this.#cut) send();
  }

  #ask<T>(query: () => Promise<T>): Promise<T> {
    return this.#cut ? Promise.reject(new VenueClosedError(this.name)) : query();
  }
}

/** A venue that outlives exo, a journal file, and lives of exo on them, killed or recovering. */
function world(dir: string) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const paper = new PaperVenue({ market, clock, latencyMs: 2 });
  const path = join(dir, 'journal.db');
  const quote = (symbol: string, bid: string, ask: string): void =>
    market.publishQuote(
      Quote.of({
        symbol,
        bidPx: decimal(bid),
        bidQty: decimal('5'),
        askPx: decimal(ask),
        askQty: decimal('5'),
      }),
    );
  const START: Record<string, [string, string]> = {
    'BTC-USD': ['100', '101'],
    'ETH-USD': ['2000', '2001'],
  };
  const lives: Array<() => Promise<void>> = [];

  /** Starts exo on the journal; `recovering` is the recovery under way, for the test to await. */
  const start = (listsFills = true) => {
    const plug = new Plug(paper, listsFills);
    const journal = SqliteJournal.open(path, { clock });
    const errors: EngineError[] = [];
    const engine = new Engine({
      clock,
      marketData: market,
      venue: plug,
      journal,
      createFactory: (listener, venue) => createAlgoFactory({ venue, listener }),
      algos: ['peg', 'take'],
      symbols: ['BTC-USD', 'ETH-USD'],
      onError: (error) => errors.push(error),
    });
    let killed = false;
    /** SIGKILL: nothing more goes out or comes in, and the journal keeps what it committed. */
    const kill = async (): Promise<void> => {
      if (killed) return;
      killed = true;
      plug.cut();
      await journal.committed();
      await journal.close();
    };
    lives.push(kill);
    return { engine, journal, errors, kill, plug };
  };

  /** Starts exo and recovers: the life that trades. */
  const recovered = async (listsFills = true) => {
    const life = start(listsFills);
    const outcome = (await drive(life.engine.clock as VirtualClock, life.engine.recover()))!;
    life.engine.ready();
    return { ...life, outcome };
  };

  /** Places a peg buy of 1 at the near price and waits until its child rests at the venue. */
  const restingPeg = async (engine: Engine, symbol: string): Promise<string> => {
    const prepared = engine.intake.prepareNew({
      side: 'buy',
      symbol,
      quantity: decimal('1'),
      algo: 'peg',
      params: {},
    });
    await drive(clock, engine.intake.commit(prepared));
    const { orderId } = prepared.order;
    quote(symbol, ...START[symbol]!);
    for (let ms = 0; ms < 100 && engine.store.get(orderId)?.children[0]?.status !== 'new'; ms++) {
      await advance(clock, 1);
    }
    expect(engine.store.get(orderId)?.children[0]?.status).toBe('new');
    return orderId;
  };

  const fillRows = (journal: SqliteJournal) =>
    [...journal.readFrom(0)]
      .filter((row) => row.kind === 'fill')
      .map((row) => ({ orderId: row.orderId, ...(row.body as unknown as FillJournalRecord) }));

  const childrenAtVenue = (orderId: string) =>
    paper.ledger().orders.filter((order) => order.parentId === orderId);

  const close = async (): Promise<void> => {
    for (const kill of lives) await kill();
    await paper.close();
  };

  return { clock, paper, quote, start, recovered, restingPeg, fillRows, childrenAtVenue, close };
}

const worlds: Array<ReturnType<typeof world>> = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

describe('a fill made while exo is down or recovering reaches the journal exactly once', () => {
  const tempDir = useTempDir();

  it('a later report heard by a life killed mid-recovery does not move the cursor past it', async () => {
    const w = world(tempDir());
    worlds.push(w);
    const first = await w.recovered();
    const btc = await w.restingPeg(first.engine, 'BTC-USD');
    const eth = await w.restingPeg(first.engine, 'ETH-USD');
    await first.kill();

    // Down: the BTC child fills. Nobody hears it.
    w.quote('BTC-USD', '99', '100');
    await advance(w.clock, 10);
    const missed = w.paper.ledger().fills.find((fill) => fill.parentId === btc)!;
    expect(missed).toBeDefined();

    // The second life connects and hears the ETH child fill, a later venue sequence, but is
    // killed before its reconciliation finished: it held the report, and journaled nothing.
    const second = w.start();
    w.quote('ETH-USD', '1999', '2000');
    await advance(w.clock, 10);
    const later = w.paper.ledger().fills.find((fill) => fill.parentId === eth)!;
    expect(later.venueSeq).toBeGreaterThan(missed.venueSeq);
    expect(w.fillRows(second.journal)).toEqual([]);
    await second.kill();

    // The third life recovers: the cursor still lies below both fills, so fillsSince brings them,
    // with their sequences. Nothing had to be found by the cumQty rule.
    const third = await w.recovered();
    await advance(w.clock, 20);
    const rows = w.fillRows(third.journal);
    expect(rows.filter((row) => row.execId === missed.execId)).toEqual([
      expect.objectContaining({ orderId: btc, cursor: missed.cursor, qty: '1' }),
    ]);
    expect(rows.filter((row) => row.execId === later.execId)).toEqual([
      expect.objectContaining({ orderId: eth, cursor: later.cursor, qty: '1' }),
    ]);
    expect(third.outcome.fillsRecovered).toBe(2);
    expect(third.outcome.notices).toEqual([]);
    for (const orderId of [btc, eth]) {
      const order = third.engine.store.get(orderId)!;
      expect([order.status, order.cumQty.toFixed(), order.fills.length]).toEqual([
        'filled',
        '1',
        1,
      ]);
      expect(w.childrenAtVenue(orderId)).toHaveLength(1);
    }
  });

  // The fill happens this many virtual ms after the new life starts recovering: before its
  // fillsSince is answered, between that and the open-orders query, while children are settled,
  // and after the orders are restored. The venue's latency is 2 ms each way.
  for (const delayMs of [0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) {
    it(`fills ${delayMs} ms into recovery: one fill, and no second child`, async () => {
      const w = world(tempDir());
      worlds.push(w);
      const first = await w.recovered();
      const btc = await w.restingPeg(first.engine, 'BTC-USD');
      await first.kill();

      const second = w.start();
      const recovering = second.engine.recover();
      await advance(w.clock, delayMs);
      w.quote('BTC-USD', '99', '100');
      const outcome: RecoveryOutcome | undefined = await drive(w.clock, recovering);
      second.engine.ready();
      await advance(w.clock, 30);

      const fill = w.paper.ledger().fills.find((f) => f.parentId === btc)!;
      expect(w.fillRows(second.journal).map((row) => row.execId)).toEqual([fill.execId]);
      const order = second.engine.store.get(btc)!;
      expect([order.status, order.cumQty.toFixed(), order.fills.length]).toEqual([
        'filled',
        '1',
        1,
      ]);
      expect(w.childrenAtVenue(btc)).toHaveLength(1);
      expect(outcome?.notices).toEqual([]);
      // A re-price the peg sent as the child filled is refused after the order completed: that
      // late report is normal trading. No other error, and none about an order not yet restored.
      const late = /^report for completed order .* not delivered$/;
      expect(second.errors.map((e) => e.message).filter((m) => !late.test(m))).toEqual([]);
    });
  }
});

describe('what reconciliation finds comes before the reports that followed it', () => {
  const tempDir = useTempDir();

  // A replace the venue took while exo was down, then a fill of the new size heard while the
  // next life recovers: the journal must replay as the venue ordered them, replace first.
  for (const delayMs of [0, 3, 6]) {
    it(`a replace taken while down, filled ${delayMs} ms into recovery: the same child after another restart`, async () => {
      const w = world(tempDir());
      worlds.push(w);
      const first = await w.recovered();
      const btc = await w.restingPeg(first.engine, 'BTC-USD');
      const replace = first.engine.intake.prepareReplace(btc, { quantity: decimal('2') });
      await drive(w.clock, first.engine.intake.commit(replace));
      // The venue takes the child's replace; exo dies before its answer comes back.
      for (let ms = 0; ms < 50 && w.paper.ledger().orders[0]?.quantity.toFixed() !== '2'; ms++) {
        await advance(w.clock, 1);
      }
      await first.kill();
      expect(first.engine.store.get(btc)?.children[0]?.pending).toBe('replace');
      await advance(w.clock, 5); // its answer, sent to a dead exo, is lost
      expect(w.paper.ledger().orders.map((o) => o.quantity.toFixed())).toEqual(['2']);

      const second = w.start();
      const recovering = second.engine.recover();
      await advance(w.clock, delayMs);
      w.quote('BTC-USD', '99', '100');
      await drive(w.clock, recovering);
      second.engine.ready();
      await advance(w.clock, 30);
      const shown = (engine: Engine) => {
        const order = engine.store.get(btc)!;
        const child = order.children[0]!;
        return {
          status: order.status,
          cumQty: order.cumQty.toFixed(),
          overfilled: order.overfilled ?? false,
          child: [child.quantity.toFixed(), child.cumQty.toFixed(), child.status],
          children: order.children.length,
        };
      };
      const live = shown(second.engine);
      expect(live).toEqual({
        status: 'filled',
        cumQty: '2',
        overfilled: false,
        child: ['2', '2', 'filled'],
        children: 1,
      });
      await second.kill();

      const third = await w.recovered();
      expect(shown(third.engine)).toEqual(live);
    });
  }
});

describe('a fill lost on its way to a live exo', () => {
  const tempDir = useTempDir();

  for (const listsFills of [true, false]) {
    const how = listsFills ? 'from the venue’s list' : 'as a synthetic fill';
    it(`is booked ${how} when the next report's cumQty shows it, once, and shown so after a restart`, async () => {
      const w = world(tempDir());
      worlds.push(w);
      const first = await w.recovered(listsFills);
      const btc = await w.restingPeg(first.engine, 'BTC-USD');
      first.plug.losing = (report) => report.execType === 'trade';
      // The child fills; its report is lost. The peg re-prices to the new bid, and the venue's
      // refusal says the child is filled: the fill is booked before the refusal reaches the peg.
      w.quote('BTC-USD', '99', '100');
      await advance(w.clock, 30);
      const fill = w.paper.ledger().fills.find((f) => f.parentId === btc)!;
      const shown = (engine: Engine) => {
        const order = engine.store.get(btc)!;
        return {
          status: order.status,
          cumQty: order.cumQty.toFixed(),
          fills: orderToJSON(order).fills.map(({ execId, qty, px, synthetic }) => ({
            execId,
            qty,
            px,
            synthetic: synthetic ?? false,
          })),
        };
      };
      const booked = shown(first.engine);
      expect(booked).toEqual({
        status: 'filled',
        cumQty: '1',
        fills: [
          {
            execId: listsFills ? fill.execId : `synthetic-${btc}-1-1`,
            qty: '1',
            px: fill.px.toFixed(),
            synthetic: !listsFills,
          },
        ],
      });
      expect(w.childrenAtVenue(btc)).toHaveLength(1);
      const kind = listsFills ? 'missed_fill' : 'synthetic_fill';
      const metric = await first.engine.metrics.registry.getSingleMetricAsString(
        'exo_venue_discrepancies_total',
      );
      expect(metric).toContain(`exo_venue_discrepancies_total{kind="${kind}"} 1`);
      await first.kill();

      const second = await w.recovered(listsFills);
      expect(shown(second.engine)).toEqual(booked);
    });
  }
});
