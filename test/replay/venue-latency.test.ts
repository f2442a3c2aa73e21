import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { runReplay } from '../../src/replay/run-replay.js';
import type { TickEvent } from '../../src/ticks/tick-event.js';
import { definition, order, quote, T0 } from './fixtures.js';

describe('replay venue latency', () => {
  it('matches a request at its arrival instant against the book then, and reports after the response latency', async () => {
    const entry = 300;
    const response = 700;
    const start = T0 + 100;
    const events: TickEvent[] = [
      definition(T0),
      quote(T0, '100.00', '100.01', '1', '2'),
      // Lands while the take's child is on its way: the child matches against this one.
      quote(start + entry / 2, '100.00', '100.05', '1', '2'),
      quote(T0 + 10_000, '100.00', '100.06', '1', '2'),
    ];
    const outcome = await runReplay(
      [events],
      [order({ algo: 'take', startUs: start, quantity: '2' })],
      {
        seed: 1,
        entryLatency: `${entry}us`,
        responseLatency: `${response}us`,
      },
    );
    const [take] = outcome.orders;
    // The first child, an IOC at the 100.01 the take saw at its start, meets the 100.05 ask on
    // arrival and is cancelled; the take hears so a response latency later and sends a second
    // at 100.05, which fills on its arrival. The parent ends when that fill's report reaches exo.
    const roundTrip = entry + response;
    expect(
      take!.fills.map((f) => [f.timeUs, decimal(f.px).toFixed(2), f.qty, f.liquidity, f.clOrdId]),
    ).toEqual([[start + roundTrip + entry, '100.05', '2', 'taker', `${take!.orderId}-2`]]);
    expect(take!.children).toBe(2);
    expect(take!.status).toBe('filled');
    expect(take!.endUs).toBe(start + 2 * roundTrip);
    expect(outcome.run.models).toMatchObject({
      entryLatency: `${entry}us`,
      responseLatency: `${response}us`,
    });
  });

  it('sends what a delegate decided at t at t + decision latency, on the data it had at t', async () => {
    const d = 200;
    const entry = 300;
    const response = 700;
    const start = T0 + 100;
    const events: TickEvent[] = [
      definition(T0),
      quote(T0, '100.00', '100.01', '1', '2'),
      quote(start + d / 2, '100.00', '100.05', '1', '2'),
      quote(start + 2 * d + entry / 2, '100.00', '100.03', '1', '2'),
      quote(T0 + 10_000, '100.00', '100.06', '1', '2'),
    ];
    const outcome = await runReplay(
      [events],
      [order({ algo: 'take', startUs: start, quantity: '2' })],
      {
        seed: 1,
        decisionLatency: `${d}us`,
        entryLatency: `${entry}us`,
        responseLatency: `${response}us`,
      },
    );
    const [take] = outcome.orders;
    // Its first update (the order itself) keeps it busy until start + d; the quotes meanwhile
    // conflate into its next, decided at start + d on the 100.05 ask and sent at start + 2d. The
    // 100.03 ask shown while the child travels is the book it meets: it fills there, within its limit.
    expect(take!.fills.map((f) => [f.timeUs, decimal(f.px).toFixed(2), f.qty])).toEqual([
      [start + 2 * d + entry, '100.03', '2'],
    ]);
    expect(take!.children).toBe(1);
    expect(take!.endUs).toBe(start + 2 * d + entry + response);
  });
});
