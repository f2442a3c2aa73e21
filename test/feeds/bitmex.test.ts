import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { newBitmexParser } from '../../src/feeds/bitmex/bitmex-parser.js';
import { bitmexProtocol, createFeed } from '../../src/feeds/index.js';
import type { ParseError } from '../../src/market/parse-error.js';
import { ExchangeServer, quietly, until } from './exchange-server.js';
import { bitmexKit } from './kits/bitmex-kit.js';
import { fixtureText } from './kits/exchange-kit.js';
import { assertParserNeverThrowsUntyped } from './parser-fuzz.js';
import { RecordingSink } from './recording.js';
import { type Finding, parse } from './recording-handler.js';

const DOCUMENTED = [
  'welcome',
  'subscribe-success',
  'error',
  'quote-partial',
  'quote-insert',
  'trade-partial',
  'trade-insert',
].map((name) => fixtureText(`bitmex/${name}.json`));

/** Parses frames in order through one parser (BitMEX parsers keep each symbol's last quote). */
function parseAll(...frames: string[]): (Finding[] | ParseError)[] {
  const parser = newBitmexParser();
  return frames.map((frame) => parse(parser, frame));
}

describe('the BitMEX parser', () => {
  it('reads the documented quote partial and insert, taking prices from the raw text', () => {
    const [partial, insert] = parseAll(
      fixtureText('bitmex/quote-partial.json'),
      fixtureText('bitmex/quote-insert.json'),
    );
    expect(partial).toEqual([
      {
        kind: 'quote',
        symbol: 'XBTUSD',
        order: Date.parse('2020-10-12T16:46:20.123Z'),
        bidPx: '11580.5',
        bidQty: '215370',
        askPx: '11581',
        askQty: '1277489',
        time: Date.parse('2020-10-12T16:46:20.123Z'),
      },
    ]);
    expect(insert).toMatchObject([{ kind: 'quote', askQty: '1277089' }]);
  });

  it('keeps every digit of a price a float would round', () => {
    const frame = fixtureText('bitmex/quote-insert.json').replace(
      '11580.5',
      '11580.123456789012345678',
    );
    const quote = (parseAll(frame) as Finding[][])[0]?.[0];
    expect(quote).toMatchObject({ bidPx: '11580.123456789012345678' });
  });

  it('completes an update from the last row of its symbol, and refuses one before any row', () => {
    const update =
      '{"table":"quote","action":"update","data":[{"timestamp":"2020-10-12T16:46:22.000Z","symbol":"XBTUSD","askPrice":11581.5}]}';
    const [, updated] = parseAll(fixtureText('bitmex/quote-insert.json'), update);
    expect(updated).toMatchObject([
      { bidPx: '11580.5', bidQty: '215370', askPx: '11581.5', askQty: '1277089' },
    ]);
    const [orphan] = parseAll(update);
    expect(orphan).toEqual([
      expect.objectContaining({ kind: 'malformed', field: 'bitmex.data[0].symbol' }),
    ]);
  });

  it('remembers the trades of a partial without delivering them, and delivers inserted ones', () => {
    const [partial, insert] = parseAll(
      fixtureText('bitmex/trade-partial.json'),
      fixtureText('bitmex/trade-insert.json'),
    );
    expect(partial).toEqual([
      { kind: 'pastTrade', symbol: 'XBTUSD', tradeId: 'a2d9c0e5-0b6a-9b1e-4d2f-6b1d7a3c1f00' },
    ]);
    expect(insert).toEqual([
      {
        kind: 'trade',
        symbol: 'XBTUSD',
        tradeId: '5b1c9a31-4a2e-2f0c-85d6-4d1a6c0b9e77',
        px: '11581',
        qty: '2500',
        time: Date.parse('2020-10-12T16:46:21.377Z'),
      },
    ]);
  });

  it('reads the welcome, pong, subscription success and errors with the exchange text', () => {
    expect(
      parseAll(
        fixtureText('bitmex/welcome.json'),
        'pong',
        fixtureText('bitmex/subscribe-success.json'),
        fixtureText('bitmex/error.json'),
        '{"table":"funding","action":"insert","data":[]}',
      ),
    ).toEqual([
      [{ kind: 'heartbeat' }],
      [{ kind: 'heartbeat' }],
      [{ kind: 'acknowledged' }],
      [{ kind: 'exchangeError', text: 'Unknown table: quotes (status 400)' }],
      [{ kind: 'unknown', description: 'bitmex insert of table "funding"' }],
    ]);
  });

  it('reports a bad row and still reads the good rows of the same frame', () => {
    const frame =
      '{"table":"trade","action":"insert","data":[{"timestamp":"2020-10-12T16:46:21.377Z","symbol":".BXBT","size":0,"price":11580.2,"trdMatchID":"00000000-0000-0000-0000-000000000000"},{"timestamp":"2020-10-12T16:46:21.377Z","symbol":"XBTUSD","size":1,"price":11581,"trdMatchID":"t-2"}]}';
    const [findings] = parseAll(frame) as Finding[][];
    expect(findings!.map((f) => f.kind)).toEqual(['malformed', 'trade']);
    expect(findings![0]).toMatchObject({ field: 'bitmex.data[0].size' });
  });

  it('writes subscriptions to both tables of each symbol', () => {
    expect(JSON.parse(bitmexProtocol.subscribeMessage(['XBTUSD'], 1))).toEqual({
      op: 'subscribe',
      args: ['quote:XBTUSD', 'trade:XBTUSD'],
    });
  });

  it('throws nothing but ParseError, whatever it is given (fuzzed)', () => {
    assertParserNeverThrowsUntyped(newBitmexParser, DOCUMENTED);
  });
});

describe('the BitMEX feed against a local BitMEX', () => {
  let server: ExchangeServer | undefined;
  afterEach(async () => server?.close());

  it('pings a quiet connection and never delivers the past trades of a partial', async () => {
    const clock = new VirtualClock(0);
    server = await ExchangeServer.start(bitmexKit.behaviour(), clock);
    const feed = createFeed('bitmex', { url: server.url, clock });
    const sink = new RecordingSink();
    feed.subscribe('BTC-USD', sink);
    await until(() => feed.state === 'live', 'live');
    clock.advance(5_000);
    await until(() => server!.latest.received.some((r) => r.text === 'ping'), 'the ping');
    await quietly();
    server.publish('XBTUSD', bitmexKit.tradeFrame('XBTUSD', 1));
    await until(() => sink.trades.length === 1, 'the trade');
    expect(sink.trades.map((t) => t.tradeId)).toEqual(['00000000-0000-0000-0000-000000000001']);
    expect(feed.stats.stalls).toBe(0);
    await feed.close();
  });
});
