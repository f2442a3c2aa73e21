import { decimal } from '../../market/decimal.js';
import { SeededRandom, streamSeed } from './seeded-random.js';
import { DEFAULT_SYMBOLS, type SimulatedSymbol } from './simulated-symbol.js';

/** The form a simulated symbol's name takes: BASE-QUOTE, capital letters and digits, 1–12 each. */
export const SIMULATED_SYMBOL_FORM = /^[A-Z0-9]{1,12}-[A-Z0-9]{1,12}$/;

/** The accepted form in words, for error messages. */
const FORM_TEXT = 'BASE-QUOTE, capital letters and digits (1 to 12 each), such as DOGE-USD';

/** A symbol name the simulated market cannot list, named with the form it accepts. */
export class UnknownSimulatedSymbolError extends Error {
  override readonly name = 'UnknownSimulatedSymbolError';
}

/** Base seed of the name hash: fixed, so a name's spec never depends on the market's seed. */
const SPEC_SEED = 0x5eed5;
/** Powers of ten a generated start price may have: 0.01 to 99,000. */
const MIN_EXPONENT = -2;
const MAX_EXPONENT = 4;
/** Widest spreads and quote sizes a generated symbol may have, as in DEFAULT_SYMBOLS. */
const SPREAD_TICKS = [2, 3, 5, 10, 20, 50] as const;
const QUOTE_LOTS = [2000, 5000, 10000] as const;
/** Largest mid move per quote, relative to the start price (DEFAULT_SYMBOLS': 3e-5 to 7e-5). */
const STEP_SHARES = [2e-5, 3e-5, 5e-5, 7e-5, 1e-4] as const;

/** 10^n as exact decimal text, such as `"0.001"` or `"100"`. */
function powerOfTen(n: number): string {
  return n >= 0 ? `1${'0'.repeat(n)}` : `0.${'0'.repeat(-n - 1)}1`;
}

/**
 * The spec of a symbol outside DEFAULT_SYMBOLS, drawn from a hash of its name alone, so that
 * every process (exo, the standalone venue) simulates the same market for it. Its start price has
 * two significant digits times a power of ten (0.01 to 99,000); the tick is the power of ten five
 * places below the price's (100,000 to 990,000 ticks) and the lot its inverse (a lot worth 1 to
 * 9.9 quote units), the way the defaults are specified.
 */
export function generatedSymbol(symbol: string): SimulatedSymbol {
  const random = new SeededRandom(streamSeed(SPEC_SEED, symbol));
  const pick = <T>(choices: readonly T[]): T => choices[random.integer(0, choices.length - 1)]!;
  const exponent = random.integer(MIN_EXPONENT, MAX_EXPONENT);
  const mantissa = random.integer(10, 99);
  const tick = powerOfTen(exponent - 5);
  const price = decimal(String(mantissa))
    .times(powerOfTen(exponent - 1))
    .toFixed();
  const startTicks = mantissa * 10_000;
  const quoteLots = pick(QUOTE_LOTS);
  return {
    symbol,
    price,
    tick,
    lot: powerOfTen(-exponent),
    maxSpreadTicks: pick(SPREAD_TICKS),
    maxStepTicks: Math.max(1, Math.round(startTicks * pick(STEP_SHARES))),
    quoteLots,
    tradeLots: quoteLots / 5,
  };
}

/**
 * The simulated market's symbol named `symbol`: its DEFAULT_SYMBOLS entry when it has one (their
 * prices never change), otherwise generatedSymbol's. Throws UnknownSimulatedSymbolError when the
 * name is not of SIMULATED_SYMBOL_FORM.
 */
export function simulatedSymbolNamed(symbol: string): SimulatedSymbol {
  const listed = DEFAULT_SYMBOLS.find((spec) => spec.symbol === symbol);
  if (listed !== undefined) return listed;
  if (!SIMULATED_SYMBOL_FORM.test(symbol)) {
    throw new UnknownSimulatedSymbolError(
      `the simulated market cannot list ${JSON.stringify(symbol)}: expected ${FORM_TEXT}`,
    );
  }
  return generatedSymbol(symbol);
}

/**
 * The specs of the simulated symbols `symbols` names, or DEFAULT_SYMBOLS when absent: the one
 * source of what exo's own simulated market and the standalone venue list, so both agree on every
 * grid. A name given twice is listed once. Throws UnknownSimulatedSymbolError naming a bad name.
 */
export function simulatedSymbolsNamed(symbols?: readonly string[]): readonly SimulatedSymbol[] {
  if (symbols === undefined) return DEFAULT_SYMBOLS;
  return [...new Set(symbols)].map(simulatedSymbolNamed);
}
