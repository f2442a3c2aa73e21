import type { ReplayOrder } from '../replay/replay-order.js';
import { ReplayFlagError, type RunOptionFlag, runOptions } from './replay-flags.js';
import type { ReplayJob } from './replay-job.js';

/** The run options a sweep may vary, by flag name; `algo` and `params.NAME` vary the orders. */
const OPTION_KEYS: readonly RunOptionFlag[] = [
  'seed',
  'decision-latency',
  'entry-latency',
  'response-latency',
  'fill-model',
];

/**
 * The jobs of `--sweep KEY=V1,V2,...`: `base` once per value, with the run option KEY (seed,
 * decision-latency, entry-latency, response-latency, fill-model), the orders' algorithm (`algo`)
 * or one of their params (`params.NAME`, a JSON value or else text) set to it. Each is labelled
 * `KEY=V`. Throws a ReplayFlagError naming --sweep for a bad key or value; `check` may refuse a
 * job's orders (an algorithm refusing their params), named with the value.
 */
export function sweepJobs(
  base: ReplayJob,
  sweep: string,
  check: (orders: readonly ReplayOrder[]) => string | undefined,
): ReplayJob[] {
  const match = /^([^=]+)=(.+)$/.exec(sweep);
  if (match === null)
    throw new ReplayFlagError(`--sweep: expected KEY=V1,V2, got ${JSON.stringify(sweep)}`);
  const key = match[1]!;
  const values = match[2]!.split(',').map((value) => value.trim());
  if (values.some((value) => value === '') || new Set(values).size !== values.length) {
    throw new ReplayFlagError(
      `--sweep: expected distinct, non-empty values, got ${JSON.stringify(match[2])}`,
    );
  }
  const vary = variation(key);
  return values.map((value) => {
    const label = `${key}=${value}`;
    let job: ReplayJob;
    try {
      job = { ...vary(base, value), label };
    } catch (error) {
      if (!(error instanceof ReplayFlagError)) throw error;
      throw new ReplayFlagError(`--sweep ${label}: ${error.message.replace(/^--[\w-]+: /, '')}`);
    }
    const problem = check(job.orders);
    if (problem !== undefined) throw new ReplayFlagError(`--sweep ${label}: ${problem}`);
    return job;
  });
}

type Variation = (base: ReplayJob, value: string) => ReplayJob;

function variation(key: string): Variation {
  if ((OPTION_KEYS as readonly string[]).includes(key)) {
    const flag = key as RunOptionFlag;
    return (base, value) => ({
      ...base,
      options: { ...base.options, ...runOptions({ [flag]: value }) },
    });
  }
  if (key === 'algo') {
    return (base, value) => ({
      ...base,
      orders: base.orders.map((order) => ({ ...order, algo: value })),
    });
  }
  const param = /^params\.(\w+)$/.exec(key)?.[1];
  if (param !== undefined) {
    return (base, value) => ({
      ...base,
      orders: base.orders.map((order) => ({
        ...order,
        params: { ...order.params, [param]: jsonOrText(value) },
      })),
    });
  }
  throw new ReplayFlagError(
    `--sweep: unknown key ${JSON.stringify(key)} (expected algo, params.NAME, ${OPTION_KEYS.join(', ')})`,
  );
}

/** A sweep value as JSON when it reads as JSON (`60000`, `true`), else as the text itself. */
function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
