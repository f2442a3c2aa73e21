import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { ReportInputError } from '../../src/report/report-input-error.js';
import { batches, EVENTS, OUTCOME } from './fixture.js';

/** A hand-computed figure, written as the report writes it. */
const bps = (value: number) => value.toFixed(2);

const { report } = await buildReport(OUTCOME, batches(3));
const byRef = (ref: string) => report.orders.find((o) => o.ref === ref)!;

describe('transaction costs on a small recording (hand-computed)', () => {
  it('a buy with a remainder: IS against the arrival mid, opportunity cost at the end mid', () => {
    // Arrival mid: the quote at 3000 (the last before the start, 3001) = (101 + 103)/2 = 102.
    // Fills 2@103 + 1@105: avgPx = 311/3. End mid: the quote at 5000 (last ≤ 6000) = 104.
    // Trades in [3001, 6000]: 2@102, 3@104, 5@105 (the one at 6000 counts): VWAP = 1041/10.
    expect(byRef('buy')).toMatchObject({
      filled: '3',
      remaining: '1',
      fills: 2,
      children: 2,
      arrivalMid: '102',
      endMid: '104',
      marketVolume: '10',
      marketVwap: '104.1',
      isBps: bps(((311 / 3 - 102) / 102) * 1e4),
      opportunityBps: bps(((104 - 102) / 102) * 1e4),
      totalIsBps: bps(((3 * (311 / 3 - 102) + 1 * (104 - 102)) / (4 * 102)) * 1e4),
      vwapSlippageBps: bps(((311 / 3 - 104.1) / 104.1) * 1e4),
      participation: (3 / 10).toFixed(4),
      timeToCompleteUs: null,
    });
    expect(byRef('buy').avgPx!.startsWith('103.6666666')).toBe(true);
  });

  it('a sell: receiving above the arrival mid is a gain (negative), below the VWAP a cost', () => {
    // Arrival: the quote at 1000 (the last before the start, 1001): mid 100. Fill 2@101. Trades in
    // [1001, 4000]: 2@102,
    // 3@104: VWAP = 516/5 = 103.2.
    expect(byRef('sell')).toMatchObject({
      avgPx: '101',
      arrivalMid: '100',
      isBps: bps(((100 - 101) / 100) * 1e4),
      opportunityBps: null,
      totalIsBps: bps(((100 - 101) / 100) * 1e4),
      marketVwap: '103.2',
      vwapSlippageBps: bps(((103.2 - 101) / 103.2) * 1e4),
      participation: (2 / 5).toFixed(4),
      timeToCompleteUs: 4000 - 1001,
    });
  });

  it('a sell with a remainder, the price rising: its opportunity is a gain; no trades, no VWAP', () => {
    // Arrival: the quote at 3000 (last ≤ 4500): mid 102; end: the one at 5000: 104; fill 1@103.
    expect(byRef('sell-rest')).toMatchObject({
      isBps: bps(((102 - 103) / 102) * 1e4),
      opportunityBps: bps(((102 - 104) / 102) * 1e4),
      totalIsBps: bps(((1 * (102 - 103) + 2 * (102 - 104)) / (3 * 102)) * 1e4),
      marketVolume: '0',
      marketVwap: null,
      vwapSlippageBps: null,
      participation: null,
    });
  });

  it('an order still open at the end is marked at the recording’s last mid', () => {
    // Arrival: the quote at 5000 (mid 104); the recording ends at 7000, mid 110; 100@110 traded.
    expect(byRef('open')).toMatchObject({
      avgPx: null,
      isBps: null,
      endUs: null,
      endMid: '110',
      opportunityBps: bps(((110 - 104) / 104) * 1e4),
      totalIsBps: bps(((110 - 104) / 104) * 1e4),
      participation: (0).toFixed(4),
    });
  });

  it('run totals weight each order by its notional at the benchmark', () => {
    expect(report.run.totals).toEqual({
      orders: 4,
      quantity: '10',
      filled: '6',
      completion: (6 / 10).toFixed(4),
      // Σ s·F·(P − M₀) / Σ F·M₀: buy 3·(311/3 − 102) = 5, sell −2·(101 − 100), sell-rest −1·(103 − 102).
      isBps: bps(((5 - 2 - 1) / (3 * 102 + 2 * 100 + 1 * 102)) * 1e4),
      // With the remainders: buy 5 + 1·2, sell −2, open 1·6, sell-rest −(1 + 2·2); over Σ Q·M₀.
      totalIsBps: bps(((7 - 2 + 6 - 5) / (4 * 102 + 2 * 100 + 1 * 104 + 3 * 102)) * 1e4),
      // Σ s·F·(P − V) / Σ F·V: buy 311 − 312.3, sell −2·(101 − 103.2); sell-rest has no VWAP.
      vwapSlippageBps: bps(((311 - 312.3 + 4.4) / (3 * 104.1 + 2 * 103.2)) * 1e4),
    });
    expect(report.run).toMatchObject({ seed: 7, events: EVENTS.length, conflationRatio: '1.3333' });
  });

  it('names the order and field of a fill out of time order', async () => {
    const [first, ...rest] = OUTCOME.orders;
    const swapped = { ...first!, fills: [...first!.fills].reverse() };
    await expect(
      buildReport({ ...OUTCOME, orders: [swapped, ...rest] }, batches(3)),
    ).rejects.toThrow('order "buy": fills[1].timeUs is before the fill before it');
  });

  it('names the event and field of a figure it cannot read', async () => {
    const bad = EVENTS.map((e, i) => (i === 5 ? { ...e, qty: '2x' } : e));
    const error = await buildReport(OUTCOME, [bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportInputError);
    expect((error as Error).message).toBe('event 5: qty is not a decimal: "2x"');
  });
});
