import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { RealClock } from '../../src/core/clock.js';
import { ExchangeServer } from '../feeds/exchange-server.js';
import { coinbaseKit } from '../feeds/kits/coinbase-kit.js';
import { placeOrder } from './run-exo.js';

const cleanUps: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

it('exo --feed coinbase --feed-url runs the engine on a local Coinbase server: its quotes fill the order', async () => {
  const server = await ExchangeServer.start(coinbaseKit.behaviour(), new RealClock());
  cleanUps.push(() => server.close());
  const ticker = setInterval(() => {
    server.broadcast(coinbaseKit.quoteFrame('BTC-USD', Date.now(), '100.5'));
  }, 5);
  cleanUps.push(() => clearInterval(ticker));

  const stderr = new PassThrough();
  let banner = '';
  stderr.on('data', (chunk) => {
    banner += chunk;
  });
  let stopWith: (signal: NodeJS.Signals) => void = () => {};
  const exited = main({
    argv: [
      ...['--port', '0', '--feed', 'coinbase', '--feed-url', server.url, '--symbols', 'BTC-USD'],
      '--no-risk-limits',
    ],
    env: { EXO_LOG_LEVEL: 'silent', EXO_JOURNAL: ':memory:' },
    stdout: new PassThrough(),
    stderr,
    onSignal: (handler) => {
      stopWith = handler;
    },
  });
  cleanUps.push(async () => {
    stopWith('SIGTERM');
    await exited;
  });
  const url = await until(() => /Dashboard: (http:\/\/\S+)\//.exec(banner)?.[1]);

  const orderId = await placeOrder(url, {
    side: 'buy',
    symbol: 'BTC-USD',
    quantity: '0.5',
    limitPrice: '1000',
    algo: 'take',
  });
  const filled = await until(async () => {
    const order = (await (await fetch(`${url}/v1/orders/${orderId}`)).json()) as {
      status: string;
      avgPx?: string;
    };
    return order.status === 'filled' ? order : undefined;
  });
  expect(filled.avgPx).toBe('101');
  expect(server.connections.some((c) => c.subscribed.has('BTC-USD'))).toBe(true);
  stopWith('SIGTERM');
  expect(await exited).toBe(0);
});

async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
