import { AlgoError } from './algo-error.js';
import type { AlgoName } from './algo-factory.js';
import { type AlgoParams, checkParamNames } from './params.js';
import { parseTwapParams } from './twap.js';

/** How each reference algorithm reads its params, throwing AlgoError for ones it refuses. */
const PARAM_CHECKS: Readonly<Record<AlgoName, (params: AlgoParams) => unknown>> = {
  take: (params) => checkParamNames('take', params, []),
  peg: (params) => checkParamNames('peg', params, []),
  twap: parseTwapParams,
};

/**
 * Why a reference algorithm refuses an order's params (naming the param), or undefined when it
 * takes them or is not a reference algorithm (its factory decides then). Intake asks before it
 * journals anything, so an order refused for its params takes no order ID and leaves no row.
 */
export function algoParamsProblem(algo: string, params: AlgoParams): string | undefined {
  const check = Object.hasOwn(PARAM_CHECKS, algo) ? PARAM_CHECKS[algo as AlgoName] : undefined;
  try {
    check?.(params);
    return undefined;
  } catch (error) {
    if (error instanceof AlgoError) return error.message;
    throw error;
  }
}
