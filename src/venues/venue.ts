import type { Decimal } from '../market/decimal.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';

/** A child order as exo sends it to a venue, on behalf of one parent (exo) order. */
export interface ChildOrderRequest {
  /** Unique per child, `<parentId>-<n>`; kept across replaces (venues amend in place). */
  readonly clOrdId: string;
  /** The exo order this child works for: every report about it carries this as `orderId`. */
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  /** Absent for a market order. */
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
}

/** A change to a working child: a new total quantity and/or a new limit price. */
export interface ChildReplaceRequest {
  readonly clOrdId: string;
  readonly quantity?: Decimal;
  readonly limitPrice?: Decimal;
}

/** Where a venue's execution reports go: the dispatcher's `report`, which routes them by `orderId`. */
export type ReportSink = (report: Report) => void;

/**
 * A place to send child orders. Requests return at once; what happens to them comes back later
 * as execution reports (acknowledgements, fills, cancels, rejects with a reason), each with
 * `orderId` = the parent's ID and `clOrdId` = the child's. A request the venue refuses is a
 * report with status `rejected` (or exec type `cancel_rejected`/`replace_rejected`), never a throw.
 */
export interface Venue {
  readonly name: string;
  /** Connects the venue's reports to their destination; called once, before any request. */
  onReport(sink: ReportSink): void;
  submit(request: ChildOrderRequest): void;
  replace(request: ChildReplaceRequest): void;
  cancel(clOrdId: string): void;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
