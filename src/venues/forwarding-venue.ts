import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueOrderStatus,
} from './venue.js';

/**
 * A venue that passes every member of Venue on to `inner`, unchanged: the base of the venues exo
 * wraps around another (a shard's view, the journal, the child checks, renamed client IDs), so
 * that each overrides only what it changes. The optional members are the inner venue's, bound to
 * it once here (absent where it has none), and each request is one method call on: nothing is
 * allocated per call.
 */
export abstract class ForwardingVenue implements Venue {
  readonly name: string;
  readonly clientIds: Venue['clientIds'];
  readonly cursorCovers: Venue['cursorCovers'];
  readonly fillsOf: Venue['fillsOf'];
  readonly onConnection: Venue['onConnection'];
  readonly link: Venue['link'];
  /** The venue everything is passed on to. */
  protected readonly inner: Venue;

  constructor(inner: Venue) {
    this.inner = inner;
    this.name = inner.name;
    this.clientIds = inner.clientIds;
    this.cursorCovers = inner.cursorCovers?.bind(inner);
    this.fillsOf = inner.fillsOf?.bind(inner);
    this.onConnection = inner.onConnection?.bind(inner);
    this.link = inner.link?.bind(inner);
  }

  onReport(sink: ReportSink): void {
    this.inner.onReport(sink);
  }

  submit(request: ChildOrderRequest): void {
    this.inner.submit(request);
  }

  replace(request: ChildReplaceRequest): void {
    this.inner.replace(request);
  }

  cancel(clOrdId: string, time?: number): void {
    this.inner.cancel(clOrdId, time);
  }

  openOrders(prefix?: string): Promise<VenueOrderStatus[]> {
    return this.inner.openOrders(prefix);
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    return this.inner.orderStatus(clOrdId);
  }

  fillsSince(cursor?: string): Promise<FillsPage> {
    return this.inner.fillsSince(cursor);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
