import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { decimal } from '../../../src/market/decimal.js';
import { reportToJSON } from '../../../src/market/json.js';
import { collect, eventually, relay } from '../standalone/helpers.js';
import { gist, portOf, remoteFixtures, resting } from './remote-fixtures.js';

const { start, connect } = remoteFixtures();

/**
 * A client cut off from a venue (through a relay that keeps it out) while the venue fills one of
 * its children and cancels the other, as told by a watcher connected directly, which sees every
 * report. Returns once the watcher has seen both, with the client still away.
 */
async function missWhileAway(replayReports?: number) {
  const server = await start(0, 1, replayReports === undefined ? {} : { replayReports });
  const link = await relay(portOf(server));
  const problems: string[] = [];
  const venue = connect(link.url, { onProblem: (problem) => problems.push(problem) });
  const seen = collect(venue);
  const watcher = connect(server.url);
  const all = collect(watcher);
  venue.submit(resting('exoU-1'));
  venue.submit(resting('exoU-2'));
  await seen.waitFor((r) => r.clOrdId === 'exoU-2' && r.execType === 'new');
  const lastSeen = venue.lastVenueSeq;
  const before = seen.reports.length;

  link.sever();
  await eventually(() => !venue.connected);
  // A limit far above the market makes the first child take the touch; the second is cancelled.
  watcher.replace({ clOrdId: 'exoU-1', limitPrice: decimal('100000.00') });
  watcher.cancel('exoU-2');
  await all.waitFor((r) => r.clOrdId === 'exoU-1' && r.status === 'filled');
  await all.waitFor((r) => r.clOrdId === 'exoU-2' && r.execType === 'canceled');
  const missed = all.reports.filter((r) => r.venueSeq! > lastSeen);
  return { link, venue, seen, before, missed, problems };
}

describe('RemoteVenue catching up after a reconnect to the same run', () => {
  it('delivers exactly the reports made while it was away, in sequence order, once each', async () => {
    const { link, venue, seen, before, missed, problems } = await missWhileAway();
    const of = (clOrdId: string) =>
      missed.filter((r) => r.report.clOrdId === clOrdId).map((r) => r.report.execType);
    // A replace, then one trade or more (the touch may be thinner than the child).
    expect(of('exoU-1').join(' ')).toMatch(/^replaced( trade)+$/);
    expect(of('exoU-2')).toEqual(['canceled']);
    expect(seen.reports).toHaveLength(before);

    link.restore();
    await eventually(() => venue.connections === 2);
    // Sent after the resume, so answered after it and its replay.
    await venue.openOrders();
    expect(seen.reports.slice(before)).toEqual(missed);
    expect(venue.working).toBe(0);
    expect(venue.catchingUp).toBe(false);
    expect(problems).toEqual([]);
    await link.close();
  });

  it('rebuilds the missed fills and ends from queries when the venue no longer holds the reports', async () => {
    const { link, venue, seen, before, missed, problems } = await missWhileAway(0);
    link.restore();
    await eventually(() => venue.connections === 2);
    await eventually(() => !venue.catchingUp && venue.working === 0);
    await venue.openOrders();

    // The replace is lost; every fill comes with its own sequence, then the cancel, rebuilt.
    const trades = missed.filter((r) => r.report.execType === 'trade');
    const rebuilt = seen.reports.slice(before);
    const fields = ({ report, venueSeq }: (typeof rebuilt)[number]) => ({
      ...gist(report),
      execId: report.execId,
      lastQty: report.lastQty,
      lastPx: report.lastPx,
      venueSeq,
    });
    expect(rebuilt.map(fields)).toEqual([
      ...trades.map(fields),
      {
        orderId: 'exoU',
        clOrdId: 'exoU-2',
        execType: 'canceled',
        status: 'canceled',
        text: 'canceled on request',
        execId: undefined,
        lastQty: undefined,
        lastPx: undefined,
        venueSeq: undefined,
      },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/could not replay .* no longer holds them all.*rebuilding/),
    ]);
    await link.close();
  });
});

describe('RemoteVenue catching up from a server that does not answer at once', () => {
  it('drops a catch-up left unanswered and resumes on the next connection, holding what came meanwhile', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const report = (venueSeq: number) =>
      JSON.stringify({
        type: 'report',
        venueSeq,
        report: reportToJSON({
          orderId: 'exoW',
          clOrdId: 'exoW-1',
          execType: 'status',
          status: 'new',
          transactTime: venueSeq,
        }),
      });
    const resumes: unknown[] = [];
    let connection = 0;
    server.on('connection', (socket) => {
      connection++;
      const head = [10, 13, 14][connection - 1]!;
      socket.send(JSON.stringify({ type: 'welcome', runId: 'run1', venueSeq: head }));
      if (connection === 1) {
        socket.send(report(11));
        setTimeout(() => socket.terminate(), 20);
      }
      // Live on the second connection, while the catch-up holds reports.
      if (connection === 2) socket.send(report(14));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id: string; sinceSeq: number };
        if (message.type !== 'resume') return;
        resumes.push(message.sinceSeq);
        if (connection < 3) return;
        for (const seq of [12, 13, 14]) socket.send(report(seq));
        const result = { complete: true, venueSeq: 14 };
        socket.send(JSON.stringify({ type: 'reply', id: message.id, result }));
      });
    });
    const problems: string[] = [];
    const venue = connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      queryTimeoutMs: 100,
      onProblem: (problem) => problems.push(problem),
    });
    const seen = collect(venue);

    await seen.waitFor((r) => r.transactTime === 14);
    expect(seen.reports.map((r) => r.venueSeq)).toEqual([11, 12, 13, 14]);
    expect(resumes).toEqual([11, 11]);
    expect(problems).toEqual([expect.stringContaining('no answer to resume within 100 ms')]);
    expect(venue.connections).toBe(3);
    await venue.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
