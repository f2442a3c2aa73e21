import type { OrderContext } from '../../src/replay/order-checks.js';

/** A recording's start: 2026-12-06T10:00:00Z, in µs. */
export const FROM_US = Date.UTC(2026, 11, 6, 10) * 1_000;
/** Its end: ten minutes later. */
export const TO_US = FROM_US + 600_000_000;

/** A context of BTC-USD and ETH-USD over ten minutes, with the reference algorithms. */
export const CONTEXT: OrderContext = {
  recording: {
    symbols: new Set(['BTC-USD', 'ETH-USD']),
    fromUs: FROM_US,
    toUs: TO_US,
    events: 1_000,
  },
  algos: ['take', 'peg', 'twap'],
};

/** One valid order as orders.json writes it, with `changes` applied. */
export function orderJson(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: '0.5',
    algo: 'twap',
    params: { durationMs: 30_000 },
    start: '+30s',
    ...changes,
  };
}
