import type { Decimal } from '../market/decimal.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import type { ClientIdRules } from './client-id-format.js';
import type { VenueLink } from './venue-link.js';
import type { FillsPage, VenueFill, VenueOrderStatus } from './venue-queries.js';

export type { VenueLink, VenueRateLimit } from './venue-link.js';
export type { FillsPage, VenueFill, VenueOrderStatus } from './venue-queries.js';

/** A child order as exo sends it to a venue, on behalf of one parent (exo) order. */
export interface ChildOrderRequest {
  /**
   * Unique per child, `<parentId>-<n>`: the child's identity for good, and the client ID it is
   * sent under. A venue that renames on replace names it by later IDs too (see newClOrdId).
   */
  readonly clOrdId: string;
  /** The exo order this child works for: every report about it carries this as `orderId`. */
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  /** Absent for a market order. */
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
  /**
   * When exo made the child (its createdAt): the time its journaled intent carries, so the child
   * shows the same after a restart. exo's own bookkeeping; venues need not read it.
   */
  readonly time?: number;
}

/** A change to a working child: a new total quantity and/or a new limit price. */
export interface ChildReplaceRequest {
  /** The child's identity (a venue that renamed it gets the name it knows it by). */
  readonly clOrdId: string;
  /**
   * A fresh client ID for a venue whose replaces may rename the order (Venue.clientIds): it
   * names the order from then on if the venue renames it, and is never used otherwise. Exo
   * journals it before the request leaves, so reports under it are matched across a restart.
   */
  readonly newClOrdId?: string;
  readonly quantity?: Decimal;
  readonly limitPrice?: Decimal;
  /** When exo asked (see ChildOrderRequest.time); venues need not read it. */
  readonly time?: number;
  /**
   * What exo has applied of the child's fills when it asked. A venue whose replace places a new
   * order for what is left (Binance's cancelReplace) counts from the larger of this and its own
   * figure: after a restart it may know only the order working now, not the fills of the orders
   * the child had before it.
   */
  readonly cumQty?: Decimal;
}

/**
 * Where a venue's execution reports go: the dispatcher's `report`, which routes them by `orderId`.
 * With each report the venue passes, where it can, its fills cursor as of that report (opaque
 * text, see VenueFill.cursor): `fillsSince(cursor)` then lists every fill reported after it. The
 * journal records it, and a restart asks `fillsSince` from the last one journaled.
 */
export type ReportSink = (report: Report, cursor?: string) => void;

/** Hears whether a venue is connected (see Venue.onConnection). */
export type ConnectionListener = (connected: boolean) => void;

/**
 * A place to send child orders. Requests return at once; what happens to them comes back later
 * as execution reports (acknowledgements, fills, cancels, rejects with a reason), each with
 * `orderId` = the parent's ID and `clOrdId` = the child's. A request the venue refuses is a
 * report with status `rejected` (or exec type `cancel_rejected`/`replace_rejected`), never a throw.
 * A request whose outcome the adapter cannot know (its answer timed out; an error that means
 * maybe, as Binance's -1007 or a 5xx) is a report with exec type `unknown` and the child's pending
 * status: exo never sends it again, and resolves it from a later report or `orderStatus`. An
 * adapter never retries such a request itself either.
 */
export interface Venue {
  readonly name: string;
  /**
   * The client order IDs it accepts, and whether a replace may rename the order; absent: any ID
   * exo makes is accepted, and replaces amend in place.
   */
  readonly clientIds?: ClientIdRules;
  /** Connects the venue's reports to their destination; called once, before any request. */
  onReport(sink: ReportSink): void;
  /** Venues that number reports treat a repeat of a known clOrdId with the same terms as a status request. */
  submit(request: ChildOrderRequest): void;
  replace(request: ChildReplaceRequest): void;
  /** `time` is when exo asked (see ChildOrderRequest.time); venues need not read it. */
  cancel(clOrdId: string, time?: number): void;
  /**
   * The working orders whose clOrdId starts with `prefix` (all working orders without one): how a
   * restarted exo finds its children, and orphans under its prefix, still open at the venue.
   */
  openOrders(prefix?: string): Promise<VenueOrderStatus[]>;
  /** Where one child stands, terminal ones included; undefined when the venue does not know it. */
  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined>;
  /**
   * Every fill after `cursor` (from the first the venue remembers when absent), in the venue's
   * order (see FillsPage). The cursor is the adapter's own text: exo only keeps what it was given.
   */
  fillsSince(cursor?: string): Promise<FillsPage>;
  /**
   * Whether `fill` lies at or before `cursor`, so that a `fillsSince` answered up to `cursor` had
   * to list it. Venues whose cursors are ordered offer it: with it, reconciliation tells a fill
   * that `fillsSince` missed (reported as such) from one made since (not a fault).
   */
  cursorCovers?(cursor: string, fill: VenueFill): boolean;
  /**
   * Every fill of one child that the venue still remembers, in sequence order. It is how exo finds
   * an execution it missed when a report's cumQty runs ahead of the fills it applied. Venues that
   * cannot list one order's fills leave it out, and exo then books the difference as a synthetic
   * fill.
   */
  fillsOf?(clOrdId: string): Promise<VenueFill[]>;
  /**
   * Tells `listener` whether the venue is connected: at once, then at every change, until the
   * returned function is called. Venues reached over a connection offer it, so that exo can halt
   * when the venue is away too long; one always at hand (the paper venue) leaves it out.
   */
  onConnection?(listener: ConnectionListener): () => void;
  /**
   * How the link to the venue stands now (see VenueLink): venues reached over a connection offer
   * it, and exo then shows it in `/metrics`, `GET /v1/venue` and the dashboard.
   */
  link?(): VenueLink;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
