import type { OrdStatus } from '../market/ord-status.js';
import type { ChildEvent } from './child-order-transitions.js';

/**
 * An event the child-order state machine refuses in its current state (a cancel while a replace
 * is pending, a fill on a rejected order): names the child, the state and the event.
 */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';

  constructor(
    readonly clOrdId: string,
    readonly state: OrdStatus,
    readonly event: ChildEvent,
  ) {
    super(`child ${clOrdId}: ${event} is not allowed in state ${state}`);
  }
}

/**
 * A report that cannot apply to a child whatever its state: it names another child or venue
 * order, or a fill lacks its execId, quantity or price. Names the child and the problem.
 */
export class ChildReportError extends Error {
  override readonly name = 'ChildReportError';

  constructor(
    readonly clOrdId: string,
    problem: string,
  ) {
    super(`child ${clOrdId}: ${problem}`);
  }
}
