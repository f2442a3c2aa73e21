import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import {
  createFeed,
  type Feed,
  type FeedGap,
  type FeedOptions,
  type FeedProblem,
  type FeedState,
} from '../../src/feeds/index.js';
import type { Order } from '../../src/market/order.js';
import { ExchangeServer, quietly, type ServerConnection, until } from './exchange-server.js';
import { binanceKit } from './kits/binance-kit.js';
import { coinbaseKit } from './kits/coinbase-kit.js';
import type { ExchangeKit } from './kits/exchange-kit.js';
import { RecordingSink, recordingFactory } from './recording.js';

const KITS: readonly ExchangeKit[] = [coinbaseKit, binanceKit];

describe.each(KITS)('the $exchange feed', (kit) => {
  const BTC = kit.exchangeSymbol('BTC-USD');
  const ETH = kit.exchangeSymbol('ETH-USD');
  let clock: VirtualClock;
  let server: ExchangeServer;
  let feed: Feed | undefined;
  let problems: FeedProblem[];
  let states: FeedState[];
  let gaps: FeedGap[];

  beforeEach(async () => {
    clock = new VirtualClock(1_700_000_000_000);
    server = await ExchangeServer.start(kit.behaviour(), clock);
    feed = undefined;
    problems = [];
    states = [];
    gaps = [];
  });

  afterEach(async () => {
    await feed?.close();
    await server.close();
    expect(server.rateViolations).toBe(0);
  });

  /** A feed on the local server with short, virtual timings; backoff delays 75, 150, 300 ms. */
  function start(options: FeedOptions = {}): Feed {
    const started = createFeed(kit.exchange, {
      url: server.url,
      clock,
      random: () => 0.5,
      stallTimeoutMs: 1_000,
      keepaliveMs: 400,
      reconnectInitialMs: 100,
      reconnectMaxMs: 1_000,
      ...options,
    });
    started.on('problem', (problem) => problems.push(problem));
    started.on('state', (state) => states.push(state));
    started.on('gap', (gap) => gaps.push(gap));
    feed = started;
    return started;
  }

  /** Subscribes `symbols` to `sink` and waits until the exchange has them and the feed is live. */
  async function live(f: Feed, sink: RecordingSink, ...symbols: string[]): Promise<void> {
    for (const symbol of symbols) f.subscribe(symbol, sink);
    await subscribedOn(() => server.connections.at(-1), symbols);
    await until(() => f.state === 'live', 'the feed to be live');
  }

  async function subscribedOn(
    connection: () => ServerConnection | undefined,
    symbols: string[],
  ): Promise<void> {
    const exchangeSymbols = symbols.map((s) => kit.exchangeSymbol(s));
    await until(
      () => exchangeSymbols.every((s) => connection()?.subscribed.has(s) === true),
      `the exchange to have ${exchangeSymbols.join(', ')}`,
    );
  }

  function subscriptions(connection: ServerConnection) {
    return connection.received.flatMap((r) => {
      const sub = kit.subscription(r.text);
      return sub === undefined ? [] : [{ ...sub, at: r.at }];
    });
  }

  it('subscribes with the first order of a symbol and unsubscribes when the last one completes, delivering its quotes and trades to the dispatcher', async () => {
    const f = start();
    const { factory, updates } = recordingFactory();
    const dispatcher = new Dispatcher<Order>({ factory, marketData: f, clock });
    const first = dispatcher.submit({
      orderId: '',
      side: 'buy',
      symbol: 'BTC-USD',
      msgType: 'new',
    });
    await subscribedOn(() => server.connections.at(-1), ['BTC-USD']);
    const second = dispatcher.submit({
      orderId: '',
      side: 'sell',
      symbol: 'BTC-USD',
      msgType: 'new',
    });
    await until(() => f.state === 'live', 'live');

    server.publish(BTC, kit.quoteFrame(BTC, 10, '30000.123456789012345678'));
    server.publish(BTC, kit.tradeFrame(BTC, 1, '30000.500000000000000001'));
    const seen = () => updates.get(first.orderId) ?? [];
    await until(
      () =>
        seen().some((u) => u.quote?.bidPx.toString() === '30000.123456789012345678') &&
        seen().some((u) => u.trade !== undefined),
      'the order to see the quote and the trade',
    );
    const quote = seen().find((u) => u.quote?.bidPx.toString() === '30000.123456789012345678')!
      .quote!;
    expect(quote.symbol).toBe('BTC-USD');
    expect(quote.askPx.toString()).toBe('101');
    const trade = seen().find((u) => u.trade !== undefined)!.trade!;
    expect(trade.symbol).toBe('BTC-USD');
    expect(trade.lastPx.toString()).toBe('30000.500000000000000001');
    expect(trade.lastQty.toString()).toBe('2');
    expect(subscriptions(server.latest)).toEqual([
      expect.objectContaining({ op: 'subscribe', symbols: [BTC] }),
    ]);

    dispatcher.submit({ ...first, msgType: 'cancel' });
    await quietly();
    expect(subscriptions(server.latest)).toHaveLength(1);
    dispatcher.submit({ ...second, msgType: 'cancel' });
    await until(() => !server.latest.subscribed.has(BTC), 'the exchange to drop the symbol');
    expect(subscriptions(server.latest).at(-1)).toEqual(
      expect.objectContaining({ op: 'unsubscribe', symbols: [BTC] }),
    );
    await dispatcher.stop();
  });

  it('keeps control messages within the rate limit, coalescing what waits', async () => {
    const f = start({
      controlPerSecond: 2,
      controlBurst: 2,
      keepaliveMs: 60_000,
      stallTimeoutMs: 60_000,
    });
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    f.subscribe('ETH-USD', sink);
    await subscribedOn(() => server.connections.at(-1), ['ETH-USD']);
    f.subscribe('SOL-USD', sink);
    f.subscribe('ADA-USD', sink);
    f.unsubscribe('BTC-USD');
    await quietly();
    expect(subscriptions(server.latest)).toHaveLength(2);

    clock.advance(499);
    await quietly();
    expect(subscriptions(server.latest)).toHaveLength(2);
    clock.advance(1);
    await until(() => subscriptions(server.latest).length === 3, 'the waiting subscriptions');
    expect(subscriptions(server.latest)[2]).toEqual(
      expect.objectContaining({
        op: 'subscribe',
        symbols: [kit.exchangeSymbol('SOL-USD'), kit.exchangeSymbol('ADA-USD')],
      }),
    );
    clock.advance(500);
    await until(() => subscriptions(server.latest).length === 4, 'the unsubscription');
    expect(subscriptions(server.latest)[3]).toEqual(
      expect.objectContaining({ op: 'unsubscribe', symbols: [BTC] }),
    );
    const times = subscriptions(server.latest).map((s) => s.at - clock.now() + 1000);
    expect(times).toEqual([0, 0, 500, 1000]);
  });

  it('reconnects after a drop with exponential backoff and jitter, resubscribes every symbol and reports the gap', async () => {
    const f = start();
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD', 'ETH-USD');
    const droppedAt = clock.now();
    server.refuseConnections = true;
    server.latest.drop();
    await until(() => f.state === 'reconnecting', 'reconnecting');

    for (const [delay, connections] of [
      [75, 2],
      [150, 3],
    ] as const) {
      clock.advance(delay - 1);
      await quietly();
      expect(server.connections).toHaveLength(connections - 1);
      clock.advance(1);
      await until(() => server.connections.length === connections, `connection ${connections}`);
      await until(() => f.state === 'reconnecting', 'the refused connection to be lost');
    }
    server.refuseConnections = false;
    clock.advance(299);
    await quietly();
    expect(server.connections).toHaveLength(3);
    clock.advance(1);
    await subscribedOn(() => server.connections.at(-1), ['BTC-USD', 'ETH-USD']);
    await until(() => f.state === 'live', 'live again');

    expect(server.connections).toHaveLength(4);
    expect(f.stats.reconnects).toBe(3);
    expect(f.stats.gaps).toBe(1);
    expect(gaps).toEqual([
      {
        exchange: kit.exchange,
        symbols: ['BTC-USD', 'ETH-USD'],
        from: droppedAt,
        to: droppedAt + 525,
      },
    ]);
    server.publish(ETH, kit.tradeFrame(ETH, 7));
    await until(() => sink.trades.length === 1, 'data after the reconnection');
    expect(sink.trades[0]!.symbol).toBe('ETH-USD');
  });

  it('detects a silent exchange as stalled and replaces the connection', async () => {
    const f = start();
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    server.latest.silent = true;
    clock.advance(400);
    await quietly(10);
    clock.advance(600);
    expect(states).toContain('stalled');
    expect(f.state).toBe('reconnecting');
    expect(f.stats.stalls).toBe(1);
    expect(problems.map((p) => p.kind)).toContain('stall');
    await until(() => !server.connections[0]!.open, 'the stalled connection to be dropped');

    clock.advance(75);
    await subscribedOn(() => server.connections.at(-1), ['BTC-USD']);
    await until(() => f.state === 'live', 'live again');
    expect(server.connections).toHaveLength(2);
    server.publish(BTC, kit.tradeFrame(BTC, 1));
    await until(() => sink.trades.length === 1, 'data on the new connection');
  });

  it('stays live through quiet periods while the exchange answers heartbeats or pings', async () => {
    const f = start();
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    for (let step = 0; step < 6; step++) {
      const heartbeat = kit.heartbeatFrame(BTC);
      if (heartbeat !== undefined) {
        const before = f.stats.messages;
        server.publish(BTC, heartbeat);
        await until(() => f.stats.messages > before, 'the heartbeat');
      }
      clock.advance(400);
      await quietly(15);
    }
    expect(f.stats.stalls).toBe(0);
    expect(f.state).toBe('live');
    expect(server.connections).toHaveLength(1);
    const pings =
      server.latest.pingsReceived + server.latest.received.filter((r) => r.text === 'ping').length;
    expect(pings > 0).toBe(kit.sendsKeepalive);
  });

  it('rotates the connection before its lifetime ends with no gap and no duplicate trade', async () => {
    const f = start({
      rotateAfterMs: 10_000,
      rotationOverlapMs: 100,
      stallTimeoutMs: 60_000,
      keepaliveMs: 30_000,
    });
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    const publish = (from: number, to: number) => {
      for (let id = from; id <= to; id++) server.publish(BTC, kit.tradeFrame(BTC, id));
    };
    publish(1, 5);
    await until(() => sink.trades.length === 5, 'trades 1-5');

    clock.advance(10_000);
    await subscribedOn(() => server.connections[1], ['BTC-USD']);
    publish(6, 10);
    await until(() => f.stats.rotations === 1, 'the hand-over');
    await until(() => sink.trades.length === 10, 'trades 6-10');
    expect(server.connections[0]!.open).toBe(true);
    clock.advance(100);
    await until(() => !server.connections[0]!.open, 'the old connection to close');
    publish(11, 15);
    await until(() => sink.trades.length === 15, 'trades 11-15');
    await quietly();

    expect(sink.tradeIds()).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(f.stats.duplicates).toBeGreaterThanOrEqual(5);
    expect(f.stats.gaps).toBe(0);
    expect(f.stats.reconnects).toBe(0);
    expect(states).not.toContain('reconnecting');
    expect(f.state).toBe('live');
  });

  it('drops duplicate trades and out-of-order quotes, across reconnects too', async () => {
    const f = start();
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    for (const id of [1, 2, 2, 1, 3]) server.publish(BTC, kit.tradeFrame(BTC, id));
    for (const order of [100, 102, 101, 102, 103])
      server.publish(BTC, kit.quoteFrame(BTC, order, `${order}`));
    const expectedQuotes = ['100', '102', '103'];
    const ownQuotes = () =>
      sink.quotes.map((q) => q.bidPx.toString()).filter((px) => px !== '100.5');
    await until(() => ownQuotes().length === expectedQuotes.length, 'the quotes');
    await quietly();
    expect(sink.tradeIds()).toEqual(['1', '2', '3']);
    expect(ownQuotes()).toEqual(expectedQuotes);
    expect(f.stats.outOfOrder).toBe(kit.tradeCarriesQuote ? 2 : 1);
    expect(f.stats.duplicates).toBe(3 + (kit.tradeCarriesQuote ? 1 : 0));

    server.latest.drop();
    await until(() => f.state === 'reconnecting', 'reconnecting');
    clock.advance(75);
    await live(f, sink, 'BTC-USD');
    server.publish(BTC, kit.tradeFrame(BTC, 3));
    server.publish(BTC, kit.tradeFrame(BTC, 4));
    await until(() => sink.trades.length === 4, 'trade 4');
    await quietly();
    expect(sink.tradeIds()).toEqual(['1', '2', '3', '4']);
  });

  it('reports malformed, wrongly typed, unknown and exchange-error messages with their text and carries on', async () => {
    const f = start();
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    server.broadcast('{"not json');
    server.broadcast(kit.wrongTypeFrame(BTC));
    server.broadcast(kit.unknownFrame());
    server.broadcast(kit.errorFrame('BTC-XYZ is not a valid product'));
    server.broadcast(Buffer.from([0xff, 0x00, 0x13]), true);
    server.publish(BTC, kit.quoteFrame(BTC, 5));
    await until(() => sink.quotes.length === 1, 'the good quote after the bad frames');

    expect(problems.map((p) => p.kind)).toEqual([
      'malformed',
      'malformed',
      'unknown',
      'exchange_error',
      'malformed',
    ]);
    expect(problems[0]!.text).toMatch(/not JSON/);
    expect(problems[0]!.frame).toBe('{"not json');
    expect(problems[1]!.text).toMatch(/bid|b\b|bidPrice/);
    expect(problems[3]!.text).toContain('BTC-XYZ is not a valid product');
    expect(problems[4]!.text).toMatch(/binary frame of 3 bytes/);
    expect(f.stats).toMatchObject({ malformed: 3, unknown: 1, exchangeErrors: 1, quotes: 1 });
    expect(f.state).toBe('live');
    expect(server.connections).toHaveLength(1);
  });

  it('never throws out of the adapter, whatever the exchange sends (fuzzed frames)', async () => {
    const f = start({ stallTimeoutMs: 60_000, keepaliveMs: 60_000 });
    const sink = new RecordingSink();
    await live(f, sink, 'BTC-USD');
    let sentinel = 1_000_000;
    const frame = fc.oneof(
      fc.json().map((text) => ({ text, binary: false })),
      fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, binary: false })),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ text: Buffer.from(bytes), binary: true })),
      fc
        .constantFrom(
          kit.quoteFrame(BTC, 1).slice(0, 40),
          kit.tradeFrame(BTC, 1).replace(/[0-9]/g, '9'),
          kit.tradeFrame(BTC, 1).replace(/"/g, ''),
        )
        .map((text) => ({ text, binary: false })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { maxLength: 25 }), async (frames) => {
        for (const { text, binary } of frames) server.broadcast(text, binary);
        sentinel++;
        const bid = `${sentinel}.5`;
        server.publish(BTC, kit.quoteFrame(BTC, sentinel, bid));
        await until(
          () => sink.quotes.some((q) => q.bidPx.toString() === bid),
          'the sentinel quote',
        );
      }),
      { numRuns: 12 },
    );
    expect(f.state).toBe('live');
    expect(server.connections).toHaveLength(1);
  });
});
