import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { RealClock } from '../../src/core/clock.js';
import type { GapTick } from '../../src/ticks/index.js';
import { ExchangeServer } from '../feeds/exchange-server.js';
import { coinbaseKit } from '../feeds/kits/coinbase-kit.js';
import { readAll } from '../ticks/tick-fixtures.js';
import { tempDir } from './run-exo.js';
import { runMain } from './run-main.js';

const cleanUps: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

it('exo record --feed coinbase records quotes, trades and a gap, and closes cleanly on SIGINT', async () => {
  const server = await ExchangeServer.start(coinbaseKit.behaviour(), new RealClock());
  cleanUps.push(() => server.close());
  let sequence = 1;
  const ticker = setInterval(() => {
    sequence++;
    server.broadcast(
      sequence % 4 === 0
        ? coinbaseKit.tradeFrame('BTC-USD', sequence)
        : coinbaseKit.quoteFrame('BTC-USD', sequence, `100.${sequence}`),
    );
  }, 5);
  cleanUps.push(() => clearInterval(ticker));
  const file = join(tempDir(), 'live.exo');
  const recording = runMain(
    [
      'record',
      '--feed',
      'coinbase',
      '--feed-url',
      server.url,
      '--symbols',
      'BTC-USD',
      '--out',
      file,
    ],
    {},
  );
  cleanUps.push(async () => {
    recording.stop();
    await recording.exited;
  });
  const subscribed = (index: number) =>
    server.connections[index]?.subscribed.has('BTC-USD') === true;
  await expect.poll(() => subscribed(0), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => sequence, { timeout: 10_000 }).toBeGreaterThan(20);
  server.connections[0]!.drop();
  await expect.poll(() => subscribed(1), { timeout: 20_000 }).toBe(true);
  const after = sequence;
  await expect.poll(() => sequence, { timeout: 10_000 }).toBeGreaterThan(after + 10);
  recording.stop();
  expect(await recording.exited).toBe(0);
  expect(recording.stderr()).toMatch(/coinbase live/);

  const { events, reader } = await readAll(file);
  expect(reader.truncated).toBe(false);
  expect(reader.header.feed).toBe('coinbase');
  expect(events[0]).toMatchObject({ kind: 'symbol', symbol: 'BTC-USD' });
  expect(events.filter((e) => e.kind === 'quote').length).toBeGreaterThan(0);
  expect(events.filter((e) => e.kind === 'trade').length).toBeGreaterThan(0);
  const gaps = events.filter((e): e is GapTick => e.kind === 'gap');
  expect(gaps).toHaveLength(1);
  expect(gaps[0]!.symbols).toEqual(['BTC-USD']);
  expect(gaps[0]!.toUs).toBeGreaterThan(gaps[0]!.fromUs);
  for (let i = 1; i < events.length; i++) {
    expect(events[i]!.recvUs).toBeGreaterThanOrEqual(events[i - 1]!.recvUs);
  }
});
