import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { decimal } from '../../src/market/decimal.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { ChildOrderRequest, ReportSink, Venue } from '../../src/venues/venue.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { livesOn, quoteOn } from './exo-lives.js';

const UNKNOWN = '-1007: timeout waiting for response from backend server';

/**
 * The paper venue behind an adapter whose next order entry gets no usable answer: it says the
 * outcome is unknown, and the order either reached the book (`took`, its reports lost on the way)
 * or did not (`lost`). `alive` false cuts exo off, as a kill does; the venue lives on.
 */
class MaybeVenue implements Venue {
  readonly name: string;
  next: 'answered' | 'took' | 'lost' = 'answered';
  alive = true;
  readonly #paper: PaperVenue;
  readonly #unheard = new Set<string>();
  #sink: ReportSink | undefined;

  constructor(paper: PaperVenue) {
    this.#paper = paper;
    this.name = paper.name;
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
    this.#paper.onReport((report, cursor) => {
      if (this.alive && !this.#unheard.has(report.clOrdId ?? '')) sink(report, cursor);
    });
  }

  submit(request: ChildOrderRequest): void {
    if (!this.alive) return;
    const outcome = this.next;
    this.next = 'answered';
    if (outcome !== 'lost') this.#paper.submit(request);
    if (outcome === 'answered') return;
    this.#unheard.add(request.clOrdId);
    this.#sink?.({
      orderId: request.parentId,
      clOrdId: request.clOrdId,
      execType: 'unknown',
      status: 'pending_new',
      transactTime: 0,
      text: UNKNOWN,
    });
  }

  replace: Venue['replace'] = (request) => this.alive && this.#paper.replace(request);
  cancel: Venue['cancel'] = (clOrdId) => this.alive && this.#paper.cancel(clOrdId);
  openOrders: Venue['openOrders'] = (prefix) => this.#paper.openOrders(prefix);
  orderStatus: Venue['orderStatus'] = (clOrdId) => this.#paper.orderStatus(clOrdId);
  fillsSince: Venue['fillsSince'] = (cursor) => this.#paper.fillsSince(cursor);
  close = async (): Promise<void> => {
    this.alive = false;
  };
}

function world(dir: string) {
  const clock = new VirtualClock(1_700_000_000_000);
  const market = new ScriptedMarket();
  const paper = new PaperVenue({ market, clock, latencyMs: 1 });
  const venue = new MaybeVenue(paper);
  const path = join(dir, 'journal.db');
  const quote = (): void => quoteOn(market, '100', '101');
  const { life, killAll } = livesOn({ path, clock, market, venue, algos: ['peg'] });

  /** Places a peg buy of 1, whose first child gets an unknown outcome; killed right after. */
  const unknownThenKilled = async (outcome: 'took' | 'lost'): Promise<string> => {
    const first = await life();
    venue.next = outcome;
    const prepared = first.engine.intake.prepareNew({
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: decimal('1'),
      algo: 'peg',
      params: {},
    });
    await drive(clock, first.engine.intake.commit(prepared));
    const { orderId } = prepared.order;
    quote();
    await advance(clock, 5);
    expect(first.engine.store.get(orderId)!.children[0]).toMatchObject({
      clOrdId: `${orderId}-1`,
      pending: 'new',
      unknown: true,
    });
    const rows = [...first.journal.readFrom(0)].filter((row) => row.kind === 'venue_report');
    expect(rows.map((row) => row.body)).toEqual([
      expect.objectContaining({ execType: 'unknown', status: 'pending_new', text: UNKNOWN }),
    ]);
    await first.kill();
    return orderId;
  };

  const close = async (): Promise<void> => {
    await killAll();
    await paper.close();
  };
  return { clock, paper, venue, quote, life, unknownThenKilled, close };
}

const worlds: Array<ReturnType<typeof world>> = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

describe('a child of unknown outcome, across a restart', () => {
  const tempDir = useTempDir();

  it('that reached the book: recovery finds it by its status and adopts it, sending nothing more', async () => {
    const w = world(tempDir());
    worlds.push(w);
    const orderId = await w.unknownThenKilled('took');

    const second = await w.life();
    expect(second.outcome.childrenAdopted).toBe(1);
    await advance(w.clock, 10);
    const children = second.engine.store.get(orderId)!.children;
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ clOrdId: `${orderId}-1`, status: 'new' });
    expect(children[0]?.unknown).toBeUndefined();
    expect(w.paper.ledger().orders.map((order) => order.clOrdId)).toEqual([`${orderId}-1`]);
  });

  it('that never reached it: rejected as not found once asked, and sent anew under a new ID', async () => {
    const w = world(tempDir());
    worlds.push(w);
    const orderId = await w.unknownThenKilled('lost');

    const second = await w.life();
    expect(second.outcome.childrenRejected).toBe(1);
    w.quote();
    await advance(w.clock, 10);
    const children = second.engine.store.get(orderId)!.children;
    expect(children[0]).toMatchObject({ status: 'rejected', text: 'not found at venue' });
    expect(children[0]?.unknown).toBeUndefined();
    expect(children[1]).toMatchObject({ clOrdId: `${orderId}-2`, status: 'new' });
    expect(w.paper.ledger().orders.map((order) => order.clOrdId)).toEqual([`${orderId}-2`]);
  });
});
