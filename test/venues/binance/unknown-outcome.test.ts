import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Adapter,
  control,
  eventually,
  type LocalBinance,
  restingBuy,
  signedRest,
  startAdapter,
  startLocalBinance,
} from './adapter.js';

/** How many orders the local Binance holds under a client ID (open ones). */
async function openUnder(server: LocalBinance, clientId: string): Promise<number> {
  const open = await signedRest(server.url, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
  return (open.body as unknown as { clientOrderId: string }[]).filter(
    (o) => o.clientOrderId === clientId,
  ).length;
}

describe("the Binance adapter when an order request's outcome is unknown", () => {
  let server: LocalBinance;
  let adapter: Adapter;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => {
    await adapter?.close();
    await server?.stop();
  });

  it('reports `unknown` for a dropped order.place reply, sends nothing again, and the status resolves it', async () => {
    // The user stream is cut first, so the order's NEW cannot tell the outcome before the timeout.
    adapter = await startAdapter(server, { reconnect: { initialMs: 3000, maxMs: 3000 } });
    await control(server.url, 'reply-fault', { method: 'order.place', fault: 'drop' });
    await control(server.url, 'drop-user-stream', { mode: 'terminate' });
    adapter.venue.submit(restingBuy('uo1-1'));
    await eventually(() => adapter.of('uo1-1').some((r) => r.execType === 'unknown'), 5000);
    expect(adapter.of('uo1-1')[0]).toMatchObject({ execType: 'unknown', status: 'pending_new' });
    expect(adapter.of('uo1-1')[0]!.text).toMatch(/^order\.place: no answer in \d+ ms$/);
    expect(adapter.raw.state.unknown).toBe(1);
    const status = await adapter.venue.orderStatus('uo1-1');
    expect(status).toMatchObject({ clOrdId: 'uo1-1', parentId: 'uo1', status: 'new' });
    expect(await openUnder(server, 'uo1-1')).toBe(1);
    // After the stream is back, reconciliation tells the ack it missed, once.
    await eventually(() => adapter.of('uo1-1').some((r) => r.execType === 'new'), 8000);
    expect(adapter.of('uo1-1').map((r) => r.execType)).toEqual(['unknown', 'new']);
    expect(await openUnder(server, 'uo1-1')).toBe(1);
    await adapter.close();
  }, 20_000);

  it("reports `unknown` for a -1007 answer, and the stream's NEW resolves it", async () => {
    adapter = await startAdapter(server);
    await control(server.url, 'reply-fault', { method: 'order.place', fault: 'timeout' });
    adapter.venue.submit(restingBuy('uo2-1'));
    // The NEW may come before the -1007 answer (then the outcome is known, no `unknown`) or after.
    await eventually(() => adapter.of('uo2-1').some((r) => r.execType === 'new'));
    const types = adapter.of('uo2-1').map((r) => r.execType);
    expect([['new'], ['unknown', 'new']]).toContainEqual(types);
    expect(await openUnder(server, 'uo2-1')).toBe(1);
    await adapter.close();
  });

  it('reports -1007 as `unknown` when the stream is away, resolved by orderStatus', async () => {
    adapter = await startAdapter(server, { reconnect: { initialMs: 3000, maxMs: 3000 } });
    await control(server.url, 'reply-fault', { method: 'order.place', fault: 'timeout' });
    await control(server.url, 'drop-user-stream', { mode: 'terminate' });
    adapter.venue.submit(restingBuy('uo3-1'));
    await eventually(() => adapter.of('uo3-1').some((r) => r.execType === 'unknown'));
    expect(adapter.of('uo3-1')[0]!.text).toMatch(/-1007/);
    expect(await adapter.venue.orderStatus('uo3-1')).toMatchObject({ status: 'new' });
    expect(await openUnder(server, 'uo3-1')).toBe(1);
  });
});
