import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { RiskRefusalError } from '../../src/risk/risk-refusal-error.js';
import { riskUsageToJSON } from '../../src/risk/risk-usage.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import { placeOn, SYMBOL, startSimulated, trade } from './simulated-start.js';

/** Room enough for the trades below; what the restart must count against it is the fills. */
const LIMITS: RiskLimits = {
  defaults: { maxLongPosition: decimal('1'), maxDailyTradedNotional: decimal('1000000') },
  perSymbol: {},
};

/** Each rule's usage that depends on fills alone (not on the mark), by rule. */
function fillFigures(engine: Engine) {
  const json = riskUsageToJSON(engine.riskUsage()) as {
    symbols: { symbol: string; position: string; dailyTraded: string }[];
    limits: { rule: string; symbol?: string; value: string | null; limit?: string }[];
  };
  return {
    symbols: json.symbols.map(({ symbol, position, dailyTraded }) => ({
      symbol,
      position,
      dailyTraded,
    })),
    limits: json.limits.filter((row) => ['maxLongPosition', 'maxShortPosition'].includes(row.rule)),
  };
}

describe('risk usage after a restart', () => {
  const tempDir = useTempDir();

  it('stands where it stood: positions and traded notional restored, and the limits count them', async () => {
    const path = join(tempDir(), 'journal.db');
    const errors: EngineError[] = [];
    const clock = new VirtualClock(Date.UTC(2026, 11, 5, 12));
    let engine = await startSimulated(path, clock, errors, LIMITS);
    await advance(clock, 200);
    await trade(engine, clock, 'buy', '0.3');
    const before = fillFigures(engine);
    const net = engine.positions.of(SYMBOL).net;
    expect(net.toFixed()).toBe('0.3');
    expect(before.symbols[0]).toMatchObject({ symbol: SYMBOL, position: net.toFixed() });
    await drive(clock, engine.stop());

    engine = await startSimulated(path, clock, errors, LIMITS);
    expect(fillFigures(engine)).toEqual(before);
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain(`exo_risk_position{symbol="${SYMBOL}"} ${net.toNumber()}`);
    // The restored position counts at intake: what would take it past the long limit is refused.
    const room = LIMITS.defaults.maxLongPosition!.minus(net);
    const over = room.plus('0.0001');
    let refusal: unknown;
    try {
      engine.intake.prepareNew({
        side: 'buy',
        symbol: SYMBOL,
        quantity: over,
        algo: 'take',
        params: {},
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RiskRefusalError);
    expect((refusal as RiskRefusalError).refusal).toMatchObject({
      rule: 'maxLongPosition',
      value: net.plus(over).toFixed(),
    });
    await drive(clock, engine.stop());
    expect(errors).toEqual([]);
  });
});

describe('an open parent after a restart', () => {
  const tempDir = useTempDir();

  it('counts its leaves, not its whole quantity, against the limits', async () => {
    const path = join(tempDir(), 'journal.db');
    const errors: EngineError[] = [];
    const clock = new VirtualClock(Date.UTC(2026, 11, 5, 12));
    let engine = await startSimulated(path, clock, errors, LIMITS);
    await advance(clock, 200);
    // A twap of 0.5 over 10 s: some slices fill before the stop, the rest is left open.
    const orderId = await placeOn(engine, {
      side: 'buy',
      quantity: '0.5',
      algo: 'twap',
      params: { durationMs: 10_000, slices: 5 },
    });
    await advance(clock, 4_500);
    const { cumQty, quantity, status } = engine.store.get(orderId)!;
    expect(cumQty.gt(0) && cumQty.lt(quantity) && !isTerminal(status)).toBe(true);
    await drive(clock, engine.stop());

    engine = await startSimulated(path, clock, errors, LIMITS);
    const net = engine.positions.of(SYMBOL).net;
    const restored = engine.store.get(orderId)!;
    const long = engine.riskUsage().limits.find((row) => row.rule === 'maxLongPosition')!;
    expect(long.value?.toFixed()).toBe(
      net.plus(restored.quantity.minus(restored.cumQty)).toFixed(),
    );
    await drive(clock, engine.stop());
    expect(errors).toEqual([]);
  });
});
