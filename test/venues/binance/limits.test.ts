import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { registerVenueMetrics } from '../../../src/engine/venue-metrics.js';
import { decimal } from '../../../src/market/decimal.js';
import {
  type Adapter,
  eventually,
  type LocalBinance,
  placeDirect,
  restingBuy,
  signedRest,
  startAdapter,
  startLocalBinance,
} from './adapter.js';

async function openCount(server: LocalBinance): Promise<number> {
  const open = await signedRest(server.url, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
  return (open.body as unknown as unknown[]).length;
}

describe("the Binance adapter keeping to Binance's filters and limits", () => {
  let server: LocalBinance | undefined;
  let adapter: Adapter | undefined;
  afterEach(async () => {
    await adapter?.close();
    await server?.stop();
    adapter = undefined;
    server = undefined;
  });

  it('refuses an off-grid price, an off-step quantity and an under-notional child before sending', async () => {
    server = await startLocalBinance();
    adapter = await startAdapter(server);
    expect(adapter.raw.instruments('BTC-USD')).toEqual({
      tickSize: decimal('0.01'),
      lotSize: decimal('0.0001'),
    });
    adapter.venue.submit(restingBuy('fl1-1', '0.002', '40000.005'));
    adapter.venue.submit(restingBuy('fl2-1', '0.00025', '40000'));
    adapter.venue.submit(restingBuy('fl3-1', '0.0001', '40000'));
    await eventually(() => ['fl1-1', 'fl2-1', 'fl3-1'].every((id) => adapter!.of(id).length > 0));
    const text = (id: string) => adapter!.of(id)[0]!.text;
    expect(text('fl1-1')).toBe(
      "refused by exo before sending: PRICE_FILTER: price 40000.005 is not a multiple of BTCUSDT's tick 0.01",
    );
    expect(text('fl2-1')).toBe(
      "refused by exo before sending: LOT_SIZE: quantity 0.00025 is not a multiple of BTCUSDT's step 0.0001",
    );
    expect(text('fl3-1')).toBe(
      "refused by exo before sending: NOTIONAL: 0.0001 at 40000 is 4, under BTCUSDT's minimum 5",
    );
    for (const id of ['fl1-1', 'fl2-1', 'fl3-1'])
      expect(adapter.of(id)[0]).toMatchObject({ execType: 'rejected' });
    expect(await openCount(server)).toBe(0);
  });

  it('holds a burst beyond ORDERS per 10 s back rather than have Binance refuse it', async () => {
    server = await startLocalBinance(['--order-limit', '3']);
    adapter = await startAdapter(server, { replyTimeoutMs: 5000 });
    const ids = ['bu1-1', 'bu2-1', 'bu3-1', 'bu4-1', 'bu5-1'];
    for (const id of ids) adapter.venue.submit(restingBuy(id));
    await eventually(() => ids.every((id) => adapter!.of(id).length > 0), 25_000);
    for (const id of ids) expect(adapter.of(id)[0]).toMatchObject({ execType: 'new' });
    expect(adapter.raw.state.heldBack).toBeGreaterThanOrEqual(2);
    expect(adapter.events.map((e) => e.kind)).not.toContain('rate_limited');
  }, 30_000);

  it('withdraws an order still held back when exo asks where it stands: Binance never gets it', async () => {
    server = await startLocalBinance(['--order-limit', '1']);
    adapter = await startAdapter(server, { replyTimeoutMs: 5000 });
    adapter.venue.submit(restingBuy('wd1-1'));
    adapter.venue.submit(restingBuy('wd2-1'));
    await eventually(() => adapter!.of('wd1-1').length > 0);
    expect(await adapter.venue.orderStatus('wd2-1')).toBeUndefined();
    // The window turns, and the withdrawn order is still not sent.
    adapter.venue.submit(restingBuy('wd3-1'));
    await eventually(() => adapter!.of('wd3-1').length > 0, 15_000);
    expect(adapter.of('wd2-1')).toEqual([]);
    expect(await openCount(server)).toBe(2);
  }, 20_000);

  it('honours a 429 Retry-After: waits, then sends the refused order again, once', async () => {
    server = await startLocalBinance(['--order-limit', '2']);
    adapter = await startAdapter(server, { replyTimeoutMs: 5000 });
    // Another client of the account uses up this window's orders.
    for (const id of ['other-1', 'other-2'])
      expect((await placeDirect(server, id)).status).toBe(200);
    adapter.venue.submit(restingBuy('ra1-1'));
    await eventually(() => adapter!.of('ra1-1').length > 0, 15_000);
    expect(adapter.of('ra1-1').map((r) => r.execType)).toEqual(['new']);
    const limited = adapter.events.filter((e) => e.kind === 'rate_limited');
    expect(limited).toHaveLength(1);
    expect(limited[0]!.message).toMatch(/429, Too many new orders.*waiting \d+ ms/);
    expect(await openCount(server)).toBe(3);
  }, 20_000);

  it('stops order entry on a 418, with an event and a metric', async () => {
    server = await startLocalBinance(['--weight-limit', '300', '--ban-after', '1']);
    adapter = await startAdapter(server, { replyTimeoutMs: 5000 });
    // Another client on the same IP spends the weight until the IP is banned.
    for (let status = 200; status !== 418; ) {
      status = (await fetch(`${server.url}/api/v3/exchangeInfo`)).status;
    }
    adapter.venue.submit(restingBuy('bn1-1'));
    await eventually(() => adapter!.of('bn1-1').length > 0, 15_000);
    expect(adapter.of('bn1-1')[0]).toMatchObject({ execType: 'rejected' });
    expect(adapter.of('bn1-1')[0]!.text).toMatch(
      /^order entry stopped: Binance banned this IP \(418/,
    );
    expect(adapter.events.find((e) => e.kind === 'banned')?.message).toMatch(
      /exo sends no more orders/,
    );
    const registry = new Registry();
    registerVenueMetrics(registry, 'binance', () => adapter!.raw.link());
    expect(await registry.metrics()).toMatch(
      /^exo_venue_order_entry_stopped\{venue="binance"\} 1$/m,
    );
    expect(adapter.raw.link().stopped).toMatch(
      /^order entry stopped: Binance banned this IP \(418/,
    );
    adapter.venue.submit(restingBuy('bn2-1'));
    await eventually(() => adapter!.of('bn2-1').length > 0);
    expect(adapter.of('bn2-1')[0]!.text).toMatch(/^order entry stopped/);
  }, 20_000);
});
