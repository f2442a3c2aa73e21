import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import {
  type Adapter,
  control,
  eventually,
  type LocalBinance,
  placeDirect,
  restingBuy,
  signedRest,
  startAdapter,
  startLocalBinance,
  touchAtLeast,
} from './adapter.js';

describe("the Binance adapter against a local Binance: an order's life", () => {
  let server: LocalBinance;
  let adapter: Adapter;
  beforeAll(async () => {
    server = await startLocalBinance();
    adapter = await startAdapter(server);
  });
  afterAll(async () => {
    await adapter?.close();
    await server?.stop();
  });

  it('places a resting order: NEW on the stream becomes a `new` report with the Binance order ID', async () => {
    adapter.venue.submit(restingBuy('lc1-1'));
    await eventually(() => adapter.of('lc1-1').length > 0);
    expect(adapter.of('lc1-1')[0]).toMatchObject({
      orderId: 'lc1',
      execType: 'new',
      status: 'new',
    });
    expect(adapter.of('lc1-1')[0]!.venueOrderId).toMatch(/^\d+$/);
  });

  it('lowers the quantity at the same price with a keep-priority amend: same order ID', async () => {
    adapter.venue.submit(restingBuy('lc2-1', '0.003'));
    await eventually(() => adapter.of('lc2-1').some((r) => r.execType === 'new'));
    const orderId = adapter.of('lc2-1')[0]!.venueOrderId;
    adapter.venue.replace({ clOrdId: 'lc2-1', newClOrdId: 'lc2-2', quantity: decimal('0.002') });
    await eventually(() => adapter.of('lc2-1').some((r) => r.execType === 'replaced'));
    const replaced = adapter.of('lc2-1').find((r) => r.execType === 'replaced')!;
    expect(replaced.venueOrderId).toBe(orderId);
    expect(replaced.leavesQty?.toFixed()).toBe('0.002');
    const status = await adapter.venue.orderStatus('lc2-1');
    expect(status).toMatchObject({ venueOrderId: orderId, status: 'new' });
    expect(status!.quantity.toFixed()).toBe('0.002');
    // Binance was told to keep the client ID (it picks a random one otherwise).
    const byId = await signedRest(server.url, 'GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'lc2-1',
    });
    expect(byId.body).toMatchObject({ clientOrderId: 'lc2-1', origQty: '0.00200000' });
  });

  it('moves the price with cancelReplace: a new client ID, the old order cancelled, one `replaced`', async () => {
    adapter.venue.submit(restingBuy('lc3-1'));
    await eventually(() => adapter.of('lc3-1').some((r) => r.execType === 'new'));
    const oldOrderId = adapter.of('lc3-1')[0]!.venueOrderId;
    adapter.venue.replace({ clOrdId: 'lc3-1', newClOrdId: 'lc3-2', limitPrice: decimal('40001') });
    await eventually(() => adapter.of('lc3-1').some((r) => r.execType === 'replaced'));
    const replaced = adapter.of('lc3-1').filter((r) => r.execType === 'replaced');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ venueClOrdId: 'lc3-2', status: 'new' });
    expect(replaced[0]!.venueOrderId).not.toBe(oldOrderId);
    expect(adapter.of('lc3-1').map((r) => r.execType)).toEqual(['new', 'replaced']);
    const old = await signedRest(server.url, 'GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'lc3-1',
    });
    expect(old.body.status).toBe('CANCELED');
    expect(adapter.venue.current('lc3-1')).toBe('lc3-2');
    // A cancel now goes out under the new ID.
    adapter.venue.cancel('lc3-1');
    await eventually(() => adapter.of('lc3-1').some((r) => r.execType === 'canceled'));
    expect(adapter.of('lc3-1').at(-1)).toMatchObject({ status: 'canceled', venueClOrdId: 'lc3-2' });
  });

  it('cancels: a `canceled` report once', async () => {
    adapter.venue.submit(restingBuy('lc4-1'));
    await eventually(() => adapter.of('lc4-1').some((r) => r.execType === 'new'));
    adapter.venue.cancel('lc4-1');
    await eventually(() => adapter.of('lc4-1').some((r) => r.execType === 'canceled'));
    expect(adapter.of('lc4-1').map((r) => r.execType)).toEqual(['new', 'canceled']);
  });

  it('fills an IOC taking the touch (trades with exec IDs symbol:t), and a FOK that cannot fill expires', async () => {
    await touchAtLeast(server, 'SOLUSDT', 'BUY', 0.5);
    const touch = (await (
      await fetch(`${server.url}/api/v3/ticker/bookTicker?symbol=SOLUSDT`)
    ).json()) as { askPrice: string; askQty: string };
    adapter.venue.submit({
      ...restingBuy('lc5-1', '0.5', touch.askPrice),
      symbol: 'SOL-USD',
      timeInForce: 'ioc',
      limitPrice: decimal(touch.askPrice).plus(1),
    });
    await eventually(() =>
      adapter.of('lc5-1').some((r) => r.status === 'filled' || r.status === 'expired'),
    );
    const trades = adapter.of('lc5-1').filter((r) => r.execType === 'trade');
    expect(trades.length).toBeGreaterThan(0);
    for (const trade of trades) expect(trade.execId).toMatch(/^SOLUSDT:\d+$/);
    const last = adapter.of('lc5-1').at(-1)!;
    expect(last.cumQty!.toFixed()).toBe(
      trades.reduce((sum, t) => sum.plus(t.lastQty!), decimal('0')).toFixed(),
    );
    adapter.venue.submit({
      ...restingBuy('lc6-1', '8000', touch.askPrice),
      symbol: 'SOL-USD',
      timeInForce: 'fok',
      limitPrice: decimal(touch.askPrice).plus(1),
    });
    await eventually(() => adapter.of('lc6-1').some((r) => r.status === 'expired'));
    expect(adapter.of('lc6-1').filter((r) => r.execType === 'trade')).toEqual([]);
  });

  it('fills partly then wholly: a limit buy above the ask for more than it shows', async () => {
    await touchAtLeast(server, 'ETHUSDT', 'BUY', 0.01);
    const touch = (await (
      await fetch(`${server.url}/api/v3/ticker/bookTicker?symbol=ETHUSDT`)
    ).json()) as { askPrice: string; askQty: string };
    const quantity = decimal(touch.askQty).plus('0.5');
    adapter.venue.submit({
      ...restingBuy('lc7-1', quantity.toFixed(), touch.askPrice),
      symbol: 'ETH-USD',
      limitPrice: decimal(touch.askPrice).times(1.2).round(2),
    });
    await eventually(() => adapter.of('lc7-1').some((r) => r.status === 'filled'), 20_000);
    const statuses = adapter.of('lc7-1').map((r) => r.status);
    expect(statuses[0]).toBe('new');
    expect(statuses).toContain('partially_filled');
    expect(adapter.of('lc7-1').at(-1)!.cumQty!.toFixed()).toBe(quantity.toFixed());
  }, 30_000);

  it("rejects with Binance's code and message", async () => {
    // Another client holds an open order under the same client ID: Binance refuses a duplicate.
    expect((await placeDirect(server, 'lc8-1')).status).toBe(200);
    adapter.venue.submit(restingBuy('lc8-1'));
    await eventually(() => adapter.of('lc8-1').some((r) => r.execType === 'rejected'));
    const rejected = adapter.of('lc8-1').find((r) => r.execType === 'rejected')!;
    expect(rejected).toMatchObject({ orderId: 'lc8', status: 'rejected' });
    expect(rejected.text).toMatch(/^Binance -2010: Duplicate order sent\.$/);
  });

  it('a cancelReplace whose cancel fails (-2022) is replace_rejected; one whose new order fails (-2021) ends the child', async () => {
    adapter.venue.submit(restingBuy('lc9-1'));
    adapter.venue.submit(restingBuy('lc10-1'));
    await eventually(() => ['lc9-1', 'lc10-1'].every((id) => adapter.of(id).length > 0));
    // lc9: its order is cancelled behind exo's back while the stream cannot tell it.
    await control(server.url, 'drop-user-stream', { mode: 'terminate' });
    const gone = await signedRest(server.url, 'DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'lc9-1',
    });
    expect(gone.status).toBe(200);
    adapter.venue.replace({ clOrdId: 'lc9-1', newClOrdId: 'lc9-2', limitPrice: decimal('40001') });
    await eventually(() => adapter.of('lc9-1').some((r) => r.execType === 'replace_rejected'));
    expect(adapter.of('lc9-1').at(-1)!.text).toMatch(/^Binance -2022: /);
    // lc10: another client holds the new client ID, so the new half is refused after the cancel.
    expect((await placeDirect(server, 'lc10-2')).status).toBe(200);
    adapter.venue.replace({
      clOrdId: 'lc10-1',
      newClOrdId: 'lc10-2',
      limitPrice: decimal('40001'),
    });
    await eventually(() => adapter.of('lc10-1').some((r) => r.execType === 'canceled'));
    expect(adapter.of('lc10-1').at(-1)!.text).toMatch(/^Binance -2021: /);
    expect(adapter.of('lc10-1').map((r) => r.execType)).toEqual(['new', 'canceled']);
  });

  it('after a restart, adopts the children openOrders finds: their reports reach exo again', async () => {
    adapter.venue.submit(restingBuy('lc11-1', '0.003'));
    await eventually(() => adapter.of('lc11-1').some((r) => r.execType === 'new'));
    const restarted = await startAdapter(server);
    try {
      restarted.venue.cancel('lc11-1');
      await eventually(() => restarted.of('lc11-1').length > 0);
      expect(restarted.of('lc11-1')[0]).toMatchObject({ execType: 'cancel_rejected' });
      const open = await restarted.venue.openOrders('lc11');
      expect(open).toMatchObject([{ clOrdId: 'lc11-1', parentId: 'lc11', status: 'new' }]);
      expect(open[0]!.quantity.toFixed()).toBe('0.003');
      restarted.venue.replace({
        clOrdId: 'lc11-1',
        newClOrdId: 'lc11-2',
        quantity: decimal('0.002'),
      });
      await eventually(() => restarted.of('lc11-1').some((r) => r.execType === 'replaced'));
      restarted.venue.cancel('lc11-1');
      await eventually(() => restarted.of('lc11-1').some((r) => r.execType === 'canceled'));
      expect(restarted.of('lc11-1').map((r) => r.execType)).toEqual([
        'cancel_rejected',
        'replaced',
        'canceled',
      ]);
    } finally {
      await restarted.close();
    }
  });

  // An adopted child knows only the Binance order working now; exo knows the fills of the orders
  // its chain had before (a kill -9 trial overfilled when the adapter asked for the whole
  // quantity again). The replace request's cumQty says what exo has applied: here 0.001 filled on
  // an order before the working one, whose 0.003 is what was left of exo's 0.004. A new price
  // asks for that 0.003 again (a Binance kill -9 trial underfilled, stuck pending_cancel, when
  // the adapter took the 0.001 off it a second time), a new quantity for it less the 0.001; and
  // the adapter, not knowing the earlier fills' price, gives no avgPx.
  it("after a restart, a replace of an adopted child counts exo's cumQty once: a new price keeps what was left, a new quantity is less exo's cumQty", async () => {
    adapter.venue.submit(restingBuy('lc12-1', '0.003'));
    await eventually(() => adapter.of('lc12-1').some((r) => r.execType === 'new'));
    const restarted = await startAdapter(server);
    const origQtyOf = async (clOrdId: string) => {
      const placed = await signedRest(server.url, 'GET', '/api/v3/order', {
        symbol: 'BTCUSDT',
        origClientOrderId: clOrdId,
      });
      return placed.body;
    };
    const replacedReports = () => restarted.of('lc12-1').filter((r) => r.execType === 'replaced');
    try {
      await restarted.venue.openOrders('lc12');
      restarted.venue.replace({
        clOrdId: 'lc12-1',
        newClOrdId: 'lc12-2',
        limitPrice: decimal('40001'),
        cumQty: decimal('0.001'),
      });
      await eventually(() => replacedReports().length === 1);
      const moved = replacedReports()[0]!;
      expect(moved.cumQty!.toFixed()).toBe('0.001');
      expect(moved.leavesQty!.toFixed()).toBe('0.003');
      expect(moved.avgPx).toBeUndefined();
      expect(await origQtyOf('lc12-2')).toMatchObject({
        origQty: '0.00300000',
        price: '40001.00000000',
      });
      restarted.venue.replace({
        clOrdId: 'lc12-1',
        newClOrdId: 'lc12-3',
        quantity: decimal('0.0035'),
        limitPrice: decimal('40002'),
        cumQty: decimal('0.001'),
      });
      await eventually(() => replacedReports().length === 2);
      expect(replacedReports()[1]!.leavesQty!.toFixed()).toBe('0.0025');
      expect(await origQtyOf('lc12-3')).toMatchObject({
        origQty: '0.00250000',
        price: '40002.00000000',
      });
      restarted.venue.cancel('lc12-1');
      await eventually(() => restarted.of('lc12-1').some((r) => r.execType === 'canceled'));
    } finally {
      await restarted.close();
    }
  });
});
