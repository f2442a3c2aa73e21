import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import { Engine } from '../../src/engine/engine.js';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { shardOf } from '../../src/shards/shard-of.js';
import { fixClientIds } from '../../src/venues/client-id-format.js';
import type { ChildOrderRequest, Venue } from '../../src/venues/venue.js';
import { quoteOn } from '../durable/exo-lives.js';
import { advance, drive } from '../recovery/helpers.js';
import { holdingVenue, openOrder } from './holding-venue.js';

/** A symbol of shard 1 of 4, which the shard's engines trade. */
const MINE = ['BTC-USD', 'ETH-USD', 'SOL-USD'].find((symbol) => shardOf(symbol, 4) === 1)!;

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

/** A ready engine serving shard 1 of 4 against a holding venue, sweeping every 100 ms. */
async function sweepingEngine() {
  const clock = new VirtualClock(1_700_000_000_000);
  const held = holdingVenue();
  const renaming: Venue = {
    ...held.venue,
    clientIds: { format: fixClientIds(36), renamesOnReplace: true },
  };
  const journal = SqliteJournal.open(':memory:', { clock });
  const errors: EngineError[] = [];
  const lease = { held: true };
  const engine = new Engine({
    clock,
    marketData: new ScriptedMarket(),
    venue: renaming,
    journal,
    createFactory: (listener, venue) => createAlgoFactory({ venue, listener }),
    algos: ['take'],
    symbols: ['BTC-USD'],
    shard: { index: 1, count: 4 },
    orphanSweepMs: 100,
    leaseHeld: () => lease.held,
    onError: (error) => errors.push(error),
  });
  engines.push(engine);
  const events: ServiceEvent[] = [];
  engine.events.on('event', (event) => events.push(event));
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  const submit = async (request: ChildOrderRequest): Promise<void> => {
    engine.venue.submit(request);
    await advance(clock, 5);
  };
  return { engine, clock, held, journal, events, errors, submit, lease };
}

/** A child request of parent `parentId`. */
function child(parentId: string): ChildOrderRequest {
  return {
    clOrdId: `${parentId}-1`,
    parentId,
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: decimal('1'),
    limitPrice: decimal('100'),
    timeInForce: 'day',
  };
}

describe('an engine sweeping its venue for orphans', () => {
  it("cancels a fenced predecessor's order and announces it, never its own children nor another shard's", async () => {
    const { engine, clock, held, events, submit } = await sweepingEngine();
    // Its own children: one in flight (the venue never answers), one replaced under a new ID.
    await submit(child('exo1-inflight'));
    await submit(child('exo1-renamed'));
    engine.venue.replace({
      clOrdId: 'exo1-renamed-1',
      newClOrdId: 'exo1-renamed-2',
      limitPrice: decimal('101'),
    });
    await advance(clock, 5);
    expect([...held.open.keys()]).toContain('exo1-renamed-2');
    // A fenced predecessor's request landing after this engine's start reconciliation.
    held.open.set('exo1-ghost-1', openOrder('exo1-ghost-1'));
    // Another shard's order, which a venue listing every order of the account would show.
    held.open.set('exo2-theirs-1', openOrder('exo2-theirs-1'));
    await advance(clock, 250);
    expect(held.cancels).toEqual(['exo1-ghost-1']);
    expect(held.asked.every((prefix) => prefix === 'exo1-')).toBe(true);
    expect([...held.open.keys()].sort()).toEqual([
      'exo1-inflight-1',
      'exo1-renamed-2',
      'exo2-theirs-1',
    ]);
    expect(events.filter((event) => event.type === 'orphan_cancelled')).toEqual([
      {
        type: 'orphan_cancelled',
        clOrdId: 'exo1-ghost-1',
        orderId: 'exo1-ghost',
        message: expect.stringContaining('orphan sweep'),
      },
    ]);
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toMatch(/^exo_orphans_cancelled_total 1$/m);
    await advance(clock, 500);
    expect(held.cancels).toEqual(['exo1-ghost-1']);
  });

  it('survives a venue whose listing fails, counts it, and cancels once it answers again', async () => {
    const { engine, clock, held, errors } = await sweepingEngine();
    held.state.failing = true;
    held.open.set('exo1-ghost-1', openOrder('exo1-ghost-1'));
    await advance(clock, 350);
    expect(held.cancels).toEqual([]);
    expect(errors.some((error) => /orphan sweep failed/.test(error.message))).toBe(true);
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toMatch(/^exo_orphan_sweep_failures_total [1-9]/m);
    held.state.failing = false;
    await advance(clock, 250);
    expect(held.cancels).toEqual(['exo1-ghost-1']);
  });

  it("cancels nothing once its lease's local deadline passed (a SIGSTOPped owner resumed)", async () => {
    const { clock, held, events, lease } = await sweepingEngine();
    lease.held = false;
    held.open.set('exo1-successors-1', openOrder('exo1-successors-1'));
    await advance(clock, 500);
    expect(held.cancels).toEqual([]);
    expect(events.filter((event) => event.type === 'orphan_cancelled')).toEqual([]);
  });

  it('stops sweeping when the engine stops', async () => {
    const { engine, clock, held } = await sweepingEngine();
    await advance(clock, 150);
    const asked = held.asked.length;
    await engine.stop();
    held.open.set('exo1-ghost-1', openOrder('exo1-ghost-1'));
    await advance(clock, 500);
    expect(held.asked.length).toBe(asked);
    expect(held.cancels).toEqual([]);
  });
});

describe('a fenced predecessor whose child reaches the venue after the takeover', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** An engine of shard 1 of 4 on the journal file `file`, against `venue`, sweeping every 100 ms. */
  function shardEngine(file: string, venue: Venue, clock: VirtualClock, market: ScriptedMarket) {
    const engine = new Engine({
      clock,
      marketData: market,
      venue,
      journal: SqliteJournal.open(file, { clock }),
      createFactory: (listener, journaled) => createAlgoFactory({ venue: journaled, listener }),
      algos: ['take'],
      symbols: [MINE],
      shard: { index: 1, count: 4 },
      orphanSweepMs: 100,
    });
    engines.push(engine);
    return engine;
  }

  it('is rejected by the new owner as not found, and cancelled by its sweep once it lands', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-orphan-sweep-'));
    dirs.push(dir);
    const file = join(dir, 'journal.db');
    const clock = new VirtualClock(1_700_000_000_000);
    // The old owner journals a parent and its child's intent; its request is still on the way.
    const market = new ScriptedMarket();
    const lost = holdingVenue();
    const old = shardEngine(file, { ...lost.venue, submit: () => {} }, clock, market);
    await old.start();
    old.ready();
    quoteOn(market, '99', '100', { symbol: MINE, size: '5' });
    const prepared = old.intake.prepareNew({
      side: 'buy',
      symbol: MINE,
      quantity: decimal('1'),
      limitPrice: decimal('100'),
      algo: 'take',
      params: {},
    });
    await drive(clock, old.intake.commit(prepared));
    await advance(clock, 20);
    const { orderId } = prepared.order;
    const late = `${orderId}-1`;
    expect(old.store.get(orderId)?.children.map((c) => c.clOrdId)).toEqual([late]);
    await old.stop();
    // The new owner recovers: the venue does not know the child, which is rejected.
    const held = holdingVenue();
    const next = shardEngine(file, held.venue, clock, new ScriptedMarket());
    await next.start();
    await drive(clock, next.recover());
    next.ready();
    expect(next.store.get(orderId)?.children.find((c) => c.clOrdId === late)?.status).toBe(
      'rejected',
    );
    // Then the old owner's request lands: an order nobody manages, until the sweep cancels it.
    held.open.set(late, openOrder(late));
    await advance(clock, 250);
    expect(held.cancels).toEqual([late]);
    expect(held.open.has(late)).toBe(false);
  });
});
