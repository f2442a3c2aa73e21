import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { FakeVenue } from '../algos/fake-venue.js';
import { openIntake } from '../server/fake-engine.js';
import { burstAlgo, quoteOf } from './burst-algo.js';

/** How many children the looping delegate sends on its first quote, per symbol. */
const LOOP = { 'BTC-USD': 10, 'ETH-USD': 1 } as const;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('an engine with limits', () => {
  it('throttles a delegate that loops sending children, refuses it at the hard cap through a journaled rejected report, while an order on another symbol trades', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const market = new ScriptedMarket();
    const venue = new FakeVenue();
    const journal = SqliteJournal.inMemory({ clock });
    const seen = new Map<string, Report[]>();
    const limits: RiskLimits = {
      defaults: { childRatePerSecond: 2, childRateHardCap: 4 },
      perSymbol: {},
    };
    const engine = new Engine({
      clock,
      marketData: market,
      venue,
      journal,
      createFactory: burstAlgo((symbol) => LOOP[symbol as keyof typeof LOOP], seen),
      algos: ['loop'],
      symbols: ['BTC-USD', 'ETH-USD'],
      limits,
    });
    await engine.start();
    await openIntake(engine);
    const place = async (symbol: string): Promise<string> => {
      const prepared = engine.intake.prepareNew({
        side: 'buy',
        symbol,
        quantity: decimal('100'),
        algo: 'loop',
        params: {},
      });
      expect(await engine.intake.commit(prepared)).toBeUndefined();
      return prepared.order.orderId;
    };
    const btc = await place('BTC-USD');
    const eth = await place('ETH-USD');
    market.publishQuote(quoteOf('BTC-USD'));
    await settle();
    market.publishQuote(quoteOf('ETH-USD'));
    await settle();

    const bySymbol = (symbol: string) => venue.submitted.filter((c) => c.symbol === symbol);
    // Two at once (the rate), two delayed (up to the cap), six refused; ETH's child went at once.
    expect(bySymbol('BTC-USD').map((c) => c.clOrdId)).toEqual([`${btc}-1`, `${btc}-2`]);
    expect(bySymbol('ETH-USD').map((c) => c.clOrdId)).toEqual([`${eth}-1`]);
    const refused = (seen.get(btc) ?? []).filter((r) => r.execType === 'rejected');
    expect(refused.map((r) => r.clOrdId)).toEqual([5, 6, 7, 8, 9, 10].map((n) => `${btc}-${n}`));
    for (const report of refused) {
      expect(report).toMatchObject({ status: 'rejected' });
      expect(report.text).toBe(
        'risk: childRateHardCap: child requests on BTC-USD in a second 5 is beyond the limit 4',
      );
    }
    const journaled = [...journal.readFrom(0)].filter(
      (row) =>
        row.kind === 'venue_report' &&
        String((row.body as { text?: string }).text).startsWith('risk: '),
    );
    expect(journaled.map((row) => (row.body as { clOrdId: string }).clOrdId)).toEqual(
      refused.map((r) => r.clOrdId),
    );

    // The rates as GET /v1/risk shows them: BTC's throttle full (two more waiting, which the
    // delays count), its hard cap full, ETH's one child; the counts as /metrics has them.
    const activity = engine.riskActivity();
    expect(activity.rates).toEqual([
      { rule: 'childRatePerSecond', symbol: 'BTC-USD', value: 2, limit: 2 },
      { rule: 'childRateHardCap', symbol: 'BTC-USD', value: 4, limit: 4 },
      { rule: 'childRatePerSecond', symbol: 'ETH-USD', value: 1, limit: 2 },
      { rule: 'childRateHardCap', symbol: 'ETH-USD', value: 1, limit: 4 },
    ]);
    expect(Object.fromEntries(activity.counts.refusals())).toEqual({ childRateHardCap: 6 });
    expect(Object.fromEntries(activity.counts.delays())).toEqual({ childRatePerSecond: 2 });

    clock.advance(1000);
    expect(bySymbol('BTC-USD').map((c) => c.clOrdId)).toEqual(
      [1, 2, 3, 4].map((n) => `${btc}-${n}`),
    );
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_risk_refusals_total{rule="childRateHardCap"} 6');
    expect(metrics).toContain('exo_risk_delays_total{rule="childRatePerSecond"} 2');
    await engine.stop();
  });
});
