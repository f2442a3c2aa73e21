import { parentIdOf } from '../venues/child-id.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  ReportSink,
  Venue,
  VenueFill,
} from '../venues/venue.js';
import type { BusyOrders } from './busy-orders.js';

/**
 * The venue as a replayed delegate reaches it: a request its order sends while deciding is held
 * until the decision's end (t + d), then sent on in the order it was sent; queries pass at once.
 * Counts every request and report, so the replay can tell that something ran.
 */
export class HeldVenue implements Venue {
  readonly name: string;
  readonly cursorCovers?: (cursor: string, fill: VenueFill) => boolean;
  readonly fillsOf?: (clOrdId: string) => Promise<VenueFill[]>;
  readonly #inner: Venue;
  readonly #busy: BusyOrders;
  /** Requests and reports so far. */
  traffic = 0;

  constructor(inner: Venue, busy: BusyOrders) {
    this.name = inner.name;
    this.#inner = inner;
    this.#busy = busy;
    if (inner.cursorCovers !== undefined) this.cursorCovers = inner.cursorCovers.bind(inner);
    if (inner.fillsOf !== undefined) this.fillsOf = inner.fillsOf.bind(inner);
  }

  onReport(sink: ReportSink): void {
    this.#inner.onReport((report, cursor) => {
      this.traffic++;
      sink(report, cursor);
    });
  }

  submit(request: ChildOrderRequest): void {
    this.#send(request.clOrdId, () => this.#inner.submit(request));
  }

  replace(request: ChildReplaceRequest): void {
    this.#send(request.clOrdId, () => this.#inner.replace(request));
  }

  cancel(clOrdId: string, time?: number): void {
    this.#send(clOrdId, () => this.#inner.cancel(clOrdId, time));
  }

  openOrders(prefix?: string) {
    return this.#inner.openOrders(prefix);
  }

  orderStatus(clOrdId: string) {
    return this.#inner.orderStatus(clOrdId);
  }

  fillsSince(cursor?: string) {
    return this.#inner.fillsSince(cursor);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  #send(clOrdId: string, send: () => void): void {
    this.traffic++;
    const until = this.#busy.busyUntil(parentIdOf(clOrdId));
    if (until === undefined) send();
    else this.#busy.at(until, send);
  }
}
