import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import type { Journal } from '../../src/journal/journal.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { OrderEvent } from '../../src/orders/order-event.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { type RecoveryOutcome, recover } from '../../src/recovery/recover.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import { settle } from '../core/helpers.js';
import { JournaledParent } from './contract-writer.js';
import { advance, drive, parentOrder } from './helpers.js';

const SYMBOL = 'BTC-USD';

/** A paper venue on a scripted market and a journal, both on one virtual clock; exo "runs" twice. */
function world() {
  const clock = new VirtualClock(1_000_000);
  const market = new ScriptedMarket();
  const venue = new PaperVenue({ market, clock, latencyMs: 2 });
  const journal: Journal = SqliteJournal.open(':memory:', { clock });
  const quote = (bid: string, ask: string, size = '5'): void =>
    market.publishQuote(
      Quote.of({
        symbol: SYMBOL,
        bidPx: decimal(bid),
        bidQty: decimal(size),
        askPx: decimal(ask),
        askQty: decimal(size),
      }),
    );
  quote('100', '101');

  /** The first life of exo: a parent journaled as the service would, its reports journaled too. */
  const firstLife = (order: ParentOrder): JournaledParent => {
    const parent = new JournaledParent(order, journal, clock);
    venue.onReport((report, cursor) => {
      if (report.orderId === order.orderId) parent.report(report, cursor);
    });
    return parent;
  };

  /** exo is down: whatever the venue says now reaches no one. */
  const crash = (): void => venue.onReport(() => {});

  /** The second life: a fresh dispatcher and algorithms recovering from the journal. */
  const restart = async () => {
    const latest = new Map<string, ParentSnapshot>();
    const events: OrderEvent[] = [];
    const factory = createAlgoFactory({
      venue,
      listener: (event, order) => {
        events.push(event);
        latest.set(event.orderId, order.snapshot());
      },
    });
    const dispatcher = new Dispatcher<ParentOrder>({
      factory,
      clock,
      marketData: market,
    });
    venue.onReport((report) => dispatcher.report(report));
    const outcome: RecoveryOutcome = await drive(
      clock,
      recover({ journal, venue, dispatcher, clock }),
    );
    await settle();
    return { outcome, dispatcher, latest, events };
  };

  const ledgerOrder = (clOrdId: string) =>
    venue.ledger().orders.find((order) => order.clOrdId === clOrdId);

  return { clock, market, venue, journal, quote, firstLife, crash, restart, ledgerOrder };
}

const open: Array<{ journal: Journal; venue: PaperVenue }> = [];
afterEach(async () => {
  for (const { journal, venue } of open.splice(0)) {
    await venue.close();
    await journal.close();
  }
});

function make() {
  const w = world();
  open.push(w);
  return w;
}

describe('recovery windows against the paper venue', () => {
  it('intent journaled but never sent: rejected as not found at venue, and the parent re-plans', async () => {
    const w = make();
    const parent = w.firstLife(parentOrder('exo-w1', { quantity: '1', algo: 'take' }));
    parent.sendChild({ quantity: decimal('1'), limitPrice: decimal('101'), timeInForce: 'ioc' });
    await w.journal.committed();
    w.crash();

    const { outcome, latest } = await w.restart();
    expect(outcome.childrenRejected).toBe(1);
    const child = latest.get('exo-w1')!.children.find((c) => c.clOrdId === 'exo-w1-1')!;
    expect(child.status).toBe('rejected');
    expect(child.text).toBe('not found at venue');
    expect(w.ledgerOrder('exo-w1-1')).toBeUndefined();

    w.quote('100', '101');
    await advance(w.clock, 10);
    expect(w.ledgerOrder('exo-w1-2')?.status).toBe('filled');
    expect(latest.get('exo-w1')!.status).toBe('filled');
  });

  it('sent but the ack lost: the child is adopted from the venue, and nothing more is sent', async () => {
    const w = make();
    const parent = w.firstLife(parentOrder('exo-w2', { quantity: '1', algo: 'peg' }));
    w.crash();
    const request = parent.sendChild({
      quantity: decimal('1'),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
    });
    await w.journal.committed();
    w.venue.submit(request);
    await advance(w.clock, 10);

    const { outcome, latest } = await w.restart();
    expect(outcome.childrenAdopted).toBe(1);
    const child = latest.get('exo-w2')!.children[0]!;
    expect(child.status).toBe('new');
    expect(child.venueOrderId).toBe(w.ledgerOrder('exo-w2-1')!.venueOrderId);
    expect(latest.get('exo-w2')!.children).toHaveLength(1);
    expect(w.venue.ledger().orders.filter((o) => o.parentId === 'exo-w2')).toHaveLength(1);
  });

  it('filled while down: fillsSince brings the fill, journaled once, and the order completes', async () => {
    const w = make();
    const parent = w.firstLife(parentOrder('exo-w3', { quantity: '1', algo: 'peg' }));
    const request = parent.sendChild({
      quantity: decimal('1'),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
    });
    w.venue.submit(request);
    await advance(w.clock, 10);
    await w.journal.committed();
    w.crash();
    w.quote('99', '100'); // the ask comes down to the resting bid: it fills while exo is down
    await advance(w.clock, 10);
    const fill = w.venue.ledger().fills.find((f) => f.clOrdId === 'exo-w3-1')!;
    expect(fill).toBeDefined();

    const { outcome, latest } = await w.restart();
    expect(outcome.fillsRecovered).toBe(1);
    const fillRows = [...w.journal.readFrom(1)].filter((row) => row.kind === 'fill');
    expect(fillRows).toHaveLength(1);
    expect(fillRows[0]!.idempotencyKey).toBe(`fill:paper:${fill.execId}`);
    const order = latest.get('exo-w3')!;
    expect(order.cumQty.toFixed()).toBe('1');
    expect(order.avgPx?.toFixed()).toBe(fill.px.toFixed());
    expect(order.status).toBe('filled');
    expect(order.fills.map((f) => f.execId)).toEqual([fill.execId]);
  });

  it('cancel executed while down: the child is settled as canceled from the venue', async () => {
    const w = make();
    const parent = w.firstLife(parentOrder('exo-w4', { quantity: '1', algo: 'peg' }));
    const request = parent.sendChild({
      quantity: decimal('1'),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
    });
    w.venue.submit(request);
    await advance(w.clock, 10);
    parent.cancel();
    parent.cancelChild('exo-w4-1');
    await w.journal.committed();
    w.crash();
    w.venue.cancel('exo-w4-1');
    await advance(w.clock, 10);
    expect(w.ledgerOrder('exo-w4-1')?.status).toBe('canceled');

    const { outcome, latest } = await w.restart();
    expect(outcome.childrenSettled).toBe(1);
    const order = latest.get('exo-w4')!;
    expect(order.children[0]!.status).toBe('canceled');
    expect(order.status).toBe('canceled');
  });

  it('an exo-prefixed order the journal lacks is cancelled at the venue and reported', async () => {
    const w = make();
    w.venue.submit({
      clOrdId: 'exo-ghost-1',
      parentId: 'exo-ghost',
      symbol: SYMBOL,
      side: 'buy',
      quantity: decimal('1'),
      limitPrice: decimal('99'),
      timeInForce: 'gtc',
    });
    w.venue.submit({
      clOrdId: 'other-1',
      parentId: 'other',
      symbol: SYMBOL,
      side: 'buy',
      quantity: decimal('1'),
      limitPrice: decimal('99'),
      timeInForce: 'gtc',
    });
    await advance(w.clock, 10);

    const { outcome } = await w.restart();
    await advance(w.clock, 10);
    expect(outcome.orphans).toEqual(['exo-ghost-1']);
    expect(outcome.notices.map((n) => n.kind)).toEqual(['orphan_cancelled']);
    expect(w.ledgerOrder('exo-ghost-1')?.status).toBe('canceled');
    expect(w.ledgerOrder('other-1')?.status).toBe('new');
    const recovery = [...w.journal.readFrom(1)].find((row) => row.kind === 'recovery');
    expect(recovery?.body).toMatchObject({ orphansCancelled: 1, orphans: ['exo-ghost-1'] });
  });
});

describe('no overfill after a restart', () => {
  it('a parent whose working child covers its leaves sends no new child', async () => {
    const w = make();
    const parent = w.firstLife(parentOrder('exo-n1', { quantity: '1', algo: 'take' }));
    const request = parent.sendChild({
      quantity: decimal('1'),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
    });
    w.venue.submit(request);
    await advance(w.clock, 10);
    await w.journal.committed();
    w.crash();

    const { latest } = await w.restart();
    w.quote('100', '101'); // a fresh quote take would act on, if anything were left to cover
    await advance(w.clock, 10);
    expect(w.venue.ledger().orders.filter((o) => o.parentId === 'exo-n1')).toHaveLength(1);
    expect(latest.get('exo-n1')!.children).toHaveLength(1);
    expect(latest.get('exo-n1')!.status).toBe('new');
  });
});
