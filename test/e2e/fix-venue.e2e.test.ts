import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SYMBOLS } from '../../src/feeds/sim/simulated-symbol.js';
import { Decimal } from '../../src/market/decimal.js';
import { followEvents, type ReceivedEvent } from '../server/sse-client.js';
import type { FixVenueProcess } from '../venues/fix-venue/venue-process.js';
import { api, orderWhen, place, touchOf, venueConnected } from './exo-api.js';
import { DirectAdapter } from './fix-adapter.js';
import { orderLog, venueOrderOf } from './fix-books.js';
import { type ExoOnFix, startExoOnFix, startFixVenue, until } from './fix-processes.js';

// Issue 14, test 2: exo (`exo --venue fix://`) and `exo venue --protocol fix`, each in a process
// of its own, orders posted to exo's HTTP API. What each side did is read from its own records:
// exo's over HTTP, the venue's from its order journal (matched through exo's FIX order log).

let dir: string;
let venueDir: string;
let venue: FixVenueProcess;
let exo: ExoOnFix;
let direct: DirectAdapter;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exo-fix-e2e-'));
  venueDir = join(dir, 'venue');
  venue = await startFixVenue(venueDir);
  exo = await startExoOnFix(dir, venue.port);
  await until(() => venueConnected(exo.url), 20_000, 'exo to log on to the venue');
  await until(async () => (await touchOf(exo.url)) !== undefined, 10_000, 'a quote from the venue');
  direct = new DirectAdapter(venue.port, join(dir, 'direct'));
  await direct.started();
}, 60_000);

afterAll(async () => {
  await direct?.close();
  exo?.child.kill('SIGKILL');
  await venue?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const BTC = DEFAULT_SYMBOLS.find((s) => s.symbol === 'BTC-USD')!;
/** Four times the largest size the venue's quote walk ever displays (2 × quoteLots lots): no one touch fills it. */
const BIG = new Decimal(BTC.lot).times(2 * BTC.quoteLots * 4).toFixed();

/** A buy price `factor` times the bid now, on the tick grid. */
async function belowBid(factor: string): Promise<string> {
  const touch = await touchOf(exo.url);
  return new Decimal(touch!.bidPx).times(factor).round(2, 0).toFixed();
}

/** The child of an order that rests at the venue (a peg far below the market), once acknowledged. */
async function restingPeg(quantity: string, limitPrice: string) {
  const orderId = await place(exo.url, {
    side: 'buy',
    symbol: 'BTC-USD',
    quantity,
    limitPrice,
    algo: 'peg',
  });
  const order = await orderWhen(exo.url, orderId, (o) => o.children[0]?.status === 'new');
  return { orderId, child: order.children[0]! };
}

describe('exo --venue fix:// against exo venue --protocol fix, in separate processes (issue 14, test 2)', () => {
  it('new → ack → partial → filled: a peg for more than any touch fills in pieces', async () => {
    const stream = await followEvents(`${exo.url}/v1/events`);
    const seen: ReceivedEvent[] = [];
    try {
      expect((await stream.next()).event).toBe('hello');
      const orderId = await place(exo.url, {
        side: 'buy',
        symbol: 'BTC-USD',
        quantity: BIG,
        algo: 'peg',
      });
      for (;;) {
        const event = await stream.next();
        if (event.data.orderId !== orderId) continue;
        seen.push(event);
        if (event.event === 'done') break;
      }
      const kinds = seen.map((e) => e.event);
      const ack = kinds.indexOf('child_acknowledged');
      const firstFill = kinds.indexOf('fill');
      expect(kinds.indexOf('child_sent')).toBeGreaterThanOrEqual(0);
      expect(ack).toBeGreaterThan(kinds.indexOf('child_sent'));
      expect(firstFill).toBeGreaterThan(ack);
      const statuses = seen.map((e) => (e.data.order as { status: string }).status);
      expect(statuses[firstFill]).toBe('partially_filled');
      expect(seen.at(-1)!.data.status).toBe('filled');

      const order = await orderWhen(exo.url, orderId, (o) => o.status === 'filled', 1000);
      expect(order.cumQty).toBe(BIG);
      expect(order.fills.length).toBeGreaterThan(1);
      const sum = order.fills.reduce((total, fill) => total.plus(fill.qty), new Decimal(0));
      expect(sum.eq(BIG)).toBe(true);
      expect(new Set(order.fills.map((f) => f.execId)).size).toBe(order.fills.length);
      const [child] = order.children;
      expect(order.children).toHaveLength(1);
      expect([child!.status, child!.cumQty]).toEqual(['filled', BIG]);
      const atVenue = venueOrderOf(venueDir, exo.fixStore, child!.clOrdId);
      expect([atVenue?.status, atVenue?.cumQty]).toEqual(['2', BIG]);
    } finally {
      stream.close();
    }
  }, 60_000);

  it('replace: a PATCH of quantity and limit becomes a G, seen at the venue and in exo', async () => {
    const { orderId, child } = await restingPeg('0.01', await belowBid('0.8'));
    const price = await belowBid('0.7');
    const patch = { quantity: '0.02', limitPrice: price };
    expect((await api(exo.url, 'PATCH', `/v1/orders/${orderId}`, patch)).status).toBe(202);
    const order = await orderWhen(exo.url, orderId, (o) => {
      const c = o.children[0]!;
      return c.quantity === '0.02' && c.limitPrice === price && c.status === 'new';
    });
    expect(order.children).toHaveLength(1);
    expect(order.children[0]!.venueClOrdId).not.toBe(child.venueClOrdId);
    await expect
      .poll(() => {
        const o = venueOrderOf(venueDir, exo.fixStore, child.clOrdId);
        return [o?.qty, o?.price, o?.status, o?.clOrdIds.length];
      })
      .toEqual(['0.02', price, '0', 2]);
    expect((await api(exo.url, 'DELETE', `/v1/orders/${orderId}`)).status).toBe(202);
    await orderWhen(exo.url, orderId, (o) => o.status === 'canceled');
  }, 30_000);

  it('cancel: a DELETE becomes an F; the venue cancels the order and exo completes it canceled', async () => {
    const { orderId, child } = await restingPeg('0.01', await belowBid('0.8'));
    expect((await api(exo.url, 'DELETE', `/v1/orders/${orderId}`)).status).toBe(202);
    const order = await orderWhen(exo.url, orderId, (o) => o.status === 'canceled');
    expect([order.children[0]!.status, order.cumQty]).toEqual(['canceled', '0']);
    const atVenue = venueOrderOf(venueDir, exo.fixStore, child.clOrdId);
    expect([atVenue?.status, atVenue?.cumQty]).toEqual(['4', '0']);
  }, 30_000);

  it('IOC remainder expired: twap slices larger than the touch fill what it shows, the rest expires', async () => {
    // Twice BIG in at most four IOCs (three slices and the closing one): never all filled.
    const quantity = new Decimal(BIG).times(2).toFixed();
    const orderId = await place(exo.url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity,
      algo: 'twap',
      params: { durationMs: 1500, slices: 3 },
    });
    const order = await orderWhen(exo.url, orderId, (o) => o.status === 'expired');
    expect(order.children.every((c) => c.timeInForce === 'ioc')).toBe(true);
    expect(order.children.every((c) => c.status === 'expired')).toBe(true);
    const partial = order.children.filter((c) => new Decimal(c.cumQty).gt(0));
    expect(partial.length).toBeGreaterThan(0);
    for (const child of partial) {
      expect(new Decimal(child.cumQty).lt(child.quantity)).toBe(true);
      const atVenue = venueOrderOf(venueDir, exo.fixStore, child.clOrdId);
      expect([atVenue?.status, atVenue?.tif, atVenue?.cumQty]).toEqual(['C', '3', child.cumQty]);
    }
    const sum = order.fills.reduce((total, fill) => total.plus(fill.qty), new Decimal(0));
    expect(sum.eq(order.cumQty)).toBe(true);
  }, 30_000);

  it('applied each ExecID once', () => {
    const execIds = orderLog(exo.fixStore).flatMap((r) => (r.t === 'exec' ? [r.e] : []));
    expect(execIds.length).toBeGreaterThan(0);
    expect(new Set(execIds).size).toBe(execIds.length);
  });
});

// exo's algorithms send no FOK and no market child (take and twap send IOC limits, peg GTC
// limits), so its HTTP API cannot ask for them: these drive exo's FIX adapter directly, in the
// test's process, against the same venue process.
describe('exo FIX adapter, driven directly, against exo venue --protocol fix in another process', () => {
  it('FOK larger than any touch: expired with no fill, at the venue and in the reports', async () => {
    const ask = (await touchOf(exo.url))!.askPx;
    const price = new Decimal(ask).times('1.05').round(2, 0).toFixed();
    const child = direct.submit('buy', BIG, 'fok', price);
    const reports = await direct.until(child, 'expired');
    expect(reports.filter((r) => r.execType === 'trade')).toEqual([]);
    const expired = reports.find((r) => r.status === 'expired')!;
    expect([expired.execType, expired.cumQty?.toFixed()]).toEqual(['expired', '0']);
    const atVenue = venueOrderOf(join(dir, 'venue'), join(dir, 'direct'), child);
    expect([atVenue?.tif, atVenue?.status, atVenue?.cumQty]).toEqual(['4', 'C', '0']);
  });

  it('market order: filled at the touch, no price sent', async () => {
    const lot = new Decimal(BTC.lot).toFixed();
    const child = direct.submit('sell', lot, 'ioc');
    const reports = await direct.until(child, 'filled');
    const fills = reports.filter((r) => r.execType === 'trade');
    expect(fills).toHaveLength(1);
    expect([fills[0]!.lastQty?.toFixed(), fills[0]!.cumQty?.toFixed()]).toEqual([lot, lot]);
    const atVenue = venueOrderOf(join(dir, 'venue'), join(dir, 'direct'), child);
    expect([atVenue?.ordType, atVenue?.price, atVenue?.status]).toEqual(['1', undefined, '2']);
    expect(direct.problems).toEqual([]);
  });
});
