import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { ReplayOutcome } from '../../src/replay/replay-outcome.js';
import { runReplay } from '../../src/replay/run-replay.js';
import type { TickEvent } from '../../src/ticks/tick-event.js';
import { definition, order, quote, T0 } from './fixtures.js';

const ENTRY = 300;
const RESPONSE = 700;
const START = T0 + 100;

/**
 * A take buying 2 from START over asks of size 2: first 100.01, then `asks` at their instants,
 * then 100.06 at T0 + 10 ms; ENTRY and RESPONSE latencies and decision latency `d` µs.
 */
function replayTake(asks: readonly [number, string][], d: number): Promise<ReplayOutcome> {
  const events: TickEvent[] = [
    definition(T0),
    quote(T0, '100.00', '100.01', '1', '2'),
    ...asks.map(([us, ask]) => quote(us, '100.00', ask, '1', '2')),
    quote(T0 + 10_000, '100.00', '100.06', '1', '2'),
  ];
  return runReplay([events], [order({ algo: 'take', startUs: START, quantity: '2' })], {
    seed: 1,
    decisionLatency: `${d}us`,
    entryLatency: `${ENTRY}us`,
    responseLatency: `${RESPONSE}us`,
  });
}

describe('replay venue latency', () => {
  it('matches a request at its arrival instant against the book then, and reports after the response latency', async () => {
    // The 100.05 ask lands while the first child is on its way: the child meets that one.
    const outcome = await replayTake([[START + ENTRY / 2, '100.05']], 0);
    const [take] = outcome.orders;
    // The first child, an IOC at the 100.01 the take saw at its start, meets the 100.05 ask on
    // arrival and is cancelled; the take hears so a response latency later and sends a second
    // at 100.05, which fills on its arrival. The parent ends when that fill's report reaches exo.
    const roundTrip = ENTRY + RESPONSE;
    expect(
      take!.fills.map((f) => [f.timeUs, decimal(f.px).toFixed(2), f.qty, f.liquidity, f.clOrdId]),
    ).toEqual([[START + roundTrip + ENTRY, '100.05', '2', 'taker', `${take!.orderId}-2`]]);
    expect(take!.children).toBe(2);
    expect(take!.status).toBe('filled');
    expect(take!.endUs).toBe(START + 2 * roundTrip);
    expect(outcome.run.models).toMatchObject({
      entryLatency: `${ENTRY}us`,
      responseLatency: `${RESPONSE}us`,
    });
  });

  it('sends what a delegate decided at t at t + decision latency, on the data it had at t', async () => {
    const d = 200;
    const outcome = await replayTake(
      [
        [START + d / 2, '100.05'],
        [START + 2 * d + ENTRY / 2, '100.03'],
      ],
      d,
    );
    const [take] = outcome.orders;
    // Its first update (the order itself) keeps it busy until START + d; the quotes meanwhile
    // conflate into its next, decided at START + d on the 100.05 ask and sent at START + 2d. The
    // 100.03 ask shown while the child travels is the book it meets: it fills there, within its limit.
    expect(take!.fills.map((f) => [f.timeUs, decimal(f.px).toFixed(2), f.qty])).toEqual([
      [START + 2 * d + ENTRY, '100.03', '2'],
    ]);
    expect(take!.children).toBe(1);
    expect(take!.endUs).toBe(START + 2 * d + ENTRY + RESPONSE);
  });
});
