import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import { DailyLoss, type LossBreach } from '../../src/risk/daily-loss.js';
import { Fixed } from '../../src/risk/fixed.js';
import { Positions, utcDayEnd } from '../../src/risk/positions.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';

const NOON = Date.UTC(2026, 11, 5, 12);
const SYMBOLS = ['BTC-USD', 'ETH-USD'] as const;

const amount = (max: number, places: number) =>
  fc.integer({ min: 1, max }).map((n) => decimal(String(n)).div(10 ** places));

/** One step: a fill, a new mark, time passing (past midnight now and then), or new limits. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('fill' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    side: fc.constantFrom<Side>('buy', 'sell'),
    quantity: amount(500, 2),
    price: amount(20_000, 2),
  }),
  fc.record({
    kind: fc.constant('mark' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    price: amount(20_000, 2),
  }),
  fc.record({
    kind: fc.constant('time' as const),
    ms: fc.integer({ min: 0, max: 20 * 3_600_000 }),
  }),
  fc.record({ kind: fc.constant('limits' as const), limits: fc.nat(2) }),
);

/** Limits of the steps: per symbol, in total, or both. */
const LIMITS: readonly RiskLimits[] = [
  { defaults: { maxDailyLoss: decimal('50') }, perSymbol: {} },
  { maxDailyLoss: decimal('80'), defaults: {}, perSymbol: {} },
  {
    maxDailyLoss: decimal('120.5'),
    defaults: { maxDailyLoss: decimal('70') },
    perSymbol: { 'ETH-USD': { maxDailyLoss: decimal('30') } },
  },
];

/**
 * The daily loss as the README states it, worked out in big.js from scratch: each symbol's P&L
 * (realised + position × mark − its cost, the mark the reference or else the average cost) kept
 * as last worked out on a fill or a mark of a held symbol, the total their sum, a breach latched
 * once until the day ends or the limits change.
 */
class Model {
  readonly pnl = new Map<string, Decimal>();
  readonly breaches = new Map<string, { rule: string; value: string; time: number }>();
  dayEnds = Number.NEGATIVE_INFINITY;

  constructor(
    readonly positions: Positions,
    readonly marks: Map<string, Decimal>,
    readonly clock: VirtualClock,
    public limits: RiskLimits,
  ) {}

  pnlOf(symbol: string): Decimal {
    const p = this.positions.of(symbol, this.clock.now());
    const mark = this.marks.get(symbol) ?? (p.net.eq(0) ? undefined : p.openCost.div(p.net));
    const value = mark === undefined ? ZERO : p.net.times(mark);
    return p.realised.plus(value).minus(p.openCost);
  }

  update(symbol: string, always: boolean): void {
    const own = this.limits.perSymbol[symbol]?.maxDailyLoss ?? this.limits.defaults.maxDailyLoss;
    const total = this.limits.maxDailyLoss;
    if (own === undefined && total === undefined) return;
    if (!always && this.pnl.has(symbol) && this.positions.of(symbol).net.eq(0)) return;
    this.roll();
    const pnl = this.pnlOf(symbol);
    this.pnl.set(symbol, pnl);
    if (own !== undefined) this.breach(symbol, 'maxDailyLoss', own, pnl.neg());
    let sum = ZERO;
    for (const figure of this.pnl.values()) sum = sum.plus(figure);
    if (total !== undefined) this.breach('', 'maxDailyLoss.total', total, sum.neg());
  }

  reset(): void {
    this.breaches.clear();
    this.pnl.clear();
    for (const symbol of this.positions.symbols()) this.update(symbol, true);
  }

  roll(): void {
    if (this.clock.now() < this.dayEnds) return;
    this.dayEnds = utcDayEnd(this.clock.now());
    this.reset();
  }

  breach(key: string, rule: string, limit: Decimal, loss: Decimal): void {
    if (!loss.gt(limit) || this.breaches.has(key)) return;
    this.breaches.set(key, { rule, value: loss.toFixed(), time: this.clock.now() });
  }
}

describe('DailyLoss, against the daily loss worked out from scratch in big.js', () => {
  it('has the same P&L per symbol and the same breaches, told once, whatever the fills, marks, days and limits', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const clock = new VirtualClock(NOON);
        const positions = new Positions();
        const marks = new Map<string, Decimal>();
        const fixedMarks = new Map<string, Fixed>();
        let limits = LIMITS[0]!;
        const told: LossBreach[] = [];
        const loss = new DailyLoss({
          limits: () => limits,
          positions: () => positions,
          reference: (symbol) => fixedMarks.get(symbol),
          clock,
          onBreach: (breach) => told.push(breach),
        });
        const model = new Model(positions, marks, clock, limits);
        for (const s of steps) {
          if (s.kind === 'fill') {
            positions.fill(s.symbol, s.side, s.quantity, s.price, clock.now());
            loss.filled(s.symbol);
            model.update(s.symbol, true);
          } else if (s.kind === 'mark') {
            marks.set(s.symbol, s.price);
            fixedMarks.set(s.symbol, Fixed.of(s.price));
            loss.marked(s.symbol);
            model.update(s.symbol, false);
          } else if (s.kind === 'time') {
            clock.advance(s.ms);
          } else {
            limits = LIMITS[s.limits]!;
            model.limits = limits;
            loss.reset();
            model.reset();
          }
          for (const symbol of SYMBOLS) {
            expect(loss.pnl(symbol).toFixed()).toBe(model.pnlOf(symbol).toFixed());
          }
          model.roll();
          const breaches = loss.breaches().map((b) => ({
            rule: b.rule,
            value: b.value.toFixed(),
            time: b.time,
          }));
          expect(breaches).toEqual([...model.breaches.values()]);
        }
        // Every breach was told once, as it was found.
        expect(new Set(told).size).toBe(told.length);
      }),
      { numRuns: 200 },
    );
  });

  it("works a symbol out on the new day when midnight passes while it does: yesterday's loss is not a breach today", () => {
    // A wall clock one ms on at each reading, a ms before midnight.
    let time = Date.UTC(2026, 11, 6) - 1;
    const clock = { now: () => time++, setTimer: () => () => {} };
    const positions = new Positions();
    const told: LossBreach[] = [];
    const mark = Fixed.of(decimal('100'));
    const loss = new DailyLoss({
      limits: () => ({ defaults: { maxDailyLoss: decimal('10') }, perSymbol: {} }),
      positions: () => positions,
      reference: () => mark,
      clock,
      onBreach: (breach) => told.push(breach),
    });
    positions.fill('BTC-USD', 'buy', decimal('2'), decimal('100'), NOON);
    positions.fill('BTC-USD', 'sell', decimal('1'), decimal('50'), NOON);
    // Yesterday's realised loss of 50 stands until the clock, read again, is past midnight.
    loss.marked('BTC-USD');
    expect(told).toEqual([]);
    expect(loss.breaches()).toEqual([]);
    expect(loss.pnl('BTC-USD').toFixed()).toBe('0');
  });
});
