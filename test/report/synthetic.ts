import type { ReplayedFill, ReplayOutcome } from '../../src/replay/replay-outcome.js';
import type { TickEvent } from '../../src/ticks/tick-event.js';

const START_US = Date.UTC(2026, 11, 7, 14, 30) * 1000;
const SECOND = 1_000_000;

/** A seeded random walk (an LCG: no Math.random, so the page is the same every run). */
function walk(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Ten minutes of one symbol, a quote every 100 ms and a trade every 300 ms (8,000 events, more
 * than an 800 px chart keeps), with a twap buy that filled 10 slices over five minutes and a peg
 * sell that filled two and was canceled: the browser test's page and the README's screenshot.
 */
export function syntheticRun(): { events: TickEvent[]; outcome: ReplayOutcome } {
  const random = walk(42);
  const events: TickEvent[] = [];
  const mids: number[] = [];
  let mid = 2400;
  for (let i = 0; i < 6000; i++) {
    mid += (random() - 0.5) * 0.8;
    const recvUs = START_US + i * 100_000;
    mids.push(mid);
    const [bid, ask] = [(mid - 0.05).toFixed(2), (mid + 0.05).toFixed(2)];
    events.push({
      kind: 'quote',
      symbol: 'ETH-USD',
      venueUs: recvUs - 300,
      recvUs,
      bidPx: bid,
      bidQty: '3.2',
      askPx: ask,
      askQty: '2.9',
    });
    if (i % 3 === 2) {
      const qty = (0.05 + random() * 2).toFixed(4);
      events.push({
        kind: 'trade',
        symbol: 'ETH-USD',
        venueUs: recvUs + 40,
        recvUs: recvUs + 50,
        px: random() < 0.5 ? bid : ask,
        qty,
      });
    }
  }
  const fillAt = (
    quoteIndex: number,
    n: number,
    qty: string,
    side: 'buy' | 'sell',
  ): ReplayedFill => ({
    timeUs: START_US + quoteIndex * 100_000 + 20,
    px: (mids[quoteIndex]! + (side === 'buy' ? 0.05 : -0.05)).toFixed(2),
    qty,
    clOrdId: `c${n}`,
    execId: `e${n}`,
    liquidity: 'taker',
  });
  const twapStart = START_US + 60 * SECOND;
  const twapFills = Array.from({ length: 10 }, (_, k) => fillAt(600 + k * 300, k, '0.5', 'buy'));
  const pegStart = START_US + 200 * SECOND;
  const pegFills = [fillAt(2300, 20, '1.25', 'sell'), fillAt(3400, 21, '0.75', 'sell')];
  return {
    events,
    outcome: {
      orders: [
        {
          ref: 'twap-buy',
          orderId: 'exo-1',
          symbol: 'ETH-USD',
          side: 'buy',
          quantity: '5',
          algo: 'twap',
          params: { durationMs: 300_000, slices: 10 },
          startUs: twapStart,
          endUs: twapFills.at(-1)!.timeUs,
          status: 'filled',
          children: 10,
          fills: twapFills,
        },
        {
          ref: 'peg-sell',
          orderId: 'exo-2',
          symbol: 'ETH-USD',
          side: 'sell',
          quantity: '4',
          algo: 'peg',
          params: {},
          startUs: pegStart,
          endUs: START_US + 420 * SECOND,
          status: 'canceled',
          children: 3,
          fills: pegFills,
        },
      ],
      run: {
        seed: 1,
        models: { fill: 'through', decisionLatency: '50us', entryLatency: '0us' },
        inputs: [{ file: 'eth.exo', sha256: '0'.repeat(64) }],
        events: events.length,
        deliveries: events.length,
        conflationRatio: 1,
        fromUs: START_US,
        toUs: events.at(-1)!.recvUs,
        truncated: false,
      },
    },
  };
}
