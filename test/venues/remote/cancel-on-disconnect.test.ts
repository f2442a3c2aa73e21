import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { collect, eventually, relay } from '../standalone/helpers.js';
import { child, portOf, remoteFixtures, resting } from './remote-fixtures.js';

const { start, connect } = remoteFixtures();

/**
 * A client through a relay that can cut it off, with two children resting at the venue and one
 * filled, beside a watcher connected directly with a resting child of its own.
 */
async function restingThroughRelay(cancelOnDisconnect: boolean) {
  const server = await start();
  const link = await relay(portOf(server));
  const problems: string[] = [];
  const venue = connect(link.url, { cancelOnDisconnect, onProblem: (p) => problems.push(p) });
  const seen = collect(venue);
  const watcher = connect(server.url);
  const all = collect(watcher);
  watcher.submit(resting('other-1'));
  venue.submit(resting('exoK-1'));
  venue.submit(resting('exoK-2'));
  venue.submit(child('exoK-3'));
  await seen.waitFor((r) => r.clOrdId === 'exoK-2' && r.execType === 'new');
  await seen.waitFor((r) => r.clOrdId === 'exoK-3' && r.status === 'filled');
  await all.waitFor((r) => r.clOrdId === 'other-1' && r.execType === 'new');
  await eventually(() => venue.cancelsOnDisconnect === cancelOnDisconnect);
  return { server, link, venue, seen, watcher, all, problems };
}

const working = async (venue: { openOrders(): Promise<{ clOrdId: string }[]> }) =>
  (await venue.openOrders()).map((o) => o.clOrdId).sort();

describe('cancel-on-disconnect at the standalone venue', () => {
  it('cancels the working orders a client sent when its connection drops; the client catches up on the cancels', async () => {
    const { link, venue, seen, watcher, all, problems } = await restingThroughRelay(true);
    const before = seen.reports.length;

    link.sever();
    await eventually(() => !venue.connected);
    await all.waitFor((r) => r.clOrdId === 'exoK-1' && r.execType === 'canceled');
    await all.waitFor((r) => r.clOrdId === 'exoK-2' && r.execType === 'canceled');
    // Another client's order, and the one already filled, are left alone.
    expect(await working(watcher)).toEqual(['other-1']);
    expect(all.reports.filter((r) => r.report.execType === 'canceled')).toHaveLength(2);
    expect(seen.reports).toHaveLength(before);

    link.restore();
    await eventually(() => venue.connections === 2);
    await eventually(() => !venue.catchingUp && venue.working === 0);
    const caughtUp = seen.reports.slice(before).map((r) => [r.report.clOrdId, r.report.status]);
    expect(caughtUp.sort()).toEqual([
      ['exoK-1', 'canceled'],
      ['exoK-2', 'canceled'],
    ]);
    // The new connection asked again: orders sent on it are covered too.
    await eventually(() => venue.cancelsOnDisconnect);
    expect(problems).toEqual([]);
    await link.close();
  });

  it('leaves them working for a client that did not ask', async () => {
    const { link, venue, watcher, all } = await restingThroughRelay(false);
    link.sever();
    await eventually(() => !venue.connected);
    // A query through the venue's own queue answers after every cancel it would have made.
    expect(await working(watcher)).toEqual(['exoK-1', 'exoK-2', 'other-1']);
    expect(all.reports.some((r) => r.report.execType === 'canceled')).toBe(false);
    await link.close();
  });

  it('cancels nothing when the venue itself shuts down: its clients are cut off, not gone', async () => {
    const { server, venue } = await restingThroughRelay(true);
    await server.close();
    await eventually(() => !venue.connected);
    const statuses = server.venue.ledger().orders.map((o) => [o.clOrdId, o.status]);
    expect(statuses.filter(([id]) => id !== 'exoK-3')).toEqual([
      ['other-1', 'new'],
      ['exoK-1', 'new'],
      ['exoK-2', 'new'],
    ]);
  });
});

describe('RemoteVenue asking a server that predates the hello', () => {
  it('tells onProblem the venue offers no cancel-on-disconnect, and trades on', async () => {
    const old = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => old.once('listening', resolve));
    old.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'welcome', runId: 'old', venueSeq: 0 }));
      socket.on('message', (data) => {
        const { id, type } = JSON.parse(String(data)) as { id: string; type: string };
        if (type === 'hello') {
          const error = `message.type: expected one of submit, …, got "hello"`;
          socket.send(JSON.stringify({ type: 'error', id, error }));
        } else socket.send(JSON.stringify({ type: 'reply', id, result: { orders: [] } }));
      });
    });
    const problems: string[] = [];
    const venue = connect(`ws://127.0.0.1:${(old.address() as AddressInfo).port}`, {
      cancelOnDisconnect: true,
      onProblem: (problem) => problems.push(problem),
    });
    expect(await venue.openOrders()).toEqual([]);
    expect(venue.cancelsOnDisconnect).toBe(false);
    expect(problems).toEqual([
      'venue remote does not offer cancel-on-disconnect: message.type: expected one of submit, …, got "hello"',
    ]);
    await venue.close();
    await new Promise((resolve) => old.close(resolve));
  });
});
