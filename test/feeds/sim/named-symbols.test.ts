import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import {
  DEFAULT_SYMBOLS,
  generatedSymbol,
  SIMULATED_SYMBOL_FORM,
  SimulatedMarket,
  simulatedSymbolNamed,
  simulatedSymbolsNamed,
  UnknownSimulatedSymbolError,
} from '../../../src/feeds/sim/index.js';
import { decimal } from '../../../src/market/decimal.js';

/** Any name of the accepted form: BASE-QUOTE, capitals and digits, 1 to 12 each. */
const part = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((chars) => chars.join(''));
const names = fc.tuple(part, part).map(([base, quote]) => `${base}-${quote}`);

describe('simulated symbols named BASE-QUOTE', () => {
  it('keeps the three defaults exactly', () => {
    for (const spec of DEFAULT_SYMBOLS) expect(simulatedSymbolNamed(spec.symbol)).toBe(spec);
    expect(simulatedSymbolsNamed()).toBe(DEFAULT_SYMBOLS);
  });

  it('generates the same spec for the same name, on valid grids', () => {
    fc.assert(
      fc.property(names, (name) => {
        expect(SIMULATED_SYMBOL_FORM.test(name)).toBe(true);
        const spec = generatedSymbol(name);
        expect(generatedSymbol(name)).toEqual(spec);
        expect(spec.symbol).toBe(name);
        const tick = decimal(spec.tick);
        const lot = decimal(spec.lot);
        const price = decimal(spec.price);
        expect(tick.gt(0) && lot.gt(0) && price.gt(0)).toBe(true);
        // A price on the tick grid, and a tick and a lot that are powers of ten.
        expect(price.mod(tick).eq(0)).toBe(true);
        expect(/^(1|10*|0\.0*1)$/.test(tick.toFixed())).toBe(true);
        expect(/^(1|10*|0\.0*1)$/.test(lot.toFixed())).toBe(true);
        const lotValue = Number(price.times(lot).toFixed());
        expect(lotValue).toBeGreaterThanOrEqual(1);
        expect(lotValue).toBeLessThan(10);
        for (const count of [
          spec.maxSpreadTicks,
          spec.maxStepTicks,
          spec.quoteLots,
          spec.tradeLots,
        ])
          expect(Number.isSafeInteger(count) && count >= 1).toBe(true);
        // The market accepts it.
        new SimulatedMarket({ clock: new VirtualClock(0), symbols: [spec] }).close();
      }),
      { numRuns: 300 },
    );
  });

  it('gives different names different markets', () => {
    fc.assert(
      fc.property(fc.uniqueArray(names, { minLength: 8, maxLength: 8 }), (eight) => {
        const shapes = new Set(
          eight.map((name) => {
            const { symbol: _, ...rest } = generatedSymbol(name);
            return JSON.stringify(rest);
          }),
        );
        expect(shapes.size).toBeGreaterThan(1);
      }),
    );
    expect(generatedSymbol('DOGE-USD')).not.toEqual({
      ...generatedSymbol('XRP-USD'),
      symbol: 'DOGE-USD',
    });
  });

  it('refuses a name of another form, naming it and the form', () => {
    fc.assert(
      fc.property(
        fc.string().filter((name) => !SIMULATED_SYMBOL_FORM.test(name)),
        (name) => {
          expect(() => simulatedSymbolNamed(name)).toThrow(UnknownSimulatedSymbolError);
          expect(() => simulatedSymbolNamed(name)).toThrow(JSON.stringify(name));
        },
      ),
    );
    expect(() => simulatedSymbolsNamed(['DOGE-USD', 'doge-usd'])).toThrow(
      'the simulated market cannot list "doge-usd": expected BASE-QUOTE',
    );
  });

  it('lists a name given twice once', () => {
    expect(simulatedSymbolsNamed(['DOGE-USD', 'DOGE-USD']).map((s) => s.symbol)).toEqual([
      'DOGE-USD',
    ]);
  });
});
