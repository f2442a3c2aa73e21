import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixMessage } from '../../../src/fix/message.js';
import { type FixClient, venueWithClient } from './fix-client.js';
import type { FixVenueProcess } from './venue-process.js';

let venue: FixVenueProcess;
let client: FixClient;

beforeAll(async () => {
  ({ venue, client } = await venueWithClient());
}, 60_000);

afterAll(async () => {
  client?.stop();
  await venue?.kill('SIGTERM');
});

function request(
  reqId: string,
  type: string,
  symbols: string[],
  entryTypes = ['0', '1', '2'],
): void {
  client.send('V', [
    [262, reqId],
    [263, type],
    [264, '1'],
    [267, String(entryTypes.length)],
    ...entryTypes.map((t): [number, string] => [269, t]),
    [146, String(symbols.length)],
    ...symbols.map((s): [number, string] => [55, s]),
  ]);
}

const of = (reqId: string, type: string) => (m: FixMessage) =>
  m.msgType === type && m.get(262) === reqId;

describe('exo venue --protocol fix: market data', () => {
  it('V subscribes: a W per symbol at once and at each touch change, each trade an X; 263=2 stops both', async () => {
    request('S1', '1', ['BTC-USD', 'ETH-USD']);
    const first = await client.message(of('S1', 'W'));
    expect(first.get(268)).toBe('2');
    expect(first.all(269)).toEqual(['0', '1']);
    const [bid, ask] = first.all(270);
    expect(Number(bid) < Number(ask)).toBe(true);
    await client.message((m) => of('S1', 'W')(m) && m.get(55) === 'ETH-USD');
    // Touch changes: later Ws for BTC-USD each differ from the one before.
    await client.message((m) => of('S1', 'W')(m) && m.get(55) === 'BTC-USD' && m !== first);
    const btc = client.all((m) => of('S1', 'W')(m) && m.get(55) === 'BTC-USD');
    const touches = btc.map((m) => [...m.all(270), ...m.all(271)].join(' '));
    for (let i = 1; i < touches.length; i++) expect(touches[i]).not.toBe(touches[i - 1]);
    const x = await client.message(of('S1', 'X'));
    expect([x.get(268), x.get(279), x.get(269)]).toEqual(['1', '0', '2']);
    expect(['BTC-USD', 'ETH-USD']).toContain(x.get(55));
    expect(x.get(270)).toMatch(/^\d+(\.\d+)?$/);
    expect(x.get(271)).toMatch(/^\d+(\.\d+)?$/);

    request('S1', '2', ['BTC-USD']);
    // A later subscription's first answer marks the point after which S1 must be silent, while
    // the same market keeps S4 busy.
    request('S4', '1', ['BTC-USD', 'ETH-USD']);
    const marker = await client.message(of('S4', 'W'));
    const start = client.received.indexOf(marker);
    await client.message(() => client.all((m) => m.get(262) === 'S4').length >= 20, 10_000, start);
    const after = client.received.slice(start);
    expect(after.filter((m) => m.get(262) === 'S1')).toEqual([]);
    request('S4', '2', ['BTC-USD']);
  });

  it('trades only (269=2): Xs, no W after the first snapshot', async () => {
    request('T1', '1', ['BTC-USD'], ['2']);
    await client.message(of('T1', 'X'));
    expect(client.all(of('T1', 'W')).length).toBeLessThanOrEqual(1);
    request('T1', '2', ['BTC-USD'], ['2']);
  });

  it('an unknown symbol: MarketDataRequestReject Y with 281=0 and Text; nothing subscribed', async () => {
    request('U1', '1', ['BTC-USD', 'NOPE-USD']);
    const y = await client.message(of('U1', 'Y'));
    expect([y.get(281), y.get(58)]).toEqual(['0', 'Unknown symbol NOPE-USD']);
    expect(client.all(of('U1', 'W'))).toEqual([]);
  });
});
