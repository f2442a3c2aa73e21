import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import { runReplay } from '../../src/replay/run-replay.js';
import { syntheticTicks } from '../../src/replay/synthetic-ticks.js';
import type { QuoteTick, TradeTick } from '../../src/ticks/tick-event.js';
import { order, recorder, type Seen, SYMBOL, T0 } from './fixtures.js';

const batches = [
  ...syntheticTicks({ events: 3000, symbols: [SYMBOL], seed: 5, startUs: T0, meanGapUs: 2000 }),
];
const events = batches
  .flat()
  .filter((e): e is QuoteTick | TradeTick => e.kind === 'quote' || e.kind === 'trade');
const START = T0 + 100_000;

async function watched(decisionLatency: string): Promise<Seen[]> {
  const seen: Seen[] = [];
  await runReplay(batches, [order({ algo: 'watch', startUs: START })], {
    seed: 1,
    decisionLatency,
    createFactory: recorder(seen),
  });
  return seen;
}

/** Checks that an update holds exactly `window`'s news: its last quote, its trades' volume and VWAP. */
function expectNews(seen: Seen, window: readonly (QuoteTick | TradeTick)[]): void {
  const quotes = window.filter((e): e is QuoteTick => e.kind === 'quote');
  const trades = window.filter((e): e is TradeTick => e.kind === 'trade');
  const last = quotes.at(-1);
  const { quote: got, trade } = seen.update;
  if (last === undefined) expect(got).toBeUndefined();
  else {
    expect([
      got?.bidPx.toFixed(2),
      got?.askPx.toFixed(2),
      got?.bidQty.toFixed(),
      got?.askQty.toFixed(),
    ]).toEqual([last.bidPx, last.askPx, last.bidQty, last.askQty]);
  }
  if (trades.length === 0) {
    expect(trade).toBeUndefined();
    return;
  }
  let volume: Decimal = ZERO;
  let notional: Decimal = ZERO;
  for (const t of trades) {
    volume = volume.plus(decimal(t.qty));
    notional = notional.plus(decimal(t.px).times(decimal(t.qty)));
  }
  expect(trade?.count).toBe(trades.length);
  expect(trade?.volume.eq(volume)).toBe(true);
  expect(trade?.vwap.eq(notional.div(volume))).toBe(true);
  expect(trade?.lastPx.toFixed(2)).toBe(trades.at(-1)!.px);
}

describe('replay conflation', () => {
  it('with no decision latency an idle delegate gets every tick, one update each', async () => {
    const seen = await watched('0');
    expect(seen[0]!.us).toBe(START);
    expect(seen[0]!.update.instructions).toHaveLength(1);
    const later = seen.filter((s) => s.us > START);
    const after = events.filter((e) => e.recvUs > START);
    expect(later).toHaveLength(after.length);
    later.forEach((s, i) => {
      expect(s.us).toBe(after[i]!.recvUs);
      expectNews(s, [after[i]!]);
    });
  });

  it('with 1 s of decision latency each update holds its window: the last quote, the trades aggregated', async () => {
    const d = 1_000_000;
    const seen = await watched('1s');
    expect(seen.length).toBeGreaterThan(3);
    // Update k covers what arrived since update k - 1 was handed over: the events before its
    // instant, and those at its instant too unless it came from the end of a decision (a timer,
    // which runs before that instant's market events).
    let next = events.findIndex((e) => e.recvUs >= START);
    let checked = 0;
    for (let k = 1; k < seen.length; k++) {
      const { us } = seen[k]!;
      const fromTimer = us === seen[k - 1]!.us + d;
      expect(fromTimer || us >= seen[k - 1]!.us + d).toBe(true);
      const window: (QuoteTick | TradeTick)[] = [];
      while (next < events.length) {
        const e = events[next]!;
        if (e.recvUs > us || (e.recvUs === us && fromTimer)) break;
        window.push(e);
        next++;
      }
      if (window.length === 0) continue; // the pre-start quote, handed over on subscribe
      expectNews(seen[k]!, window);
      checked++;
    }
    // Only the update of the quote handed over on subscribe has no window of its own.
    expect(checked).toBeGreaterThanOrEqual(seen.length - 2);
    expect(seen.some((s, k) => k > 0 && s.us === seen[k - 1]!.us + d)).toBe(true);
    // Every tick up to the last update reached the delegate; later ones wait for its next.
    expect(events.slice(next).every((e) => e.recvUs >= seen.at(-1)!.us)).toBe(true);
  });

  it('with 1 s of decision latency loses no instruction and no fill', async () => {
    const orders = [
      order({
        algo: 'twap',
        startUs: START,
        quantity: '3',
        params: { durationMs: 4000, slices: 8 },
        amends: [{ atUs: START + 1_500_000, quantity: '4' }],
      }),
      order({ algo: 'take', side: 'sell', startUs: START + 2_000_000, quantity: '2' }),
      order({ algo: 'twap', startUs: START, quantity: '5', cancelAtUs: START + 1_000_000 }),
    ];
    // The execIds each delegate was told of, by order: every venue fill must reach its delegate.
    const told = new Map<string, string[]>();
    // Long enough after the orders that every report reaches its delegate before the end.
    const longer = [
      ...syntheticTicks({
        events: 15_000,
        symbols: [SYMBOL],
        seed: 5,
        startUs: T0,
        meanGapUs: 2000,
      }),
    ];
    const outcome = await runReplay(longer, orders, {
      seed: 1,
      decisionLatency: '1s',
      createFactory: (reference) => ({
        create: (parent, context) => {
          const inner = reference.create(parent, context);
          return {
            action: (update) => {
              for (const report of update.reports) {
                if (report.execType === 'trade')
                  told.set(parent.orderId, [...(told.get(parent.orderId) ?? []), report.execId!]);
              }
              return inner.action(update);
            },
          };
        },
      }),
    });
    const [twap, take, canceled] = outcome.orders;
    for (const replayed of outcome.orders) {
      expect(replayed.notes).toBeUndefined();
      expect(told.get(replayed.orderId) ?? []).toEqual(replayed.fills.map((fill) => fill.execId));
    }
    expect(twap!.quantity).toBe('4');
    expect(twap!.fills.length).toBeGreaterThan(0);
    expect(take!.status).toBe('filled');
    expect(canceled!.status).toBe('canceled');
    expect(canceled!.endUs).toBeGreaterThanOrEqual(START + 1_000_000);
    expect(outcome.run.conflationRatio).toBeGreaterThan(1);
  });
});
