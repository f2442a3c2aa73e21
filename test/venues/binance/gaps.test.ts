import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import type { Report } from '../../../src/market/report.js';
import {
  type Adapter,
  control,
  eventually,
  type LocalBinance,
  restingBuy,
  signedRest,
  startAdapter,
  startLocalBinance,
  touchAtLeast,
} from './adapter.js';

/** A marketable IOC buy of SOL at 10% above the ask. */
async function takeSol(server: LocalBinance, clOrdId: string, quantity = '0.2') {
  await touchAtLeast(server, 'SOLUSDT', 'BUY', Number(quantity));
  const touch = (await (
    await fetch(`${server.url}/api/v3/ticker/bookTicker?symbol=SOLUSDT`)
  ).json()) as { askPrice: string };
  return {
    clOrdId,
    parentId: clOrdId.slice(0, clOrdId.lastIndexOf('-')),
    symbol: 'SOL-USD',
    side: 'buy' as const,
    quantity: decimal(quantity),
    limitPrice: decimal(touch.askPrice).times(1.1).round(2),
    timeInForce: 'ioc' as const,
  };
}

/** The account's SOL trades of one Binance order, as the local Binance recorded them. */
async function tradesOf(server: LocalBinance, orderId: string): Promise<number[]> {
  const answer = await signedRest(server.url, 'GET', '/api/v3/myTrades', {
    symbol: 'SOLUSDT',
    orderId,
  });
  return (answer.body as unknown as { id: number }[]).map((trade) => trade.id);
}

const tradeIds = (reports: Report[]) =>
  reports.filter((r) => r.execType === 'trade').map((r) => r.execId);
const ended = (reports: Report[]) =>
  reports.some((r) => r.status === 'filled' || r.status === 'expired');

describe('the Binance adapter across gaps in the user data stream', () => {
  let server: LocalBinance;
  let adapter: Adapter;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => {
    await adapter?.close();
    await server?.stop();
  });

  it('applies each fill made while the stream was away once, by REST reconciliation', async () => {
    adapter = await startAdapter(server, { reconnect: { initialMs: 1500, maxMs: 1500 } });
    await control(server.url, 'drop-user-stream', { mode: 'terminate' });
    const orders = [await takeSol(server, 'gp1-1'), await takeSol(server, 'gp2-1')];
    for (const order of orders) adapter.venue.submit(order);
    await eventually(() => adapter.events.some((e) => e.kind === 'reconciled'), 8000);
    for (const { clOrdId } of orders) {
      const reports = adapter.of(clOrdId);
      expect(reports[0]).toMatchObject({ execType: 'new' });
      const venueOrderId = reports[0]!.venueOrderId!;
      const expected = (await tradesOf(server, venueOrderId)).map((id) => `SOLUSDT:${id}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(tradeIds(reports)).toEqual(expected);
    }
    // fillsOf lists the same trades, under the child's identity.
    const listed = await adapter.venue.fillsOf!('gp1-1');
    expect(listed.map((f) => f.execId)).toEqual(tradeIds(adapter.of('gp1-1')));
    expect(listed[0]).toMatchObject({ clOrdId: 'gp1-1', parentId: 'gp1', symbol: 'SOL-USD' });
    // fillsSince from the start lists them; from the cursor after the last, nothing of them.
    const all = await adapter.venue.fillsSince();
    expect(all.fills.map((f) => f.execId)).toEqual(
      expect.arrayContaining(listed.map((f) => f.execId)),
    );
    expect(all.fills.find((f) => f.execId === listed[0]!.execId)).toMatchObject({
      clOrdId: 'gp1-1',
      side: 'buy',
    });
    const after = await adapter.venue.fillsSince(all.cursor);
    expect(after.fills).toEqual([]);
    expect(adapter.venue.cursorCovers!(all.cursor, listed[0]!)).toBe(true);
    // Each trade's report carried the fills cursor past it.
    const cursors = adapter.cursors.filter((c) => c !== undefined);
    expect(cursors.at(-1)).toMatch(/SOLUSDT:\d+/);
    await adapter.close();
  }, 20_000);

  it('reconciles after the connection is cut, applying nothing twice', async () => {
    adapter = await startAdapter(server, { reconnect: { initialMs: 300, maxMs: 300 } });
    adapter.venue.submit(await takeSol(server, 'gp3-1'));
    await eventually(() => ended(adapter.of('gp3-1')));
    const before = tradeIds(adapter.of('gp3-1'));
    await control(server.url, 'drop-user-stream', { mode: 'close' });
    await eventually(() => adapter.events.some((e) => e.kind === 'reconciled'), 8000);
    expect(tradeIds(adapter.of('gp3-1'))).toEqual(before);
    await adapter.close();
  }, 20_000);

  it('applies a report sent twice once, and counts the duplicate', async () => {
    adapter = await startAdapter(server);
    await control(server.url, 'duplicate-reports', { on: true });
    adapter.venue.submit(await takeSol(server, 'gp4-1'));
    await eventually(() => ended(adapter.of('gp4-1')));
    await eventually(() => adapter.raw.state.duplicates >= adapter.of('gp4-1').length);
    await control(server.url, 'duplicate-reports', { on: false });
    const trades = tradeIds(adapter.of('gp4-1'));
    expect(new Set(trades).size).toBe(trades.length);
    const venueOrderId = adapter.of('gp4-1')[0]!.venueOrderId!;
    expect(trades).toEqual((await tradesOf(server, venueOrderId)).map((id) => `SOLUSDT:${id}`));
    await adapter.close();
  });

  it('rotates on serverShutdown: the new connection subscribed before the old closes, nothing lost or doubled', async () => {
    adapter = await startAdapter(server);
    adapter.venue.submit(restingBuy('gp5-1'));
    await eventually(() => adapter.of('gp5-1').length === 1);
    await control(server.url, 'server-shutdown', { closeAfterMs: 2000 });
    await eventually(() => adapter.events.some((e) => e.kind === 'rotated'));
    // Orders placed and filled across the switch are each reported once.
    adapter.venue.submit(await takeSol(server, 'gp6-1'));
    adapter.venue.cancel('gp5-1');
    await eventually(() => ended(adapter.of('gp6-1')) && adapter.of('gp5-1').length === 2, 8000);
    expect(adapter.of('gp5-1').map((r) => r.execType)).toEqual(['new', 'canceled']);
    const venueOrderId = adapter.of('gp6-1')[0]!.venueOrderId!;
    expect(tradeIds(adapter.of('gp6-1'))).toEqual(
      (await tradesOf(server, venueOrderId)).map((id) => `SOLUSDT:${id}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(adapter.raw.link().connected).toBe(true);
    expect(adapter.raw.state.rotations).toBe(1);
    expect(adapter.events.map((e) => e.kind)).not.toContain('disconnected');
    await adapter.close();
  }, 20_000);

  it("rotates before a connection's lifetime is up, without a gap", async () => {
    adapter = await startAdapter(server, { lifetimeMs: 500 });
    await eventually(() => adapter.raw.state.rotations >= 1, 5000);
    adapter.venue.submit(await takeSol(server, 'gp7-1'));
    await eventually(() => ended(adapter.of('gp7-1')));
    expect(adapter.events.map((e) => e.kind)).not.toContain('disconnected');
    await adapter.close();
  });
});
