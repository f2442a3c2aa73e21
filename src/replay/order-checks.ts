import { algoParamsProblem } from '../algos/param-checks.js';
import type { RecordingSpan } from './recording-span.js';
import type { ReplayOrder } from './replay-order.js';
import { isoFromUs } from './replay-time.js';

/** What an order must fit to be replayed: the recording, and the algorithms the run can build. */
export interface OrderContext {
  readonly recording: RecordingSpan;
  /** Names of the algorithms the replay's factory builds (`take`, `peg`, `twap`, or a user's). */
  readonly algos: readonly string[];
}

/** A problem with one field of an order: its path below the order (`start`, `amend[1].at`) and why. */
export interface OrderProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * The first reason an order cannot be replayed as given, or undefined when it can: its algorithm
 * unknown or refusing its params, its symbol absent from the recording, a time outside the
 * recording's span, an amend before the start or after the cancel, amends out of time order.
 */
export function orderProblem(order: ReplayOrder, context: OrderContext): OrderProblem | undefined {
  const { recording, algos } = context;
  if (!algos.includes(order.algo)) {
    return {
      field: 'algo',
      reason: `unknown algorithm ${JSON.stringify(order.algo)} (known: ${algos.join(', ')})`,
    };
  }
  const paramsProblem = algoParamsProblem(order.algo, order.params);
  if (paramsProblem !== undefined) {
    const [field, ...reason] = paramsProblem.split(': ');
    return { field: field!, reason: reason.join(': ') };
  }
  if (!recording.symbols.has(order.symbol)) {
    return { field: 'symbol', reason: `${JSON.stringify(order.symbol)} is not in the recording` };
  }
  const span = `${isoFromUs(recording.fromUs)} to ${isoFromUs(recording.toUs)}`;
  const outside = (us: number): boolean => us < recording.fromUs || us > recording.toUs;
  if (outside(order.startUs)) {
    return {
      field: 'start',
      reason: `${isoFromUs(order.startUs)} is outside the recording (${span})`,
    };
  }
  let previous = order.startUs;
  for (const [i, amend] of order.amends.entries()) {
    const field = `amend[${i}].at`;
    const at = isoFromUs(amend.atUs);
    if (amend.atUs < order.startUs) return { field, reason: `${at} is before the order starts` };
    if (amend.atUs < previous) return { field, reason: `${at} is before the amend above it` };
    if (outside(amend.atUs)) return { field, reason: `${at} is outside the recording (${span})` };
    if (order.cancelAtUs !== undefined && amend.atUs > order.cancelAtUs) {
      return { field, reason: `${at} is after the order is cancelled` };
    }
    previous = amend.atUs;
  }
  const cancel = order.cancelAtUs;
  if (cancel !== undefined && cancel < order.startUs) {
    return { field: 'cancelAt', reason: `${isoFromUs(cancel)} is before the order starts` };
  }
  if (cancel !== undefined && outside(cancel)) {
    return { field: 'cancelAt', reason: `${isoFromUs(cancel)} is outside the recording (${span})` };
  }
  return undefined;
}
