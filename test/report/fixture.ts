import type { ReplayedOrder, ReplayOutcome } from '../../src/replay/replay-outcome.js';
import type { TickEvent } from '../../src/ticks/tick-event.js';

const quote = (recvUs: number, bidPx: string, askPx: string, symbol = 'X'): TickEvent => ({
  kind: 'quote',
  symbol,
  venueUs: 0,
  recvUs,
  bidPx,
  bidQty: '1',
  askPx,
  askQty: '1',
});
const trade = (recvUs: number, px: string, qty: string, symbol = 'X'): TickEvent => ({
  kind: 'trade',
  symbol,
  venueUs: 0,
  recvUs,
  px,
  qty,
});

/**
 * A small recording of symbol X (and a Y that no order trades, which must not count): mids 100
 * at 1000 µs, 101 at 2000, 102 at 3000, 104 at 5000, 110 at 7000; trades 2@102 at 3500, 3@104
 * at 4000, 5@105 at 6000, 100@110 at 7000.
 */
export const EVENTS: readonly TickEvent[] = [
  { kind: 'symbol', symbol: 'X', recvUs: 1000 },
  quote(1000, '99', '101'),
  quote(1500, '1', '3', 'Y'),
  quote(2000, '100', '102'),
  quote(3000, '101', '103'),
  trade(3500, '102', '2'),
  trade(3600, '50', '1000', 'Y'),
  trade(4000, '104', '3'),
  quote(5000, '103', '105'),
  trade(6000, '105', '5'),
  quote(7000, '109', '111'),
  trade(7000, '110', '100'),
];

/** The recording in batches of `size`, as an async iterable (replay's tick reader hands these). */
export async function* batches(size: number): AsyncGenerator<readonly TickEvent[]> {
  for (let i = 0; i < EVENTS.length; i += size) yield EVENTS.slice(i, i + size);
}

const fill = (timeUs: number, px: string, qty: string, n: number) => ({
  timeUs,
  px,
  qty,
  clOrdId: `c${n}`,
  execId: `e${n}`,
  liquidity: 'taker' as const,
});

const order = (o: Partial<ReplayedOrder> & Pick<ReplayedOrder, 'ref' | 'side'>): ReplayedOrder => ({
  orderId: `exo-${o.ref}`,
  symbol: 'X',
  quantity: '1',
  algo: 'take',
  params: {},
  startUs: 1000,
  status: 'filled',
  children: o.fills?.length ?? 0,
  fills: [],
  ...o,
});

/**
 * Four orders on X: a buy of 4 from 3001 to 6000 that filled 2@103 and 1@105 and was canceled; a
 * sell of 2 from 1001 to 4000 that filled 2@101; a buy of 1 from 6500 still open at the
 * recording's end (7000), unfilled; a sell of 3 from 4500 to 5500 that filled 1@103.
 */
export const OUTCOME: ReplayOutcome = {
  orders: [
    order({
      ref: 'buy',
      side: 'buy',
      quantity: '4',
      algo: 'twap',
      params: { durationMs: 3, slices: 2 },
      startUs: 3001,
      endUs: 6000,
      status: 'canceled',
      fills: [fill(3600, '103', '2', 1), fill(5500, '105', '1', 2)],
    }),
    order({
      ref: 'sell',
      side: 'sell',
      quantity: '2',
      startUs: 1001,
      endUs: 4000,
      fills: [fill(2000, '101', '2', 3)],
    }),
    order({ ref: 'open', side: 'buy', startUs: 6500, status: 'new' }),
    order({
      ref: 'sell-rest',
      side: 'sell',
      quantity: '3',
      algo: 'peg',
      startUs: 4500,
      endUs: 5500,
      status: 'canceled',
      fills: [fill(4800, '103', '1', 4)],
    }),
  ],
  run: {
    seed: 7,
    models: { fill: 'through', latency: '0us' },
    inputs: [{ file: 'x.exo', sha256: 'ab'.repeat(32) }],
    events: EVENTS.length,
    deliveries: 9,
    conflationRatio: 4 / 3,
    fromUs: 1000,
    toUs: 7000,
    truncated: false,
  },
};
