import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { decimal } from '../../../src/market/decimal.js';
import { VenueClosedError, VenueTimeoutError } from '../../../src/venues/remote/index.js';
import { collect, eventually, relay } from '../standalone/helpers.js';
import { child, portOf, remoteFixtures } from './remote-fixtures.js';

const { start, stop, connect } = remoteFixtures();

describe('RemoteVenue against the standalone venue', () => {
  it('delivers the acknowledgement and fill of a submit, with the venue sequence', async () => {
    const server = await start();
    const venue = connect(server.url);
    const seen = collect(venue);
    venue.submit(child('exoA-1'));
    const fill = await seen.waitFor((r) => r.execType === 'trade');
    expect(fill).toMatchObject({ orderId: 'exoA', clOrdId: 'exoA-1', status: 'filled' });
    expect(fill.lastQty!.eq('0.01')).toBe(true);
    const first = seen.reports[0]!.venueSeq!;
    expect(seen.reports.map((r) => [r.report.execType, r.venueSeq])).toEqual([
      ['new', first],
      ['trade', first + 1],
    ]);
    expect(venue.lastVenueSeq).toBe(first + 1);
    expect(venue.unconfirmed).toBe(0);
  });

  it('answers open orders, order status, fills since a cursor, one child’s fills and the ledger', async () => {
    const server = await start();
    const venue = connect(server.url);
    const seen = collect(venue);
    venue.submit(child('exoB-1'));
    venue.submit(child('exoB-2', { limitPrice: decimal('1.00'), timeInForce: 'gtc' }));
    venue.submit(child('alien-1', { limitPrice: decimal('1.00'), timeInForce: 'gtc' }));
    await seen.waitFor((r) => r.clOrdId === 'alien-1');

    const open = await venue.openOrders('exo');
    expect(open.map((o) => o.clOrdId)).toEqual(['exoB-2']);
    expect(open[0]!.limitPrice!.eq(1)).toBe(true);
    expect(open[0]!.leavesQty.eq('0.01')).toBe(true);
    const done = await venue.orderStatus('exoB-1');
    expect(done).toMatchObject({ status: 'filled', parentId: 'exoB' });
    expect(done!.cumQty.eq('0.01')).toBe(true);
    expect(await venue.orderStatus('exoB-9')).toBeUndefined();

    const page = await venue.fillsSince('0');
    const fillReport = await seen.waitFor((r) => r.execType === 'trade');
    expect(page.fills).toHaveLength(1);
    expect(page.fills[0]).toMatchObject({ clOrdId: 'exoB-1', execId: fillReport.execId });
    expect(page.fills[0]!.venueSeq).toBe(
      seen.reports.find((r) => r.report === fillReport)!.venueSeq,
    );
    expect(Number(page.cursor)).toBeGreaterThanOrEqual(page.fills[0]!.venueSeq);
    expect(page.fills[0]!.cursor).toBe(String(page.fills[0]!.venueSeq));
    expect((await venue.fillsSince(page.cursor)).fills).toEqual([]);
    expect(await venue.fillsOf('exoB-1')).toEqual(page.fills);
    expect(await venue.fillsOf('exoB-2')).toEqual([]);
    expect(await venue.fillsOf('exoB-9')).toEqual([]);

    const ledger = await venue.ledger();
    expect(ledger.orders.map((o) => o.clOrdId)).toEqual(['exoB-1', 'exoB-2', 'alien-1']);
    expect(ledger.fills[0]).toMatchObject({ execId: fillReport.execId, liquidity: 'taker' });
  });

  it('keeps filling while no client is connected; a new client gets the fills through fillsSince', async () => {
    const server = await start();
    const first = connect(server.url);
    const seen = collect(first);
    first.submit(child('exoC-1'));
    const probe = await seen.waitFor((r) => r.execType === 'trade');
    // A big buy a little above the last fill: it takes the touch, rests, and fills as the walk returns.
    const limitPrice = probe.lastPx!.plus('0.05');
    first.submit(child('exoC-2', { quantity: decimal('500'), timeInForce: 'gtc', limitPrice }));
    await seen.waitFor((r) => r.clOrdId === 'exoC-2');
    await first.close();
    const cursor = first.lastVenueSeq;
    const restingFills = () =>
      server.venue.ledger().fills.filter((f) => f.clOrdId === 'exoC-2' && f.venueSeq > cursor);
    await eventually(() => restingFills().length > 0, 8000);

    const second = connect(server.url);
    const missed = await second.fillsSince(String(cursor));
    const inLedger = server.venue.ledger().fills.filter((f) => f.venueSeq > cursor);
    expect(missed.fills.length).toBeGreaterThan(0);
    expect(missed.fills.map((f) => f.execId)).toEqual(
      inLedger.slice(0, missed.fills.length).map((f) => f.execId),
    );
    expect(missed.fills.every((f) => f.clOrdId === 'exoC-2' && f.px.lte(limitPrice))).toBe(true);
    expect(Number(missed.cursor)).toBeGreaterThanOrEqual(missed.fills.at(-1)!.venueSeq);
  });

  it('reconnects after the server drops, and sends what was asked while it was down', async () => {
    const server = await start();
    const port = Number(new URL(server.url).port);
    const venue = connect(server.url);
    const seen = collect(venue);
    await eventually(() => venue.connected);
    await stop(server);
    await eventually(() => !venue.connected);

    venue.submit(child('exoD-1'));
    const status = venue.orderStatus('exoD-1');
    expect(venue.unconfirmed).toBe(2);
    const restarted = await start(port);
    expect(await status).toMatchObject({ clOrdId: 'exoD-1' });
    await seen.waitFor((r) => r.clOrdId === 'exoD-1' && r.execType === 'trade');
    expect(venue.connections).toBe(2);
    expect(venue.unconfirmed).toBe(0);
    expect(restarted.venue.ledger().orders.map((o) => o.clOrdId)).toEqual(['exoD-1']);
  });

  it('tells connection listeners of each open and drop, at once what stands, and nothing once closed', async () => {
    const server = await start();
    const link = await relay(portOf(server));
    const venue = connect(link.url);
    const told: boolean[] = [];
    venue.onConnection((connected) => told.push(connected));
    expect(told).toEqual([false]);
    await eventually(() => told.length === 2);
    const late: boolean[] = [];
    const stop = venue.onConnection((connected) => late.push(connected));
    link.sever();
    await eventually(() => told.length === 3);
    stop();
    link.restore();
    await eventually(() => told.length === 4);
    expect(told).toEqual([false, true, false, true]);
    expect(late).toEqual([true, false]);
    await venue.close();
    expect(told).toEqual([false, true, false, true]);
    await link.close();
  });

  it('fails a query unanswered in time, and unanswered queries when closed', async () => {
    const server = await start();
    const url = server.url;
    await stop(server);
    const venue = connect(url, { queryTimeoutMs: 50 });
    await expect(venue.openOrders()).rejects.toBeInstanceOf(VenueTimeoutError);
    const pending = venue.fillsSince('0');
    await venue.close();
    await expect(pending).rejects.toBeInstanceOf(VenueClosedError);
    await expect(venue.orderStatus('x-1')).rejects.toBeInstanceOf(VenueClosedError);
  });

  it('reports a child request the server cannot read as a reject, not silence', async () => {
    const server = await start();
    const venue = connect(server.url);
    const seen = collect(venue);
    venue.submit(child('exoE-1', { side: 'short' as 'buy' }));
    const reject = await seen.waitFor((r) => r.clOrdId === 'exoE-1');
    expect(reject).toMatchObject({ orderId: 'exoE', execType: 'rejected', status: 'rejected' });
    expect(reject.text).toContain('message.order.side');
    expect(venue.unconfirmed).toBe(0);
  });
});

describe('RemoteVenue against a server that predates the welcome', () => {
  it('sends its requests once the server says anything, and knows no run', async () => {
    const old = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => old.once('listening', resolve));
    old.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'error', error: 'not a welcome' }));
      socket.on('message', (data) => {
        const { id } = JSON.parse(String(data)) as { id: string };
        socket.send(JSON.stringify({ type: 'reply', id, result: { orders: [] } }));
      });
    });
    const problems: string[] = [];
    const venue = connect(`ws://127.0.0.1:${(old.address() as AddressInfo).port}`, {
      onProblem: (problem) => problems.push(problem),
    });
    expect(await venue.openOrders()).toEqual([]);
    expect(venue.runId).toBeUndefined();
    expect(problems).toEqual(['venue remote: not a welcome']);
    await venue.close();
    await new Promise((resolve) => old.close(resolve));
  });
});

describe('RemoteVenue market data', () => {
  it('passes on the venue’s own quotes and trades for subscribed symbols only', async () => {
    const server = await start();
    const venue = connect(server.url);
    const seen: string[] = [];
    venue.marketData.subscribe('SOL-USD', {
      quote: (quote) => seen.push(`quote ${quote.symbol}`),
      trade: (trade) => seen.push(`trade ${trade.symbol}`),
    });
    await eventually(() => seen.some((s) => s.startsWith('quote')));
    await eventually(() => seen.some((s) => s.startsWith('trade')));
    expect(new Set(seen.map((s) => s.split(' ')[1]))).toEqual(new Set(['SOL-USD']));
    venue.marketData.unsubscribe('SOL-USD');
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.length).toBe(count);
  });
});
