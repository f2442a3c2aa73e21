import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { drive, liveOrders, loadAgent, postOrder, send } from './exo-load.js';
import { untilHealthy } from './failover-process.js';

/** Orders posted between two counts of the journal's rows. */
const ORDERS_PER_ROUND = 2_000;

/** How the journal was filled: rows it holds, orders posted and refused, and how long it took. */
export interface Filled {
  readonly rows: number;
  readonly orders: number;
  readonly refused: number;
  readonly ms: number;
}

/**
 * Posts small marketable `take` orders (exo-load's, 32 in flight) to the exo at `url` until the
 * journal holds `target` rows or `budgetMs` has passed, then waits for them to complete: real
 * orders through the whole path (intake, children at the venue, acks, fills, completions). Orders
 * refused while the owner was down (fenced at a stall, restarted) are counted, not fatal.
 */
export async function fillJournal(
  url: string,
  rows: () => Promise<number>,
  target: number,
  budgetMs: number,
): Promise<Filled> {
  const started = performance.now();
  const agent = loadAgent();
  let orders = 0;
  let refused = 0;
  const post = (i: number): Promise<number> => postOrder(agent, url, i).catch(() => 0);
  try {
    while ((await rows()) < target && performance.now() - started < budgetMs) {
      await untilHealthy(url, 60_000);
      const first = orders;
      refused += (await drive(ORDERS_PER_ROUND, (i) => post(first + i), 201)).failures;
      orders += ORDERS_PER_ROUND;
    }
    const settleBy = performance.now() + 30_000;
    while (performance.now() < settleBy) {
      await untilHealthy(url, 60_000);
      if ((await liveOrders(url)) === 0) break;
      await sleep(100);
    }
  } finally {
    agent.destroy();
  }
  return { rows: await rows(), orders: orders - refused, refused, ms: performance.now() - started };
}

/**
 * Starts `count` TWAPs of an hour (a slice every 2 s each), alternating BTC-USD and ETH-USD and
 * sides: live orders with children at the venue, so that every takeover has orders to reconcile
 * and children possibly in flight at the kill.
 */
export async function startTwaps(url: string, count: number): Promise<void> {
  const agent = loadAgent();
  try {
    await untilHealthy(url, 60_000);
    for (let i = 0; i < count; i++) {
      const body = JSON.stringify({
        side: i % 2 === 0 ? 'buy' : 'sell',
        symbol: i % 4 < 2 ? 'BTC-USD' : 'ETH-USD',
        quantity: '1.8',
        algo: 'twap',
        params: { durationMs: 3_600_000, slices: 1_800 },
      });
      const status = await send(agent, url, 'POST', '/v1/orders', body);
      if (status !== 201) throw new Error(`a TWAP was answered ${status}`);
    }
  } finally {
    agent.destroy();
  }
}
