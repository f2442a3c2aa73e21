import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { parseBinanceFrame } from '../../src/feeds/binance/binance-parser.js';
import { binanceProtocol, createFeed } from '../../src/feeds/index.js';
import type { ParseError } from '../../src/market/parse-error.js';
import { ExchangeServer, until } from './exchange-server.js';
import { binanceKit } from './kits/binance-kit.js';
import { fixture, fixtureText } from './kits/exchange-kit.js';
import { assertParserNeverThrowsUntyped } from './parser-fuzz.js';
import { RecordingSink } from './recording.js';
import { parse } from './recording-handler.js';

const BOOK_TICKER = fixtureText('binance/bookTicker.json');
const TRADE = fixtureText('binance/trade.json');
const DOCUMENTED = [
  BOOK_TICKER,
  TRADE,
  JSON.stringify({ stream: 'bnbusdt@bookTicker', data: fixture('binance/bookTicker.json') }),
  fixtureText('binance/subscribe-result.json'),
  fixtureText('binance/error.json'),
];

const QUOTE = {
  kind: 'quote',
  symbol: 'BNBUSDT',
  order: 400900217,
  bidPx: '25.3519',
  bidQty: '31.21',
  askPx: '25.3652',
  askQty: '40.66',
  time: 0,
};

describe('the Binance parser', () => {
  it('reads the documented bookTicker and trade payloads, raw or as combined streams', () => {
    expect(parse(parseBinanceFrame, BOOK_TICKER)).toEqual([QUOTE]);
    const combined = JSON.stringify({
      stream: 'bnbusdt@bookTicker',
      data: JSON.parse(BOOK_TICKER),
    });
    expect(parse(parseBinanceFrame, combined)).toEqual([QUOTE]);
    expect(parse(parseBinanceFrame, TRADE)).toEqual([
      {
        kind: 'trade',
        symbol: 'BNBBTC',
        tradeId: '12345',
        px: '0.001',
        qty: '100',
        time: 1672515782136,
      },
    ]);
  });

  it('reads SUBSCRIBE results and both documented error shapes with the exchange text', () => {
    expect(parse(parseBinanceFrame, fixtureText('binance/subscribe-result.json'))).toEqual([
      { kind: 'acknowledged' },
    ]);
    const [error] = parse(parseBinanceFrame, fixtureText('binance/error.json')) as {
      text: string;
    }[];
    expect(error!.text).toMatch(/^Invalid request: unknown variant SUBSCRIBER.* \(code 2\)$/);
    expect(parse(parseBinanceFrame, '{"error":{"code":3,"msg":"Invalid JSON"},"id":4}')).toEqual([
      { kind: 'exchangeError', text: 'Invalid JSON (code 3)' },
    ]);
  });

  it('refuses numeric prices and IDs beyond 2^53, naming the field', () => {
    const numeric = parse(parseBinanceFrame, BOOK_TICKER.replace('"25.35190000"', '25.3519'));
    expect((numeric as ParseError).field).toBe('bookTicker.b');
    const huge = parse(parseBinanceFrame, TRADE.replace('12345', '18446744073709551615'));
    expect((huge as ParseError).field).toBe('trade.t');
  });

  it('writes SUBSCRIBE with both streams of each symbol, lowercase, and the request id', () => {
    expect(JSON.parse(binanceProtocol.subscribeMessage(['BTCUSDT', 'ETHUSDT'], 7))).toEqual({
      method: 'SUBSCRIBE',
      params: ['btcusdt@bookTicker', 'btcusdt@trade', 'ethusdt@bookTicker', 'ethusdt@trade'],
      id: 7,
    });
    expect(Object.keys(JSON.parse(binanceProtocol.unsubscribeMessage(['BTCUSDT'], 8)))).toEqual(
      Object.keys(fixture('binance/subscribe.json')),
    );
  });

  it('throws nothing but ParseError, whatever it is given (fuzzed)', () => {
    assertParserNeverThrowsUntyped(() => parseBinanceFrame, DOCUMENTED);
  });
});

describe('the Binance feed against a local Binance', () => {
  let server: ExchangeServer | undefined;
  afterEach(async () => server?.close());

  it('answers the exchange ping frames and refuses more symbols than a connection carries', async () => {
    const clock = new VirtualClock(0);
    server = await ExchangeServer.start(binanceKit.behaviour(), clock);
    const feed = createFeed('binance', { url: server.url, clock });
    const sink = new RecordingSink();
    feed.subscribe('BTC-USD', sink);
    await until(() => feed.state === 'live', 'live');
    server.latest.socket.ping('hello');
    await until(() => server!.latest.pongsReceived === 1, 'the pong');
    for (let i = 1; i < 512; i++) feed.subscribe(`S${i}-USD`, sink);
    expect(() => feed.subscribe('ONE-MORE', sink)).toThrow(
      /binance allows 512 symbols a connection/,
    );
    await feed.close();
  });
});
