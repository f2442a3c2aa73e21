import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import { type ClientIdRules, fixClientIds } from '../../src/venues/client-id-format.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { Venue } from '../../src/venues/venue.js';
import { forwarding, quoteOn } from '../durable/exo-lives.js';
import { advance, drive } from '../recovery/helpers.js';

/** The paper venue, declaring `rules` for its client IDs. */
function declaring(paper: PaperVenue, rules: ClientIdRules): Venue {
  return forwarding(paper, { clientIds: rules });
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function engineOn(rules: ClientIdRules) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const paper = new PaperVenue({ market, clock, latencyMs: 1 });
  const journal = SqliteJournal.open(':memory:', { clock });
  const engine = new Engine({
    clock,
    marketData: market,
    venue: declaring(paper, rules),
    journal,
    createFactory: (listener, venue) => createAlgoFactory({ venue, listener }),
    algos: ['take'],
    symbols: ['BTC-USD'],
  });
  engines.push(engine);
  await engine.start();
  engine.ready();
  quoteOn(market, '99', '100', { size: '5' });
  const place = async (): Promise<string> => {
    const prepared = engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('1'),
      algo: 'take',
      params: {},
    });
    await drive(clock, engine.intake.commit(prepared));
    const { orderId } = prepared.order;
    for (let ms = 0; ms < 200 && !isTerminal(engine.store.get(orderId)!.status); ms++) {
      await advance(clock, 1);
    }
    return orderId;
  };
  return { engine, journal, paper, place };
}

describe('a venue that declares its client-ID format, through the journaled engine', () => {
  it('gets no child whose ID it would refuse: nothing journaled or sent, the order rejected', async () => {
    const { engine, journal, paper, place } = await engineOn({ format: fixClientIds(12) });
    const orderId = await place();
    expect(engine.store.get(orderId)).toMatchObject({ status: 'rejected', children: [] });
    expect(engine.store.get(orderId)?.text).toMatch(/beyond the venue's 12/);
    expect([...journal.readFrom(0)].filter((row) => row.kind === 'child_intent')).toEqual([]);
    expect(paper.ledger().orders).toEqual([]);
  });

  it('gets the children whose IDs fit', async () => {
    const { engine, paper, place } = await engineOn({ format: fixClientIds(36) });
    const orderId = await place();
    expect(engine.store.get(orderId)?.status).toBe('filled');
    expect(paper.ledger().orders.map((order) => order.clOrdId)).toEqual([`${orderId}-1`]);
  });
});
