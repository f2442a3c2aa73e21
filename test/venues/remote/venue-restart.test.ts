import { describe, expect, it } from 'vitest';
import { VENUE_RESTARTED_TEXT } from '../../../src/venues/remote/index.js';
import { collect, eventually, relay } from '../standalone/helpers.js';
import { child, gist, portOf, remoteFixtures, resting } from './remote-fixtures.js';

const { start, stop, connect } = remoteFixtures();

describe('RemoteVenue when the venue restarts', () => {
  it('ends the children the old run held, with that text and nothing else; sends the rest to the new run', async () => {
    const server = await start();
    const venue = connect(server.url);
    const seen = collect(venue);
    venue.submit(resting('exoR-1'));
    venue.submit(child('exoR-2'));
    await seen.waitFor((r) => r.clOrdId === 'exoR-1' && r.execType === 'new');
    await seen.waitFor((r) => r.clOrdId === 'exoR-2' && r.status === 'filled');
    expect(venue.runId).toBe(server.runId);
    expect(venue.working).toBe(1);
    const oldSeqs = seen.reports.map((r) => r.venueSeq!);

    await stop(server);
    await eventually(() => !venue.connected);
    const before = seen.reports.length;
    venue.cancel('exoR-1');
    venue.submit(resting('exoR-3'));
    const restarted = await start(portOf(server));
    // Answered after the requests sent before it, and their reports: what the new run was sent.
    const ledger = await venue.ledger();

    expect(ledger.orders.map((o) => o.clOrdId)).toEqual(['exoR-3']);
    expect(seen.reports.slice(before).map((r) => gist(r.report))).toEqual([
      {
        orderId: 'exoR',
        clOrdId: 'exoR-1',
        execType: 'canceled',
        status: 'canceled',
        text: VENUE_RESTARTED_TEXT,
      },
      { orderId: 'exoR', clOrdId: 'exoR-3', execType: 'new', status: 'new', text: undefined },
    ]);
    expect(seen.reports.at(-1)!.venueSeq).toBeGreaterThan(Math.max(...oldSeqs));
    expect(venue.runId).toBe(restarted.runId);
    expect(venue.restarts).toBe(1);
    expect(venue.working).toBe(1);
    expect(venue.unconfirmed).toBe(0);
  });

  it('ends a child the old run took but never acknowledged as rejected', async () => {
    const server = await start(0, 60_000);
    const venue = connect(server.url);
    const seen = collect(venue);
    venue.submit(resting('exoQ-1'));
    await eventually(() => venue.unconfirmed === 0);

    await stop(server);
    await start(portOf(server));
    expect((await venue.ledger()).orders).toEqual([]);

    expect(seen.reports.map((r) => gist(r.report))).toEqual([
      {
        orderId: 'exoQ',
        clOrdId: 'exoQ-1',
        execType: 'rejected',
        status: 'rejected',
        text: VENUE_RESTARTED_TEXT,
      },
    ]);
    expect(venue.restarts).toBe(1);
    expect(venue.working).toBe(0);
  });

  it('ends a child it learned of only through an order status query, as recovery adopts one', async () => {
    const server = await start();
    const first = connect(server.url);
    first.submit(resting('exoT-1'));
    await collect(first).waitFor((r) => r.clOrdId === 'exoT-1');
    const second = connect(server.url);
    const seen = collect(second);
    expect(await second.orderStatus('exoT-1')).toMatchObject({ status: 'new' });
    expect(second.working).toBe(1);

    await stop(server);
    await start(portOf(server));
    await second.ledger();

    const ends = seen.reports.filter((r) => r.report.clOrdId === 'exoT-1');
    expect(ends.map((r) => gist(r.report))).toEqual([
      {
        orderId: 'exoT',
        clOrdId: 'exoT-1',
        execType: 'canceled',
        status: 'canceled',
        text: VENUE_RESTARTED_TEXT,
      },
    ]);
  });

  it('ends nothing, and delivers nothing it had, when it reconnects to the same run with nothing missed', async () => {
    const server = await start();
    const link = await relay(portOf(server));
    const venue = connect(link.url);
    const seen = collect(venue);
    venue.submit(resting('exoS-1'));
    await seen.waitFor((r) => r.clOrdId === 'exoS-1');

    link.cut();
    await eventually(() => venue.connections === 2);
    expect((await venue.openOrders('exoS')).map((o) => o.clOrdId)).toEqual(['exoS-1']);
    expect(venue.restarts).toBe(0);
    expect(venue.working).toBe(1);
    venue.cancel('exoS-1');
    await seen.waitFor((r) => r.clOrdId === 'exoS-1' && r.status === 'canceled');

    expect(seen.reports.map((r) => r.report.execType)).toEqual(['new', 'canceled']);
    const seqs = seen.reports.map((r) => r.venueSeq!);
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1]);
    expect(seen.reports.filter((r) => r.report.text === VENUE_RESTARTED_TEXT)).toEqual([]);
    expect(venue.working).toBe(0);
    await link.close();
  });
});
