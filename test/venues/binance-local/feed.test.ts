import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/core/clock.js';
import { createFeed } from '../../../src/feeds/index.js';
import { placeOrder } from '../../cli/run-exo.js';
import { runMain } from '../../cli/run-main.js';
import { RecordingSink } from '../../feeds/recording.js';
import { eventually, type LocalBinance, startLocalBinance } from './local-binance.js';

/** exo's own Binance feed adapter, and exo itself, reading the local Binance's market streams. */
describe("the local Binance's market streams", () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance(['--tick-rate', '200']);
  });
  afterAll(async () => server?.stop());

  it("feeds exo's Binance adapter bookTicker quotes and trades, with no problem counted", async () => {
    const feed = createFeed('binance', {
      url: `${server.url.replace('http', 'ws')}/stream`,
      clock: new RealClock(),
    });
    const btc = new RecordingSink();
    const eth = new RecordingSink();
    feed.subscribe('BTC-USD', btc);
    feed.subscribe('ETH-USD', eth);
    await eventually(() => btc.trades.length >= 2 && eth.quotes.length >= 2, 10_000);
    expect(feed.state).toBe('live');
    const quote = btc.quotes.at(-1)!;
    expect(quote.bidPx.lt(quote.askPx)).toBe(true);
    expect(quote.bidPx.gt(60_000) && quote.askPx.lt(70_000)).toBe(true);
    expect(Number(btc.trades[1]!.tradeId)).toBeGreaterThan(Number(btc.trades[0]!.tradeId));
    const { malformed, unknown, exchangeErrors, outOfOrder } = feed.stats;
    expect({ malformed, unknown, exchangeErrors, outOfOrder }).toEqual({
      malformed: 0,
      unknown: 0,
      exchangeErrors: 0,
      outOfOrder: 0,
    });
    await feed.close();
  });

  it("serves raw streams at /ws/<stream> in Binance's shapes", async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/solusdt@bookTicker`);
    const frames: Record<string, unknown>[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await eventually(() => frames.length >= 2, 10_000);
    socket.close();
    expect(Object.keys(frames[0]!)).toEqual(['u', 's', 'b', 'B', 'a', 'A']);
    expect(frames[0]!.s).toBe('SOLUSDT');
    expect(frames[1]!.u).toBe((frames[0]!.u as number) + 1);
  });

  it('runs exo --feed binance --feed-url against it: an order fills on its prices', async () => {
    const feedUrl = `${server.url.replace('http', 'ws')}/stream`;
    const running = runMain(
      [
        '--port',
        '0',
        '--feed',
        'binance',
        '--feed-url',
        feedUrl,
        '--symbols',
        'BTC-USD',
        '--no-risk-limits',
      ],
      { EXO_JOURNAL: ':memory:' },
    );
    try {
      await eventually(() => /Dashboard: http:\/\/\S+\//.test(running.stderr()), 15_000);
      const url = /Dashboard: (http:\/\/\S+)\//.exec(running.stderr())![1]!;
      const orderId = await placeOrder(url, {
        side: 'buy',
        symbol: 'BTC-USD',
        quantity: '0.001',
        limitPrice: '80000',
        algo: 'take',
      });
      const order = async () =>
        (await (await fetch(`${url}/v1/orders/${orderId}`)).json()) as {
          status: string;
          avgPx?: string;
        };
      await expect.poll(async () => (await order()).status, { timeout: 10_000 }).toBe('filled');
      expect(Number((await order()).avgPx)).toBeGreaterThan(60_000);
    } finally {
      running.stop();
      expect(await running.exited).toBe(0);
    }
  });
});
