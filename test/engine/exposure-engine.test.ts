import { afterEach, describe, expect, it } from 'vitest';
import { ALGO_NAMES, createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import { Quote } from '../../src/market/quote.js';
import type { Side } from '../../src/market/side.js';
import type { RiskLimits, RiskRefusal } from '../../src/risk/risk-limits.js';
import { RiskRefusalError } from '../../src/risk/risk-refusal-error.js';
import { TradingStateError } from '../../src/risk/trading-state-error.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import { advance, drive } from '../recovery/helpers.js';

const SYMBOL = 'BTC-USD';
const NOON = Date.UTC(2026, 11, 5, 12);

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

/** An engine on the reference algorithms and a paper venue over a scripted market, with `limits`. */
async function limitedEngine(limits: RiskLimits) {
  const clock = new VirtualClock(NOON);
  const market = new ScriptedMarket();
  const engine = new Engine({
    clock,
    marketData: market,
    venue: new PaperVenue({ market, clock, latencyMs: 1 }),
    journal: SqliteJournal.inMemory({ clock }),
    createFactory: (listener, venue, resolved) =>
      createAlgoFactory({ venue, listener, onResolved: resolved }),
    algos: ALGO_NAMES,
    symbols: [SYMBOL],
    limits,
  });
  engines.push(engine);
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  const events: ServiceEvent[] = [];
  engine.events.on('event', (event) => events.push(event));
  const quote = async (bid: string, ask: string, askQty = '10') => {
    market.publishQuote(
      Quote.of({
        symbol: SYMBOL,
        bidPx: decimal(bid),
        bidQty: decimal('10'),
        askPx: decimal(ask),
        askQty: decimal(askQty),
      }),
    );
    await advance(clock, 20);
  };
  /** Places an order; its ID, or the risk refusal that refused it. */
  const place = async (
    side: Side,
    quantity: string | Decimal,
    algo: 'take' | 'peg',
    limitPrice: string,
  ): Promise<string | RiskRefusal> => {
    const refusal = refusedBy(() =>
      engine.intake.prepareNew({
        side,
        symbol: SYMBOL,
        quantity: decimal(quantity),
        limitPrice: decimal(limitPrice),
        algo,
        params: {},
      }),
    );
    if (!('order' in refusal)) return refusal;
    expect(await engine.intake.commit(refusal)).toBeUndefined();
    await advance(clock, 20);
    return refusal.order.orderId;
  };
  const replace = (orderId: string, quantity: Decimal) =>
    refusedBy(() => engine.intake.prepareReplace(orderId, { quantity }));
  return { engine, clock, events, quote, place, replace };
}

/** What `prepare` returns, or the refusal when a risk limit or the trading state refuses it. */
function refusedBy<T>(prepare: () => T): T | RiskRefusal {
  try {
    return prepare();
  } catch (error) {
    if (error instanceof RiskRefusalError || error instanceof TradingStateError) {
      return error.refusal;
    }
    throw error;
  }
}

/** The net position from the store's orders' fills: what the positions must agree with. */
function netOf(engine: Engine, ids: readonly string[]): Decimal {
  let net = ZERO;
  for (const id of ids) {
    const order = engine.store.get(id)!;
    net = order.side === 'buy' ? net.plus(order.cumQty) : net.minus(order.cumQty);
  }
  return net;
}

/** What the order's working children may still fill, on the store's view. */
function workingOf(engine: Engine, id: string): Decimal {
  return engine.store
    .get(id)!
    .children.filter((child) => !isTerminal(child.status))
    .reduce((sum, child) => sum.plus(child.quantity.minus(child.cumQty)), ZERO);
}

describe('exposure limits in an engine', () => {
  it('keep the position within its long and short limits from fills, through a partial fill and a replace, at intake and at the child', async () => {
    const long = decimal('2');
    const short = decimal('1');
    const { engine, quote, place, replace } = await limitedEngine({
      defaults: { maxLongPosition: long, maxShortPosition: short },
      perSymbol: {},
    });
    // Only 0.5 offered: the take fills partly and waits for the next quote with the rest open.
    await quote('100', '101', '0.5');
    const taking = (await place('buy', '1.5', 'take', '101')) as string;
    const filled = engine.store.get(taking)!.cumQty;
    expect(filled.gt(0) && filled.lt('1.5')).toBe(true);
    expect(engine.positions.of(SYMBOL).net.toFixed()).toBe(filled.toFixed());

    // Held plus the take's leaves is 1.5: room for 0.5 more buys, resting below the market.
    const room = long.minus('1.5');
    const resting = (await place('buy', room, 'peg', '90')) as string;
    const over = await place('buy', '0.0001', 'peg', '90');
    expect(over).toMatchObject({
      rule: 'maxLongPosition',
      limit: long.toFixed(),
      value: long.plus('0.0001').toFixed(),
    });
    // A replace that grows the resting buy is refused; one that shrinks it passes and frees room.
    expect(replace(resting, room.plus('0.1'))).toMatchObject({
      rule: 'maxLongPosition',
      value: long.plus('0.1').toFixed(),
    });
    expect(replace(resting, room.minus('0.1'))).not.toHaveProperty('rule');
    await advance(engine.clock as VirtualClock, 20);
    expect(typeof (await place('buy', '0.1', 'peg', '90'))).toBe('string');

    // Sells count against the short limit net of the long held: what turns it short by 1 passes.
    const selling = filled.plus(short);
    expect(typeof (await place('sell', selling, 'peg', '120'))).toBe('string');
    expect(await place('sell', '0.0001', 'peg', '120')).toMatchObject({
      rule: 'maxShortPosition',
      value: short.plus('0.0001').toFixed(),
    });

    // Lowered limits reach the child checks: the take's next child is refused there, its delegate
    // told by a rejected report naming the rule, the limit and the worst case.
    const lowered = decimal('1');
    await engine.changeLimits({ defaults: { maxLongPosition: lowered }, perSymbol: {} }, 'http');
    const buys = engine.store.list().filter((o) => o.side === 'buy');
    const working = buys.reduce((sum, o) => sum.plus(workingOf(engine, o.orderId)), ZERO);
    await quote('100', '101', '0.5');
    const refused = engine.store.get(taking)!.children.find((c) => c.text?.startsWith('risk: '));
    const worst = filled.plus(working).plus('0.5');
    expect(refused?.text).toBe(
      `risk: maxLongPosition: worst-case long position of BTC-USD ${worst.toFixed()} is beyond the limit ${lowered.toFixed()}`,
    );
    expect(engine.positions.of(SYMBOL).net.toFixed()).toBe(
      netOf(
        engine,
        engine.store.list().map((o) => o.orderId),
      ).toFixed(),
    );
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_risk_refusals_total{rule="maxLongPosition"} 3');
    expect(metrics).toContain('exo_risk_refusals_total{rule="maxShortPosition"} 1');
    expect(metrics).toContain(`exo_risk_position{symbol="BTC-USD"} ${filled.toNumber()}`);
  });

  it('breach the daily loss once as the mark falls, halt automatically, then refuse what adds to the position and pass what reduces it', async () => {
    const limit = decimal('10');
    const { engine, clock, events, quote, place } = await limitedEngine({
      defaults: { maxDailyLoss: limit },
      perSymbol: {},
      autoHalt: { dailyLoss: true },
    });
    await quote('100', '101');
    const bought = (await place('buy', '1', 'take', '101')) as string;
    const { cumQty, avgPx } = engine.store.get(bought)!;
    const lossAt = (mid: string) => avgPx!.minus(mid).times(cumQty);
    const breaches = () => events.filter((e) => e.type === 'risk_breach');

    await quote('94', '96');
    expect(lossAt('95').lt(limit)).toBe(true);
    expect(breaches()).toEqual([]);
    await quote('88', '90');
    expect(lossAt('89').gt(limit)).toBe(true);
    await quote('80', '82');
    expect(breaches()).toEqual([
      {
        type: 'risk_breach',
        breach: {
          rule: 'maxDailyLoss',
          symbol: SYMBOL,
          limit,
          value: lossAt('89'),
          time: expect.any(Number),
        },
      },
    ]);

    expect(events.filter((e) => e.type === 'auto_halt_triggered')).toEqual([
      {
        type: 'auto_halt_triggered',
        cause: 'daily_loss',
        reason: `maxDailyLoss: loss today on ${SYMBOL} ${lossAt('89').toFixed()} is beyond the limit ${limit.toFixed()}`,
      },
    ]);
    // The automatic halt halted everything; once resumed, the breach still holds what adds.
    expect(engine.tradingStatus().global).toBe('halted');
    expect(await place('sell', '0.0001', 'peg', '200')).toMatchObject({ rule: 'halted' });
    await engine.resume({ by: 'http' });
    await advance(clock, 20);

    const adding = await place('buy', '0.1', 'peg', '70');
    expect(adding).toMatchObject({
      rule: 'maxDailyLoss',
      limit: limit.toFixed(),
      value: lossAt('89').toFixed(),
    });
    expect((adding as RiskRefusal).message).toContain('only orders that reduce the position pass');
    expect(typeof (await place('sell', cumQty, 'peg', '200'))).toBe('string');
    expect(await place('sell', '0.0001', 'peg', '200')).toMatchObject({ rule: 'maxDailyLoss' });

    const usage = engine.riskUsage();
    const row = usage.limits.find((r) => r.rule === 'maxDailyLoss' && r.symbol === SYMBOL);
    expect(row).toMatchObject({ value: lossAt('81'), limit, breached: true });
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_risk_refusals_total{rule="maxDailyLoss"} 2');
    expect(metrics).toContain(
      `exo_risk_daily_pnl{symbol="BTC-USD"} ${lossAt('81').neg().toNumber()}`,
    );
    expect(metrics).toContain(
      `exo_risk_limit{rule="maxDailyLoss",symbol="BTC-USD"} ${limit.toNumber()}`,
    );
  });
});
