import { type Decimal, decimal } from '../../market/decimal.js';
import { roundToTick } from '../../market/units.js';

/** How one symbol of the simulated market behaves: its grid, its starting price and its activity. */
export interface SimulatedSymbol {
  readonly symbol: string;
  /** Starting mid price, such as `"65000"`; put on the tick grid. */
  readonly price: string | Decimal;
  /** Price increment: every price is a whole number of ticks. */
  readonly tick: string | Decimal;
  /** Quantity increment: every size is a whole number of lots. */
  readonly lot: string | Decimal;
  /** The widest spread, in ticks; each quote's spread lies between one tick and this, mostly narrow. */
  readonly maxSpreadTicks: number;
  /** The largest move of the mid on one quote, in ticks. */
  readonly maxStepTicks: number;
  /** Average size on each side of the touch, in lots. */
  readonly quoteLots: number;
  /** Average size of a trade, in lots. */
  readonly tradeLots: number;
}

/** Plausible crypto pairs, for the embedded default service and for tests. */
export const DEFAULT_SYMBOLS: readonly SimulatedSymbol[] = Object.freeze([
  {
    symbol: 'BTC-USD',
    price: '65000',
    tick: '0.01',
    lot: '0.0001',
    maxSpreadTicks: 50,
    maxStepTicks: 200,
    quoteLots: 5000,
    tradeLots: 1000,
  },
  {
    symbol: 'ETH-USD',
    price: '3500',
    tick: '0.01',
    lot: '0.001',
    maxSpreadTicks: 10,
    maxStepTicks: 10,
    quoteLots: 5000,
    tradeLots: 1000,
  },
  {
    symbol: 'SOL-USD',
    price: '150',
    tick: '0.01',
    lot: '0.01',
    maxSpreadTicks: 3,
    maxStepTicks: 1,
    quoteLots: 10000,
    tradeLots: 2000,
  },
]);

/** A symbol's configuration checked and made exact: decimals parsed, the start price in ticks. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly tick: Decimal;
  readonly lot: Decimal;
  readonly startTicks: number;
  readonly maxSpreadTicks: number;
  readonly maxStepTicks: number;
  readonly quoteLots: number;
  readonly tradeLots: number;
}

/** Largest tick count a price may reach, so that tick arithmetic in numbers stays exact. */
const MAX_TICKS = 2 ** 40;

/** Checks a symbol's configuration, throwing a RangeError that names the symbol and field. */
export function symbolSpec(config: SimulatedSymbol): SymbolSpec {
  const { symbol } = config;
  if (typeof symbol !== 'string' || symbol === '' || symbol.trim() !== symbol) {
    throw new RangeError(`simulated symbol ${JSON.stringify(symbol)}: expected a non-empty name`);
  }
  const fail = (field: string, problem: string): RangeError =>
    new RangeError(`simulated symbol ${symbol}: ${field} ${problem}`);
  const positive = (field: string, value: string | Decimal): Decimal => {
    let parsed: Decimal;
    try {
      parsed = decimal(value);
    } catch {
      throw fail(field, `must be a decimal, got ${String(value)}`);
    }
    if (!parsed.gt(0)) throw fail(field, `must be positive, got ${parsed.toFixed()}`);
    return parsed;
  };
  const count = (field: string, value: number): number => {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw fail(field, `must be a whole number of at least 1, got ${value}`);
    }
    return value;
  };
  const tick = positive('tick', config.tick);
  const lot = positive('lot', config.lot);
  const start = roundToTick(positive('price', config.price), tick);
  const startTicks = Number(start.div(tick).toFixed(0));
  const maxSpreadTicks = count('maxSpreadTicks', config.maxSpreadTicks);
  if (startTicks <= maxSpreadTicks || startTicks > MAX_TICKS) {
    throw fail('price', `must lie between ${maxSpreadTicks + 1} and ${MAX_TICKS} ticks`);
  }
  return {
    symbol,
    tick,
    lot,
    startTicks,
    maxSpreadTicks,
    maxStepTicks: count('maxStepTicks', config.maxStepTicks),
    quoteLots: count('quoteLots', config.quoteLots),
    tradeLots: count('tradeLots', config.tradeLots),
  };
}
