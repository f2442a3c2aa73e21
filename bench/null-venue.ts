import type {
  ChildOrderRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueOrderStatus,
} from '../src/venues/venue.js';

/**
 * A venue that does nothing but end each IOC child at once with a `canceled` report (what an IOC
 * that found nothing gets) and leave every other child resting unanswered: the floor the risk
 * benchmarks measure the checks against.
 */
export class NullVenue implements Venue {
  readonly name = 'null';
  submitted = 0;
  #sink: ReportSink | undefined;

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  submit(request: ChildOrderRequest): void {
    this.submitted++;
    if (request.timeInForce !== 'ioc') return;
    this.#sink?.({
      orderId: request.parentId,
      clOrdId: request.clOrdId,
      execType: 'canceled',
      status: 'canceled',
      transactTime: 0,
    });
  }

  replace(): void {}
  cancel(): void {}

  async openOrders(): Promise<VenueOrderStatus[]> {
    return [];
  }

  async orderStatus(): Promise<VenueOrderStatus | undefined> {
    return undefined;
  }

  async fillsSince(cursor = '0'): Promise<FillsPage> {
    return { fills: [], cursor };
  }

  async close(): Promise<void> {}
}
