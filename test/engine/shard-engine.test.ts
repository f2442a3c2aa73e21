import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { readFill } from '../../src/journal/journal-bodies.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import { shardOf } from '../../src/shards/shard-of.js';
import { WrongShardError } from '../../src/shards/wrong-shard-error.js';
import { ShardVenue } from '../../src/venues/shard-venue.js';
import type { ReportSink, VenueFill } from '../../src/venues/venue.js';
import { drive, queryingVenue } from '../recovery/helpers.js';

/** Shard 1 of 4: its orders are `exo1-…`; another shard's, `exo2-…`. */
const SHARD = { index: 1, count: 4 } as const;
const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];
const MINE = SYMBOLS.find((symbol) => shardOf(symbol, SHARD.count) === SHARD.index)!;
const THEIRS = SYMBOLS.find((symbol) => shardOf(symbol, SHARD.count) !== SHARD.index)!;

/** A fill at the venue of child `clOrdId` (parent `<clOrdId minus -1>`), `cursor` its place. */
function venueFill(cursor: number, clOrdId: string): VenueFill {
  return {
    cursor: String(cursor),
    execId: `x-${clOrdId}`,
    clOrdId,
    parentId: clOrdId.replace(/-1$/, ''),
    venueOrderId: `v-${clOrdId}`,
    symbol: MINE,
    side: 'buy',
    qty: decimal('1'),
    px: decimal('100'),
    time: 10 + cursor,
  };
}

/** A trade report of child `clOrdId`, as a venue reporting per account delivers it. */
function tradeReport(clOrdId: string): Report {
  return {
    orderId: clOrdId.replace(/-1$/, ''),
    clOrdId,
    execId: `live-${clOrdId}`,
    execType: 'trade',
    status: 'filled',
    lastQty: decimal('1'),
    lastPx: decimal('100'),
    cumQty: decimal('1'),
    leavesQty: decimal('0'),
    transactTime: 20,
  };
}

/**
 * A venue reporting per account (as a standalone `exo venue` or Binance does): its fills list
 * and its reports carry every shard's orders. It remembers the prefix openOrders was asked with.
 */
function accountVenue(listed: VenueFill[]) {
  let sink: ReportSink = () => {};
  const asked: (string | undefined)[] = [];
  const venue = {
    ...queryingVenue({
      openOrders: async (prefix) => {
        asked.push(prefix);
        return [];
      },
      orderStatus: async () => undefined,
      fillsSince: async (cursor = '0') => {
        const after = listed.filter((fill) => Number(fill.cursor) > Number(cursor));
        return { fills: after.slice(0, 1), cursor: after[0]?.cursor ?? cursor };
      },
    }),
    onReport: (to: ReportSink) => {
      sink = to;
    },
  };
  return { venue, asked, report: (report: Report) => sink(report) };
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

/** A recovered engine serving SHARD against `venue`, and its journal. */
async function shardEngine(account: ReturnType<typeof accountVenue>) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const journal = SqliteJournal.open(':memory:', { clock });
  const engine = new Engine({
    clock,
    marketData: market,
    venue: account.venue,
    journal,
    createFactory: (listener, venue) => createAlgoFactory({ venue, listener }),
    algos: ['take'],
    symbols: [MINE],
    shard: SHARD,
  });
  engines.push(engine);
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  return { engine, journal, clock };
}

/** The client IDs of the journal's fill rows. */
function journaledFills(journal: SqliteJournal): string[] {
  return [...journal.readFrom(0)]
    .filter((row) => row.kind === 'fill')
    .map((row) => readFill(row.body).clOrdId);
}

describe('an engine serving one shard of a sharded journal', () => {
  it("never books or journals another shard's fills, from reconciliation or from live reports", async () => {
    const account = accountVenue([
      venueFill(1, 'exo2-a-1'),
      venueFill(2, 'exo2-b-1'),
      venueFill(3, 'exo1-c-1'),
      venueFill(4, 'exo3-d-1'),
    ]);
    const { engine, journal, clock } = await shardEngine(account);
    // Reconciliation asked for open orders under the shard's own prefix only.
    expect(account.asked).toEqual(['exo1-']);
    account.report(tradeReport('exo2-e-1'));
    account.report(tradeReport('exo-f-1'));
    await drive(clock, journal.committed());
    // Its own unknown fill is journaled as unmatched (the control); no other shard's appears.
    expect(journaledFills(journal)).toEqual(['exo1-c-1']);
    for (const id of ['exo2-a', 'exo2-b', 'exo3-d', 'exo2-e']) {
      expect(engine.store.get(id)).toBeUndefined();
    }
  });

  it('names its orders with the shard prefix and refuses a symbol of another shard', async () => {
    const { engine } = await shardEngine(accountVenue([]));
    const order = { side: 'buy', quantity: decimal('1'), algo: 'take', params: {} } as const;
    const prepared = engine.intake.prepareNew({ ...order, symbol: MINE });
    expect(prepared.order.orderId).toMatch(/^exo1-/);
    const refusal = (() => {
      try {
        engine.intake.prepareNew({ ...order, symbol: THEIRS });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(WrongShardError);
    expect(refusal).toMatchObject({
      symbol: THEIRS,
      shard: shardOf(THEIRS, SHARD.count),
      here: SHARD.index,
    });
  });
});

describe('ShardVenue', () => {
  it("follows a fills page left empty by the filter to the next, so the shard's later fills are listed", async () => {
    const account = accountVenue([venueFill(1, 'exo2-a-1'), venueFill(2, 'exo1-b-1')]);
    const venue = new ShardVenue(account.venue, 'exo1-');
    expect(await venue.fillsSince('0')).toMatchObject({
      fills: [{ clOrdId: 'exo1-b-1' }],
      cursor: '2',
    });
    expect(await venue.fillsSince('2')).toEqual({ fills: [], cursor: '2' });
  });
});
