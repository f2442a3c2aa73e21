import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import {
  moreRestrictive,
  refusingState,
  TRADING_STATES,
  tradingRefusalText,
} from '../../src/market/trading-state.js';
import { riskReportText } from '../../src/risk/risk-checked-venue.js';
import { type GateState, tradingStateRefusal } from '../../src/risk/trading-gate.js';
import { TradingStates } from '../../src/risk/trading-states.js';

const GLOBAL = { scope: 'global' } as const;
const LOT = decimal('0.0001');

/** A whole number of lots, as a decimal. */
const lots = (min: number, max: number) =>
  fc.integer({ min, max }).map((n): Decimal => LOT.times(n));

function gate(state: GateState['state']): GateState {
  return { state, scope: GLOBAL };
}

describe('the trading-state gate', () => {
  it('active lets everything through; halted refuses every order, naming the symbol and scope', () => {
    fc.assert(
      fc.property(
        lots(1, 10_000),
        lots(0, 10_000),
        fc.constantFrom<Side>('buy', 'sell'),
        (q, n, side) => {
          const terms = { symbol: 'BTC-USD', side, quantity: q };
          expect(tradingStateRefusal(gate('active'), terms, ZERO, n)).toBeUndefined();
          const refusal = tradingStateRefusal(gate('halted'), terms, ZERO, n);
          expect(refusal?.rule).toBe('halted');
          expect(refusal?.message).toBe('halted: BTC-USD is halted (global): no new orders');
        },
      ),
    );
  });

  it('reducing: on the side against the position, quantity plus what is open up to |net| passes, one lot more refuses', () => {
    fc.assert(
      fc.property(
        lots(2, 10_000),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        (size, long, openShare) => {
          const net = long ? size : size.neg();
          const side: Side = long ? 'sell' : 'buy';
          const open = LOT.times(Math.floor(((size.div(LOT).toNumber() - 1) * openShare) / 100));
          const room = size.minus(open);
          const at = { symbol: 'BTC-USD', side, quantity: room };
          expect(tradingStateRefusal(gate('reducing'), at, open, net)).toBeUndefined();
          const over = { ...at, quantity: room.plus(LOT) };
          const refusal = tradingStateRefusal(gate('reducing'), over, open, net);
          expect(refusal).toMatchObject({
            rule: 'reducing',
            limit: size.toString(),
            value: room.plus(LOT).plus(open).toString(),
          });
          expect(refusal?.message).toMatch(/^reducing: BTC-USD is reducing \(global\): /);
        },
      ),
    );
  });

  it('reducing refuses any order on the side of the position, and every order while flat', () => {
    fc.assert(
      fc.property(lots(1, 10_000), lots(1, 10_000), fc.boolean(), (q, size, long) => {
        const side: Side = long ? 'buy' : 'sell';
        const net = long ? size : size.neg();
        const terms = { symbol: 'ETH-USD', side, quantity: q };
        expect(tradingStateRefusal(gate('reducing'), terms, ZERO, net)?.message).toContain(
          `a ${side} does not reduce the position ${net.toString()}`,
        );
        expect(tradingStateRefusal(gate('reducing'), terms, ZERO, ZERO)?.rule).toBe('reducing');
      }),
    );
  });

  it("a refused child's report text names the state, and delegates read the state back from it", () => {
    for (const state of ['halted', 'reducing'] as const) {
      const refusal = tradingStateRefusal(
        gate(state),
        { symbol: 'BTC-USD', side: 'buy', quantity: LOT },
        ZERO,
        ZERO,
      )!;
      const text = riskReportText(refusal);
      expect(text.startsWith(tradingRefusalText(state, ''))).toBe(true);
      expect(refusingState(text)).toBe(state);
    }
    expect(refusingState('risk: maxChildQuantity: child quantity 2 is beyond the limit 1')).toBe(
      undefined,
    );
    expect(refusingState(undefined)).toBeUndefined();
  });
});

describe('TradingStates', () => {
  it('a symbol trades under the stricter of the global state and its own, whichever set it', () => {
    for (const global of TRADING_STATES) {
      for (const own of TRADING_STATES) {
        const states = new TradingStates();
        states.set({ scope: 'global' }, global);
        states.set({ scope: 'symbol', symbol: 'BTC-USD' }, own);
        const strictest =
          TRADING_STATES.indexOf(global) >= TRADING_STATES.indexOf(own) ? global : own;
        expect(states.effective('BTC-USD')).toBe(strictest);
        expect(moreRestrictive(own, global)).toBe(strictest);
        expect(states.effective('ETH-USD')).toBe(global);
        expect(states.own('BTC-USD')).toBe(own);
      }
    }
  });

  it('come back the same from their JSON; a bad state is a ParseError naming the field', () => {
    const states = new TradingStates();
    states.set({ scope: 'global' }, 'reducing');
    states.set({ scope: 'symbol', symbol: 'SOL-USD' }, 'halted');
    const again = TradingStates.fromJSON(states.toJSON());
    expect(again.toJSON()).toEqual(states.toJSON());
    expect(again.effective('SOL-USD')).toBe('halted');
    states.set({ scope: 'symbol', symbol: 'SOL-USD' }, 'active');
    expect([...states.symbols().keys()]).toEqual([]);
    expect(() => TradingStates.fromJSON({ global: 'stopped', symbols: {} })).toThrow(
      'tradingStates.global: expected active, reducing or halted, got "stopped"',
    );
    expect(() => TradingStates.fromJSON({ global: 'active', symbols: { X: 1 } })).toThrow(
      'tradingStates.symbols.X',
    );
  });
});
