/** The reference execution algorithms (take, peg, twap) and the factory that picks them by name. */
export { AlgoDelegate, type AlgoSetup, type RestoredAlgo } from './algo-delegate.js';
export { AlgoError } from './algo-error.js';
export {
  ALGO_NAMES,
  type AlgoConstructor,
  type AlgoFactoryOptions,
  type AlgoName,
  createAlgoFactory,
  REFERENCE_ALGOS,
} from './algo-factory.js';
export { type InflightOptions, InflightWatch } from './inflight-watch.js';
export type { InstrumentLookup, InstrumentSpec } from './instrument.js';
export { algoParamsProblem } from './param-checks.js';
export { type AlgoParams, checkParamNames, type IntegerParam, integerParam } from './params.js';
export { createPeg, Peg } from './peg.js';
export { createTake, Take } from './take.js';
export {
  createTwap,
  parseTwapParams,
  TWAP_DEFAULTS,
  Twap,
  type TwapCheckpoint,
  type TwapParams,
} from './twap.js';
