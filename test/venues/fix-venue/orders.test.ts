import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SYMBOLS } from '../../../src/feeds/sim/simulated-symbol.js';
import type { FixMessage } from '../../../src/fix/message.js';
import { Decimal } from '../../../src/market/decimal.js';
import { type FixClient, isReport, venueWithClient } from './fix-client.js';
import type { FixVenueProcess } from './venue-process.js';

let venue: FixVenueProcess;
let client: FixClient;
let n = 0;
const id = (): string => `T${++n}`;

beforeAll(async () => {
  ({ venue, client } = await venueWithClient());
}, 60_000);

afterAll(async () => {
  client?.stop();
  await venue?.kill('SIGTERM');
});

/** The touch of BTC-USD now, from a one-off snapshot (263=0). */
async function touch(symbol = 'BTC-USD'): Promise<{ bid: Decimal; ask: Decimal; askQty: Decimal }> {
  const reqId = id();
  client.send('V', [
    [262, reqId],
    [263, '0'],
    [264, '1'],
    [267, '2'],
    [269, '0'],
    [269, '1'],
    [146, '1'],
    [55, symbol],
  ]);
  const w = await client.message((m) => m.msgType === 'W' && m.get(262) === reqId);
  const [bid, ask] = w.all(270).map((p) => new Decimal(p));
  return { bid: bid!, ask: ask!, askQty: new Decimal(w.all(271)[1]!) };
}

/** A D's fields. */
function order(
  clOrdId: string,
  side: string,
  qty: string,
  ordType: string,
  tif: string,
  price?: Decimal,
): [number, string][] {
  const body: [number, string][] = [
    [11, clOrdId],
    [55, 'BTC-USD'],
    [54, side],
    [38, qty],
    [40, ordType],
    [59, tif],
  ];
  if (price !== undefined) body.push([44, price.round(2).toFixed()]);
  return body;
}

const reportsOf = (clOrdId: string): FixMessage[] =>
  client.all((m) => m.msgType === '8' && (m.get(11) === clOrdId || m.get(41) === clOrdId));

describe('exo venue --protocol fix: orders from a FIX client in another process', () => {
  it('D limit: ack, partial fill against the displayed size, then filled as the market comes through it', async () => {
    const { ask } = await touch();
    // Four times the largest size the walk ever displays (2 × quoteLots lots): no single touch has
    // it, whatever quote the order meets, and the market brings it in a second or so.
    const c = id();
    const btc = DEFAULT_SYMBOLS.find((s) => s.symbol === 'BTC-USD')!;
    const qty = new Decimal(btc.lot).times(2 * btc.quoteLots * 4).toFixed();
    client.send('D', order(c, '1', qty, '2', '1', ask.times('1.05')));
    const ack = await client.message(isReport(c, '0'));
    expect([ack.get(39), ack.get(151), ack.get(14), ack.get(38)]).toEqual(['0', qty, '0', qty]);
    const partial = await client.message((m) => isReport(c, 'F')(m) && m.get(39) === '1');
    expect(new Decimal(partial.get(14)!).lt(qty)).toBe(true);
    expect(new Decimal(partial.get(151)!).plus(partial.get(14)!).eq(qty)).toBe(true);
    const filled = await client.message((m) => isReport(c, 'F')(m) && m.get(39) === '2', 20_000);
    expect([filled.get(14), filled.get(151)]).toEqual([qty, '0']);
    const fills = client.all(isReport(c, 'F'));
    const cum = fills.reduce((sum, m) => sum.plus(m.get(32)!), new Decimal(0));
    const notional = fills.reduce(
      (sum, m) => sum.plus(new Decimal(m.get(32)!).times(m.get(31)!)),
      new Decimal(0),
    );
    expect(cum.eq(qty)).toBe(true);
    expect(new Decimal(filled.get(6)!).eq(notional.div(cum).round(10))).toBe(true);
    const execIds = reportsOf(c).map((m) => m.get(17));
    expect(new Set(execIds).size).toBe(execIds.length);
  }, 30_000);

  it('G replaces a resting order (new ClOrdID, OrigClOrdID), F cancels it under its new name', async () => {
    const { bid } = await touch();
    const c = id();
    client.send('D', order(c, '1', '0.01', '2', '1', bid.times('0.8')));
    await client.message(isReport(c, '0'));
    const r = id();
    client.send('G', [[41, c], ...order(r, '1', '0.02', '2', '1', bid.times('0.7'))]);
    const replaced = await client.message(isReport(r, '5'));
    expect([replaced.get(41), replaced.get(38), replaced.get(44), replaced.get(151)]).toEqual([
      c,
      '0.02',
      bid.times('0.7').round(2).toFixed(),
      '0.02',
    ]);
    const x = id();
    client.send('F', [
      [41, r],
      [11, x],
      [55, 'BTC-USD'],
      [54, '1'],
    ]);
    const canceled = await client.message(isReport(x, '4'));
    expect([canceled.get(39), canceled.get(41), canceled.get(151)]).toEqual(['4', r, '0']);
  });

  it('IOC: what the touch cannot fill at once expires (ExecType C)', async () => {
    const { ask } = await touch();
    const c = id();
    client.send('D', order(c, '1', '100', '2', '3', ask.times('1.05')));
    const expired = await client.message(isReport(c, 'C'));
    expect(expired.get(39)).toBe('C');
    const fills = client.all(isReport(c, 'F'));
    expect(fills.length).toBeGreaterThan(0);
    expect(expired.get(14)).toBe(fills.at(-1)!.get(14));
    expect(expired.get(151)).toBe('0');
  });

  it('FOK larger than the touch expires without any fill', async () => {
    const { ask } = await touch();
    const c = id();
    client.send('D', order(c, '1', '100', '2', '4', ask.times('1.05')));
    const expired = await client.message(isReport(c, 'C'));
    expect([expired.get(39), expired.get(14)]).toEqual(['C', '0']);
    expect(client.all(isReport(c, 'F'))).toEqual([]);
  });

  it('market order fills at the touch', async () => {
    const c = id();
    client.send('D', order(c, '2', '0.0001', '1', '3'));
    const filled = await client.message((m) => isReport(c, 'F')(m) && m.get(39) === '2');
    expect([filled.get(14), filled.get(151), filled.get(40)]).toEqual(['0.0001', '0', '1']);
    expect(filled.get(44)).toBeUndefined();
  });

  it('H answers the status of a known order and of an unknown one', async () => {
    const { bid } = await touch();
    const c = id();
    client.send('D', order(c, '1', '0.01', '2', '0', bid.times('0.8')));
    await client.message(isReport(c, '0'));
    client.send('H', [
      [11, c],
      [55, 'BTC-USD'],
      [54, '1'],
      [790, 'S1'],
    ]);
    const status = await client.message((m) => isReport(c, 'I')(m) && m.get(790) === 'S1');
    expect([status.get(39), status.get(151)]).toEqual(['0', '0.01']);
    client.send('H', [
      [11, 'NOPE'],
      [55, 'BTC-USD'],
      [54, '1'],
      [790, 'S2'],
    ]);
    const unknown = await client.message((m) => m.get(790) === 'S2');
    expect([unknown.get(150), unknown.get(39), unknown.get(37)]).toEqual(['I', '8', 'NONE']);
  });
});
