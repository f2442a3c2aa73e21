import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import type { DelegateFactory } from '../src/core/delegate.js';
import { Dispatcher } from '../src/core/dispatcher.js';
import { createFeed, type FeedExchange } from '../src/feeds/index.js';
import type { Order } from '../src/market/order.js';
import { type BenchResult, median } from './report.js';

const FRAMES = Number(process.env.EXO_BENCH_FEED_FRAMES ?? 150_000);
const ROUNDS = 3;
/** Exo symbols, one order each; the exchange symbols are the feeds' default mappings. */
const SYMBOLS: Record<FeedExchange, Record<string, string>> = {
  coinbase: {
    'BTC-USD': 'BTC-USD',
    'ETH-USD': 'ETH-USD',
    'SOL-USD': 'SOL-USD',
    'ADA-USD': 'ADA-USD',
  },
  binance: { 'BTC-USD': 'BTCUSDT', 'ETH-USD': 'ETHUSDT', 'SOL-USD': 'SOLUSD', 'ADA-USD': 'ADAUSD' },
};

/**
 * Frames per second from a local exchange server (in a worker thread, sending in corked batches of
 * 1,000) through each feed's parser into a Dispatcher with one order per symbol. The baseline is
 * the same frames from the same server into a bare `ws` client that only JSON.parses them: the
 * ratio is the feed's rate over that floor. Coinbase frames are tickers (a quote and a trade each);
 * Binance frames alternate quotes and trades, the shapes each exchange documents.
 */
export async function feed(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const exchange of ['binance', 'coinbase'] as const) {
    const server = await ExchangeWorker.start(exchange, Object.values(SYMBOLS[exchange]));
    try {
      await measureFeed(server, exchange, FRAMES / 10);
      await measureBaseline(server, FRAMES / 10);
      const adapter: number[] = [];
      const floor: number[] = [];
      let ticks = 0;
      for (let round = 0; round < ROUNDS; round++) {
        floor.push(await measureBaseline(server, FRAMES));
        const run = await measureFeed(server, exchange, FRAMES);
        adapter.push(run.framesPerSecond);
        ticks = run.ticksPerFrame;
      }
      const framesPerSecond = median(adapter);
      const baseline = median(floor);
      results.push({
        bench: 'feed',
        exchange,
        frames: FRAMES * ROUNDS,
        frames_per_s: framesPerSecond,
        ticks_per_s: framesPerSecond * ticks,
        baseline_json_parse_frames_per_s: baseline,
        ratio: framesPerSecond / baseline,
      });
    } finally {
      await server.stop();
    }
  }
  return results;
}

/** One round through the real feed and a Dispatcher; returns its rate and ticks per frame. */
async function measureFeed(
  server: ExchangeWorker,
  exchange: FeedExchange,
  frames: number,
): Promise<{ framesPerSecond: number; ticksPerFrame: number }> {
  const feed = createFeed(exchange, { url: server.url, symbols: SYMBOLS[exchange] });
  const factory: DelegateFactory<Order> = { create: () => ({ action: () => false }) };
  const dispatcher = new Dispatcher<Order>({ factory, marketData: feed });
  for (const symbol of Object.keys(SYMBOLS[exchange])) {
    dispatcher.submit({ orderId: '', side: 'buy', symbol, msgType: 'new' });
  }
  await server.subscribed();
  await until(() => feed.state === 'live');
  const before = feed.stats.messages;
  const start = process.hrtime.bigint();
  server.send(frames);
  await until(() => feed.stats.messages - before >= frames);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const ticks = feed.stats.quotes + feed.stats.trades;
  const bad =
    feed.stats.malformed + feed.stats.unknown + feed.stats.duplicates + feed.stats.outOfOrder;
  if (bad > 0) throw new Error(`${exchange} feed dropped or refused ${bad} benchmark frames`);
  await dispatcher.stop();
  await feed.close();
  return { framesPerSecond: frames / seconds, ticksPerFrame: ticks / frames };
}

/** One round into a bare ws client that only JSON.parses each frame: the floor. */
async function measureBaseline(server: ExchangeWorker, frames: number): Promise<number> {
  const socket = new WebSocket(server.url, { perMessageDeflate: false });
  let received = 0;
  let sink: unknown;
  socket.on('message', (data) => {
    sink = JSON.parse(data.toString());
    received++;
  });
  await once(socket, 'open');
  socket.send(
    JSON.stringify({ type: 'subscribe', op: 'subscribe', method: 'SUBSCRIBE', baseline: true }),
  );
  await server.subscribed();
  const start = process.hrtime.bigint();
  server.send(frames);
  await until(() => received >= frames);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  socket.close();
  await once(socket, 'close');
  if (sink === undefined) throw new Error('baseline received nothing');
  return frames / seconds;
}

/** Waits, checking every millisecond: cheap next to the frames being counted. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

/** The local exchange server, in a worker thread so that sending does not share the feed's thread. */
class ExchangeWorker {
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
  ) {}

  static async start(exchange: FeedExchange, symbols: readonly string[]): Promise<ExchangeWorker> {
    const worker = new Worker(SERVER_SOURCE, { eval: true, workerData: { exchange, symbols } });
    const [port] = (await once(worker, 'message')) as [number];
    return new ExchangeWorker(worker, `ws://127.0.0.1:${port}/stream`);
  }

  /** Resolves when the client connected last has sent its subscription request(s). */
  async subscribed(): Promise<void> {
    this.worker.postMessage({ await: 'subscribed' });
    await once(this.worker, 'message');
  }

  /** Has the server send `frames` frames to the client connected last. */
  send(frames: number): void {
    this.worker.postMessage({ send: frames });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The worker: a ws server that answers each exchange's subscribe with its documented reply and, on
 * command, sends quote and trade frames in the exchange's documented shapes in corked batches.
 */
const SERVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { WebSocketServer } = require('ws');
const { exchange, symbols } = workerData;
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
let client;
let subscribed = false;
let waiting = false;
let sequence = 1;
wss.on('listening', () => parentPort.postMessage(wss.address().port));
wss.on('connection', (socket) => {
  client = socket;
  subscribed = false;
  socket.on('message', (data) => {
    const request = JSON.parse(data.toString());
    if (exchange === 'coinbase') socket.send(JSON.stringify({ type: 'subscriptions', channels: [] }));
    if (exchange === 'binance') socket.send(JSON.stringify({ result: null, id: request.id ?? null }));
    subscribed = true;
    if (waiting) { waiting = false; parentPort.postMessage('subscribed'); }
  });
});
function frame(i) {
  const symbol = symbols[i % symbols.length];
  const n = sequence++;
  const px = (30000 + (n % 1000) / 100).toFixed(2);
  const time = new Date(1700000000000 + n).toISOString();
  if (exchange === 'coinbase') {
    return JSON.stringify({ type: 'ticker', sequence: n, product_id: symbol, price: px, open_24h: '29000.00',
      volume_24h: '12345.678', low_24h: '28000.00', high_24h: '31000.00', volume_30d: '456789.01',
      best_bid: px, best_bid_size: '0.46688654', best_ask: '30010.01', best_ask_size: '1.5663704',
      side: 'buy', time, trade_id: n, last_size: '0.0123' });
  }
  return (i >> 2) % 2 === 0
    ? JSON.stringify({ stream: symbol.toLowerCase() + '@bookTicker', data: { u: n, s: symbol, b: px, B: '31.21000000', a: '30010.01000000', A: '40.66000000' } })
    : JSON.stringify({ stream: symbol.toLowerCase() + '@trade', data: { e: 'trade', E: 1700000000000 + n, s: symbol, t: n, p: px, q: '0.01230000', T: 1700000000000 + n, m: true, M: true } });
}
function sendAll(total) {
  let sent = 0;
  const batch = () => {
    const end = Math.min(total, sent + 1000);
    client._socket.cork();
    for (; sent < end - 1; sent++) client.send(frame(sent));
    sent++;
    client.send(frame(end - 1), () => { if (sent < total) setImmediate(batch); });
    client._socket.uncork();
  };
  batch();
}
parentPort.on('message', (command) => {
  if (command.await === 'subscribed') {
    if (subscribed) parentPort.postMessage('subscribed'); else waiting = true;
  }
  if (command.send !== undefined) sendAll(command.send);
});
`;
