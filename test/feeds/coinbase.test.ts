import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { parseCoinbaseFrame } from '../../src/feeds/coinbase/coinbase-parser.js';
import { coinbaseProtocol, createFeed, type FeedProblem } from '../../src/feeds/index.js';
import { ParseError } from '../../src/market/parse-error.js';
import { ExchangeServer, until } from './exchange-server.js';
import { coinbaseKit } from './kits/coinbase-kit.js';
import { fixture, fixtureText } from './kits/exchange-kit.js';
import { assertParserNeverThrowsUntyped } from './parser-fuzz.js';
import { RecordingSink } from './recording.js';
import { parse } from './recording-handler.js';

const DOCUMENTED = ['ticker', 'heartbeat', 'subscriptions', 'error'].map((name) =>
  fixtureText(`coinbase/${name}.json`),
);

describe('the Coinbase parser', () => {
  it('reads the documented ticker as a quote and the trade that triggered it, decimals exact', () => {
    expect(parse(parseCoinbaseFrame, fixtureText('coinbase/ticker.json'))).toEqual([
      {
        kind: 'quote',
        symbol: 'ETH-USD',
        order: 37475248783,
        bidPx: '1285.04',
        bidQty: '0.46688654',
        askPx: '1285.27',
        askQty: '1.5663704',
        time: Date.parse('2022-10-19T23:28:22.061Z'),
      },
      {
        kind: 'trade',
        symbol: 'ETH-USD',
        tradeId: '370843401',
        px: '1285.22',
        qty: '11.4396987',
        time: Date.parse('2022-10-19T23:28:22.061Z'),
      },
    ]);
  });

  it('reads heartbeats, subscription replies and errors with the exchange text', () => {
    expect(parse(parseCoinbaseFrame, fixtureText('coinbase/heartbeat.json'))).toEqual([
      { kind: 'heartbeat' },
    ]);
    expect(parse(parseCoinbaseFrame, fixtureText('coinbase/subscriptions.json'))).toEqual([
      { kind: 'acknowledged' },
    ]);
    expect(parse(parseCoinbaseFrame, fixtureText('coinbase/error.json'))).toEqual([
      { kind: 'exchangeError', text: 'Failed to subscribe: BTC-XYZ is not a valid product' },
    ]);
    expect(parse(parseCoinbaseFrame, '{"type":"status","products":[]}')).toEqual([
      { kind: 'unknown', description: 'coinbase message type "status"' },
    ]);
  });

  it('refuses prices sent as JSON numbers, missing fields and sequences beyond 2^53, naming the field', () => {
    const ticker = fixture('coinbase/ticker.json');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ticker, best_bid: 1285.04 }, 'ticker.best_bid'],
      [{ ...ticker, best_ask_size: undefined }, 'ticker.best_ask_size'],
      [{ ...ticker, product_id: ' ETH-USD' }, 'ticker.product_id'],
      [{ ...ticker, time: 'yesterday' }, 'ticker.time'],
    ];
    for (const [message, field] of cases) {
      const result = parse(parseCoinbaseFrame, JSON.stringify(message));
      expect(result).toBeInstanceOf(ParseError);
      expect((result as ParseError).field).toBe(field);
    }
    const huge = fixtureText('coinbase/ticker.json').replace('37475248783', '9007199254740993');
    expect((parse(parseCoinbaseFrame, huge) as ParseError).field).toBe('ticker.sequence');
  });

  it('writes subscribe and unsubscribe messages in the documented shape', () => {
    expect(JSON.parse(coinbaseProtocol.subscribeMessage(['ETH-USD', 'ETH-EUR'], 1))).toEqual(
      fixture('coinbase/subscribe.json'),
    );
    expect(JSON.parse(coinbaseProtocol.unsubscribeMessage(['ETH-USD'], 2))).toEqual({
      type: 'unsubscribe',
      product_ids: ['ETH-USD'],
      channels: ['ticker', 'heartbeat'],
    });
  });

  it('throws nothing but ParseError, whatever it is given (fuzzed)', () => {
    assertParserNeverThrowsUntyped(() => parseCoinbaseFrame, DOCUMENTED);
  });
});

describe('the Coinbase feed against a local Coinbase', () => {
  let server: ExchangeServer | undefined;
  afterEach(async () => server?.close());

  it('reports a product the exchange refuses with the exchange text, and keeps the others flowing', async () => {
    const clock = new VirtualClock(0);
    server = await ExchangeServer.start(coinbaseKit.behaviour(), clock);
    const feed = createFeed('coinbase', { url: server.url, clock });
    const problems: FeedProblem[] = [];
    feed.on('problem', (problem) => problems.push(problem));
    const sink = new RecordingSink();
    feed.subscribe('BTC-USD', sink);
    await until(() => feed.state === 'live', 'live');
    feed.subscribe('BTC-XYZ', sink);
    await until(() => problems.length === 1, 'the refusal');
    expect(problems[0]).toMatchObject({
      exchange: 'coinbase',
      kind: 'exchange_error',
      text: 'Failed to subscribe: BTC-XYZ is not a valid product',
    });
    server.publish('BTC-USD', coinbaseKit.tradeFrame('BTC-USD', 9));
    await until(() => sink.trades.length === 1, 'the trade');
    await feed.close();
    expect(feed.state).toBe('closed');
  });
});
