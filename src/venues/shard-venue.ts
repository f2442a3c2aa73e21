import type { Report } from '../market/report.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueOrderStatus,
} from './venue.js';

/**
 * A venue seen by one shard of a sharded journal: only its own orders, those whose client ID
 * starts with the shard's prefix. Venues that report per account rather than per connection (a
 * standalone `exo venue` broadcasts every report to every session; Binance's user data stream and
 * `myTrades` cover the whole account) also deliver the orders of the other shards, which this
 * shard must neither book nor journal as unmatched fills: their reports and fills are dropped
 * here. `openOrders` asks under the prefix when not told another. A `fillsSince` page left empty
 * by the filter is followed by the next one, so an empty answer still means the end.
 */
export class ShardVenue implements Venue {
  readonly name: string;
  readonly clientIds: Venue['clientIds'];
  readonly cursorCovers: Venue['cursorCovers'];
  readonly onConnection: Venue['onConnection'];
  readonly fillsOf: Venue['fillsOf'];
  readonly link: Venue['link'];
  readonly #venue: Venue;
  readonly #prefix: string;

  /** `venue`, showing only the orders under `prefix`. */
  constructor(venue: Venue, prefix: string) {
    this.#venue = venue;
    this.#prefix = prefix;
    this.name = venue.name;
    this.clientIds = venue.clientIds;
    this.cursorCovers = venue.cursorCovers?.bind(venue);
    this.onConnection = venue.onConnection?.bind(venue);
    this.fillsOf = venue.fillsOf?.bind(venue);
    this.link = venue.link?.bind(venue);
  }

  /** Whether a report or fill names one of this shard's orders. */
  owns(item: {
    readonly orderId?: string;
    readonly parentId?: string;
    readonly clOrdId?: string;
  }): boolean {
    const id = item.clOrdId ?? item.parentId ?? item.orderId;
    return id?.startsWith(this.#prefix) === true;
  }

  onReport(sink: ReportSink): void {
    this.#venue.onReport((report: Report, cursor) => {
      if (this.owns(report)) sink(report, cursor);
    });
  }

  submit(request: ChildOrderRequest): void {
    this.#venue.submit(request);
  }

  replace(request: ChildReplaceRequest): void {
    this.#venue.replace(request);
  }

  cancel(clOrdId: string, time?: number): void {
    this.#venue.cancel(clOrdId, time);
  }

  openOrders(prefix: string = this.#prefix): Promise<VenueOrderStatus[]> {
    return this.#venue.openOrders(prefix);
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    return this.#venue.orderStatus(clOrdId);
  }

  async fillsSince(cursor?: string): Promise<FillsPage> {
    for (let from = cursor; ; ) {
      const page = await this.#venue.fillsSince(from);
      const fills = page.fills.filter((fill) => this.owns(fill));
      if (fills.length > 0 || page.fills.length === 0 || page.cursor === from) {
        return { fills, cursor: page.cursor };
      }
      from = page.cursor;
    }
  }

  close(): Promise<void> {
    return this.#venue.close();
  }
}
