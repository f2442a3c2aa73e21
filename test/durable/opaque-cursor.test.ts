import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { decimal } from '../../src/market/decimal.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { FillsPage, Venue, VenueFill } from '../../src/venues/venue.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { quoteOn, startLife } from './exo-lives.js';

/** A cursor no number can be read from, as a venue with page tokens would have. */
const token = (cursor: string): string => `page:${Buffer.from(cursor).toString('base64')}`;
const untoken = (cursor: string): string =>
  Buffer.from(cursor.slice('page:'.length), 'base64').toString();

/**
 * The paper venue behind cursors of its own kind (opaque page tokens), recording the cursors it
 * is asked from; `alive` false cuts it off from exo as a kill would.
 */
function tokenVenue(paper: PaperVenue, asked: Array<string | undefined>) {
  const state = { alive: true };
  const retoken = (fill: VenueFill): VenueFill => ({ ...fill, cursor: token(fill.cursor) });
  const venue: Venue = {
    name: 'tokens',
    onReport: (sink) =>
      paper.onReport((report, cursor) => {
        if (state.alive) sink(report, cursor === undefined ? undefined : token(cursor));
      }),
    submit: (request) => state.alive && paper.submit(request),
    replace: (request) => state.alive && paper.replace(request),
    cancel: (clOrdId) => state.alive && paper.cancel(clOrdId),
    openOrders: (prefix) => paper.openOrders(prefix),
    orderStatus: (clOrdId) => paper.orderStatus(clOrdId),
    fillsSince: async (cursor): Promise<FillsPage> => {
      asked.push(cursor);
      const page = await paper.fillsSince(cursor === undefined ? undefined : untoken(cursor));
      return { fills: page.fills.map(retoken), cursor: token(page.cursor) };
    },
    fillsOf: async (clOrdId) => (await paper.fillsOf(clOrdId)).map(retoken),
    close: async () => {},
  };
  return { venue, state };
}

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

describe('a venue whose fills cursor is opaque text', () => {
  const tempDir = useTempDir();

  it('has its cursor journaled as given, and asked back verbatim after a restart', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock, latencyMs: 1 });
    closing.push(() => paper.close());
    const quote = (bid: string, ask: string): void => quoteOn(market, bid, ask);
    const path = join(tempDir(), 'journal.db');
    const life = (asked: Array<string | undefined>) => {
      const { venue, state } = tokenVenue(paper, asked);
      const cut = (): void => {
        state.alive = false;
      };
      return startLife({ path, clock, market, venue, algos: ['peg'], cut }).then((life) => {
        closing.push(life.kill);
        return life;
      });
    };

    const firstAsked: Array<string | undefined> = [];
    const first = await life(firstAsked);
    expect(firstAsked).toEqual([undefined]);
    quote('100', '101');
    const prepared = first.engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('2'),
      algo: 'peg',
      params: {},
    });
    await drive(clock, first.engine.intake.commit(prepared));
    const { orderId } = prepared.order;
    await advance(clock, 10);
    quote('99', '100');
    await advance(clock, 10);
    const [seen] = paper.ledger().fills;
    expect(seen).toBeDefined();
    const journaled = [...first.journal.readFrom(0)]
      .filter((row) => row.kind === 'fill')
      .map((row) => (row.body as { cursor?: string }).cursor);
    expect(journaled).toEqual([token(seen!.cursor)]);
    const cursors = [...first.journal.readFrom(0)].flatMap((row) => {
      const { cursor } = row.body as { cursor?: string };
      return cursor === undefined ? [] : [cursor];
    });
    expect(cursors.every((cursor) => cursor.startsWith('page:'))).toBe(true);
    await first.kill();

    // Down: the child (repriced to 99 by the last quote) fills at 99.
    quote('98', '99');
    await advance(clock, 10);
    const missed = paper.ledger().fills[1];
    expect(missed).toBeDefined();

    const secondAsked: Array<string | undefined> = [];
    const second = await life(secondAsked);
    await advance(clock, 10);
    expect(secondAsked[0]).toBe(cursors.at(-1));
    expect(second.engine.store.get(orderId)).toMatchObject({
      status: 'filled',
      cumQty: decimal('2'),
    });
    expect(second.engine.store.get(orderId)?.fills.map((fill) => fill.execId)).toEqual([
      seen!.execId,
      missed!.execId,
    ]);
  });
});
