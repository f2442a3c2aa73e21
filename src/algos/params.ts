import { AlgoError } from './algo-error.js';

/** An algorithm's parameters as the client sent them. */
export type AlgoParams = Readonly<Record<string, unknown>>;

/**
 * Refuses parameters an algorithm does not know (a typo must not silently run with defaults),
 * naming the first one; absent params count as none.
 */
export function checkParamNames(
  algo: string,
  params: AlgoParams | undefined,
  known: readonly string[],
): AlgoParams {
  if (params === undefined) return {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new AlgoError('params', `${algo} expects an object`);
  }
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      const expected = known.length === 0 ? 'none' : known.join(', ');
      throw new AlgoError(`params.${name}`, `${algo} has no such parameter (expected ${expected})`);
    }
  }
  return params;
}

/** Bounds and default of an integer parameter. */
export interface IntegerParam {
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
}

/** An integer parameter within bounds, or its default when absent; names the param when refused. */
export function integerParam(
  algo: string,
  params: AlgoParams,
  name: string,
  bounds: IntegerParam,
): number {
  const value = params[name];
  if (value === undefined) return bounds.fallback;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < bounds.min ||
    value > bounds.max
  ) {
    throw new AlgoError(
      `params.${name}`,
      `${algo} expects an integer from ${bounds.min} to ${bounds.max}, got ${describe(value)}`,
    );
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  return value === null ? 'null' : typeof value;
}
