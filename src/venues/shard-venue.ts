import type { Report } from '../market/report.js';
import { ForwardingVenue } from './forwarding-venue.js';
import type { FillsPage, ReportSink, Venue, VenueOrderStatus } from './venue.js';

/**
 * A venue seen by one shard of a sharded journal: only its own orders, those whose client ID
 * starts with the shard's prefix. Venues that report per account rather than per connection (a
 * standalone `exo venue` broadcasts every report to every session; Binance's user data stream and
 * `myTrades` cover the whole account) also deliver the orders of the other shards, which this
 * shard must neither book nor journal as unmatched fills: their reports and fills are dropped
 * here. `openOrders` asks under the prefix when not told another. A `fillsSince` page left empty
 * by the filter is followed by the next one, so an empty answer still means the end.
 */
export class ShardVenue extends ForwardingVenue {
  readonly #prefix: string;

  /** `venue`, showing only the orders under `prefix`. */
  constructor(venue: Venue, prefix: string) {
    super(venue);
    this.#prefix = prefix;
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

  override onReport(sink: ReportSink): void {
    this.inner.onReport((report: Report, cursor) => {
      if (this.owns(report)) sink(report, cursor);
    });
  }

  override openOrders(prefix: string = this.#prefix): Promise<VenueOrderStatus[]> {
    return this.inner.openOrders(prefix);
  }

  override async fillsSince(cursor?: string): Promise<FillsPage> {
    for (let from = cursor; ; ) {
      const page = await this.inner.fillsSince(from);
      const fills = page.fills.filter((fill) => this.owns(fill));
      if (fills.length > 0 || page.fills.length === 0 || page.cursor === from) {
        return { fills, cursor: page.cursor };
      }
      from = page.cursor;
    }
  }
}
