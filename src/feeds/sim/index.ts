/** The simulated market: a seeded, bursty random-walk feed, and a scripted one for tests. */
export {
  generatedSymbol,
  SIMULATED_SYMBOL_FORM,
  simulatedSymbolNamed,
  simulatedSymbolsNamed,
  UnknownSimulatedSymbolError,
} from './named-symbols.js';
export { ScriptedMarket } from './scripted-market.js';
export { SeededRandom, streamSeed } from './seeded-random.js';
export {
  type Instrument,
  SimulatedMarket,
  type SimulatedMarketOptions,
} from './simulated-market.js';
export { DEFAULT_SYMBOLS, type SimulatedSymbol } from './simulated-symbol.js';
export { UnknownSymbolError } from './unknown-symbol-error.js';
